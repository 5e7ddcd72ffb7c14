package org.flowlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import picocli.CommandLine.Option;

/**
 * The options every command that evaluates a trained model shares: which file, and which weights. By default the
 * weight average (what the app shows; saved since 0.2), else the raw weights; {@code --raw-weights} forces the raw
 * ones.
 */
final class ModelOptions {

    @Option(names = "--model", required = true,
            description = "A model (.zip) or a session (.flowlab) written by 'flowlab train' or the app.")
    Path model;

    @Option(names = "--raw-weights",
            description = "Use the raw weights instead of their average (the average is what the app shows; "
                    + "files from before it was saved have only the raw weights).")
    boolean rawWeights;

    private ModelFile.Contents contents;

    /** The model file, read once. */
    ModelFile.Contents contents() throws IOException {
        if (contents == null) {
            contents = ModelFile.load(model);
        }
        return contents;
    }

    /** The chosen weights of the model file. */
    WeightsSnapshot weights() throws IOException {
        ModelFile.Contents c = contents();
        return rawWeights ? c.weights() : c.display();
    }

    /** A network holding the chosen weights, on a compute thread chosen for the backend. */
    Network network() throws IOException {
        return network(weights());
    }

    /** A network holding these weights, on a compute thread chosen for the backend. */
    static Network network(WeightsSnapshot weights) {
        return Network.of(ComputeThread.forBackend(), weights);
    }
}
