package org.flowlab.export;

import java.io.IOException;
import java.nio.file.Path;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.PngWriter;

/** Writes an animation or a still to a path, in the format its extension names. */
public final class Exports {

    private Exports() {
    }

    public static FrameSink sinkFor(Path path, ExportFormat format) {
        return switch (format) {
            case MP4 -> new Mp4Sink(path);
            case GIF -> new GifSink(path);
            case PNG_SEQUENCE -> new PngSequenceSink(path);
            default -> throw new IllegalArgumentException(format + " is a still, not an animation");
        };
    }

    /**
     * Writes {@code path}: an animation for .mp4/.gif/folders, or the still at {@code stillT} for .png/.svg.
     *
     * @return the format written
     */
    public static ExportFormat export(Path path, AnimationSource source, AnimationSettings settings, double stillT,
                                      Animator.Progress progress) throws IOException {
        ExportFormat format = ExportFormat.forPath(path.toString());
        if (!(stillT >= 0 && stillT <= 1)) {
            // Checked for animations too: a NaN here is a mistake upstream, not a value to ignore.
            throw new IllegalArgumentException("t must be in [0, 1], got " + stillT);
        }
        switch (format) {
            case PNG_STILL -> {
                Frame f = new Frame(settings.width(), settings.height());
                Animator.render(new FlowScene(source.halfWidth()), f, source, settings, stillT);
                PngWriter.write(f, path);
                progress.update(1, 1);
            }
            case SVG_STILL -> {
                SvgWriter.write(path, source, settings, stillT);
                progress.update(1, 1);
            }
            default -> Animator.animate(source, settings, sinkFor(path, format), progress);
        }
        return format;
    }
}
