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

    /**
     * The image format a file's name asks for: "png", or "jpg" for .jpg/.jpeg; anything else is refused
     * (IllegalArgumentException), so bytes are never written under another format's name.
     */
    public static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".png")) {
            return "png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new IllegalArgumentException("'" + file.getFileName() + "': name the image .png or .jpg");
    }

    /** Writes a PNG or a JPEG, as the name says ({@link #formatOf}), atomically. */
    public static void writeImage(Frame f, Path file) throws IOException {
        String format = formatOf(file);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(toImage(f), format, out)) {
                throw new IOException("no " + format + " writer available");
            }
        });
    }
}
