package org.flowlab.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.ClassSet;
import org.flowlab.density.DensityClass;
import org.flowlab.io.BadFileException;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional models and labelled densities through model files and sessions; old files still load. */
class ConditionalFilesTest {

    @TempDir
    Path dir;

    static final ClassSet CLASSES = new ClassSet(List.of(new DensityClass("cat", 0xFF0000),
            new DensityClass("dog, big", 0x00FF00), new DensityClass("émeu", 0x0000FF)), new double[]{1, 2, 1});

    @Test
    void conditionalModelsKeepTheirClassesAndNumbers() throws IOException {
        for (NetworkKind kind : NetworkKind.values()) {
            ModelConfig mc = ModelConfig.defaults(kind, 4).withClasses(3);
            WeightsSnapshot w = Network.initialWeights(ComputeThread.direct(), mc);
            Path f = dir.resolve(kind + ".zip");
            TrainingConfig tc = TrainingConfig.defaults(1).withLabelDropout(0.3);
            ModelFile.save(f, w, null, tc, CLASSES);
            ModelFile.Contents c = ModelFile.load(f);
            assertEquals(mc, c.weights().config());
            assertEquals(3, c.weights().config().classes());
            assertArrayEquals(w.params(), c.weights().params(), 0f);
            assertEquals(CLASSES.classes(), c.classes().classes());
            assertArrayEquals(CLASSES.shares(), c.classes().shares(), 1e-15);
            assertEquals(0.25, c.classes().share(0), 1e-15);
            assertEquals(0.3, c.training().labelDropout());
            // A conditional model without its classes is refused, and so are classes on an unconditional one.
            assertThrows(IllegalArgumentException.class, () -> ModelFile.save(dir.resolve("bad.zip"), w, null, tc));
        }
        WeightsSnapshot plain = Network.initialWeights(ComputeThread.direct(), ModelConfig.defaults(NetworkKind.MLP, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(dir.resolve("bad2.zip"), plain, null, null, CLASSES));
        Path p = dir.resolve("plain.zip");
        ModelFile.save(p, plain, null, null);
        assertNull(ModelFile.load(p).classes(), "an unconditional model has no classes");
    }

    @Test
    void sessionsKeepTheLabelledDensityAndTheModelsClasses() throws IOException {
        ModelConfig mc = ModelConfig.defaults(NetworkKind.MLP, 4).withClasses(3);
        WeightsSnapshot w = Network.initialWeights(ComputeThread.direct(), mc);
        int size = 8;
        float[] layers = new float[3 * size * size];
        float[] total = new float[size * size];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = (i * 7 % 11) / 10f;
            total[i % (size * size)] += layers[i];
        }
        List<DensityClass> dc = CLASSES.classes();
        Session s = new Session(total, size, 4, "painted", TrainingConfig.defaults(2), w, null,
                new LossHistory().view(), new LossHistory().view(), Map.of(), dc, layers, CLASSES);
        Path f = dir.resolve("s.flowlab");
        SessionFile.save(f, s);
        Session back = SessionFile.load(f);
        assertArrayEquals(layers, back.classLayers(), 0f);
        assertArrayEquals(total, back.densityMass(), 0f);
        assertEquals(dc, back.densityClasses());
        assertEquals(CLASSES.classes(), back.classes().classes());
        assertEquals(3, ModelFile.load(f).classes().size(), "commands read a session's classes too");
    }

    @Test
    void aConditionalSessionKeepsItsTrainingHistoryToo() throws IOException {
        ModelConfig mc = ModelConfig.defaults(NetworkKind.MLP, 4).withClasses(3);
        WeightsSnapshot w0 = Network.initialWeights(ComputeThread.direct(), mc);
        float[] p1 = w0.params().clone();
        p1[0] += 0.25f;
        WeightsSnapshot w1 = new WeightsSnapshot(mc, p1, null, 1);
        WeightsSnapshot w = new WeightsSnapshot(mc, w0.params(), null, 2);
        int size = 8;
        float[] layers = new float[3 * size * size];
        float[] total = new float[size * size];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = (i * 5 % 7) / 10f;
            total[i % (size * size)] += layers[i];
        }
        Session s = new Session(total, size, 4, "painted", TrainingConfig.defaults(2), w, null,
                new LossHistory().view(), new LossHistory().view(), Map.of(),
                org.flowlab.train.Checkpoints.of(List.of(new WeightsSnapshot(mc, w0.params(), null, 0), w1)),
                CLASSES.classes(), layers, CLASSES);
        Path f = dir.resolve("both.flowlab");
        SessionFile.save(f, s);
        Session back = SessionFile.load(f);
        assertEquals(2, back.checkpoints().size());
        assertArrayEquals(p1, back.checkpoints().get(1).params(), 0f);
        assertEquals(1, back.checkpoints().get(1).step());
        assertArrayEquals(layers, back.classLayers(), 0f);
        assertEquals(CLASSES.classes(), back.classes().classes());
    }

    @Test
    void damagedClassesAreRefusedWithAMessage() throws IOException {
        ModelConfig mc = ModelConfig.defaults(NetworkKind.MLP, 4).withClasses(3);
        WeightsSnapshot w = Network.initialWeights(ComputeThread.direct(), mc);
        Path f = dir.resolve("m.zip");
        ModelFile.save(f, w, null, null, CLASSES);
        Path bad = dir.resolve("bad.zip");
        org.flowlab.testing.Zips.edited(f, bad, ModelFile.PROPERTIES,
                org.flowlab.testing.Zips.replace("classes.count=3", "classes.count=2"));
        BadFileException e = assertThrows(BadFileException.class, () -> ModelFile.load(bad));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
    }
}
