package org.flowlab.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The restarted JVM's stderr loses exactly the incubator notice, whatever the chunking, and nothing else. */
class LineDroppingStreamTest {

    private static final String W = LineDroppingStream.INCUBATOR_WARNING;

    /** Writes text through the filter in pieces of {@code chunk} bytes. */
    private static String filter(String text, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try (LineDroppingStream f = new LineDroppingStream(out, W)) {
            for (int i = 0; i < b.length; i += chunk) {
                f.write(b, i, Math.min(chunk, b.length - i));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsTheNoticeAndKeepsEverythingElse() throws IOException {
        for (int chunk : new int[]{1, 3, 7, 1000}) {
            assertEquals("flowlab: bad recipe\n", filter(W + "\nflowlab: bad recipe\n", chunk));
            assertEquals("a\r\nb\r\n", filter("a\r\n" + W + "\r\nb\r\n", chunk), "Windows line ends");
            assertEquals("x " + W + "\n", filter("x " + W + "\n", chunk), "only whole lines");
            assertEquals(W + " and more\n", filter(W + " and more\n", chunk), "a longer line stays");
            assertEquals("WARNING: Using inc", filter("WARNING: Using inc", chunk), "a held prefix comes out at the end");
            assertEquals("WARNING: Using incubator\n", filter("WARNING: Using incubator\n", chunk));
            assertEquals(W, filter(W, chunk), "without its line end it is not the notice's line");
            assertEquals("é ünïcode\nend", filter(W + "\né ünïcode\n" + W + "\nend", chunk));
        }
    }

    @Test
    void pumpCopiesAStreamThroughTheFilter() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread t = LineDroppingStream.pump(new ByteArrayInputStream((W + "\nprogress 1\rprogress 2\ndone")
                .getBytes(StandardCharsets.UTF_8)), out, W);
        t.join(5000);
        assertEquals("progress 1\rprogress 2\ndone", out.toString(StandardCharsets.UTF_8));
    }
}
