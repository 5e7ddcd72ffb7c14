package org.flowlab.export;

import java.io.IOException;
import org.flowlab.render.Frame;

/**
 * Receives the frames of one animation, in order. {@link #finish()} makes the result appear under its final
 * name; {@link #abort()} (after a failure or cancellation) removes everything written so far.
 */
public interface FrameSink extends AutoCloseable {

    void begin(int width, int height, double fps) throws IOException;

    void accept(Frame frame) throws IOException;

    void finish() throws IOException;

    /** Discards partial output; never throws. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
