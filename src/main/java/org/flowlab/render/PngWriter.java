package org.flowlab.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.flowlab.io.AtomicFiles;

/** Writes frames as PNG through ImageIO (deterministic: same pixels, same bytes). */
public final class PngWriter {

    private PngWriter() {
    }

    public static BufferedImage toImage(Frame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, f.width(), f.height(), f.pixels(), 0, f.width());
        return img;
    }

    public static void write(Frame f, OutputStream out) throws IOException {
        if (!ImageIO.write(toImage(f), "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Writes atomically: a temporary file beside {@code file}, then a rename. */
    public static void write(Frame f, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(f, out));
    }
}
