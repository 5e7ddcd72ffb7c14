package org.flowlab.compute;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes bytes through to {@code out} except whole lines equal to one given line (ending in \n or \r\n), which it
 * drops. Used on the restarted JVM's stderr to remove exactly the JVM's start-up notice
 * "WARNING: Using incubator modules: jdk.incubator.vector", which the JVM prints whenever an incubator module is
 * resolved and no option turns off; everything else the program writes reaches the user unchanged and at once.
 *
 * <p>A line that starts like the dropped one is held back only until it differs (or the stream closes), so other
 * output is never delayed by more than that prefix. Not thread-safe: one writer.
 */
public final class LineDroppingStream extends FilterOutputStream {

    /** What the JVM prints on stderr when it resolves the Vector API's incubator module. */
    public static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + Launch.VECTOR_MODULE;

    private final byte[] line;
    /** Bytes of {@link #line} matched at the start of the current line, or −1 when the line cannot match. */
    private int matched;
    private boolean carriageReturn;

    public LineDroppingStream(OutputStream out, String line) {
        super(out);
        this.line = line.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        if (matched < 0) {
            out.write(b);
            if (b == '\n') {
                matched = 0;
            }
            return;
        }
        if (matched < line.length && !carriageReturn && b == (line[matched] & 0xff)) {
            matched++;
            return;
        }
        if (matched == line.length && !carriageReturn && b == '\r') {
            carriageReturn = true;
            return;
        }
        if (matched == line.length && b == '\n') {
            matched = 0;                        // the whole line and its end: dropped
            carriageReturn = false;
            return;
        }
        release();
        out.write(b);
        matched = b == '\n' ? 0 : -1;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** Writes the held-back prefix: it turned out not to be the dropped line. */
    private void release() throws IOException {
        out.write(line, 0, matched);
        if (carriageReturn) {
            out.write('\r');
        }
        matched = 0;
        carriageReturn = false;
    }

    @Override
    public void close() throws IOException {
        if (matched > 0 || carriageReturn) {
            release();
        }
        super.close();
    }

    /**
     * Copies {@code in} to a {@link LineDroppingStream} over {@code out} on a daemon thread, flushing after every
     * read so progress lines appear as they are written; closes neither stream's target. Returns the thread.
     */
    public static Thread pump(InputStream in, OutputStream out, String dropLine) {
        Thread t = new Thread(() -> {
            LineDroppingStream filter = new LineDroppingStream(out, dropLine);
            byte[] buf = new byte[8192];
            try (in) {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    filter.write(buf, 0, r);
                    filter.flush();
                }
                if (filter.matched > 0 || filter.carriageReturn) {
                    filter.release();
                }
                filter.flush();
            } catch (IOException e) {
                // The child is gone; nothing more to copy.
            }
        }, "flowlab-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
