package org.flowlab.export;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.flowlab.io.AtomicFiles;
import org.flowlab.render.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A looping animated GIF through ImageIO. One 256-colour palette, chosen by median cut from the first frame
 * (particles keep their colours for the whole animation), maps every frame through a 15-bit lookup table.
 * GIF delays are in hundredths of a second, so 30 fps becomes 3/100 s per frame.
 */
public final class GifSink implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(GifSink.class);

    private final Path file;
    private AtomicFiles.Staged staged;
    private OutputStream out;
    private ImageOutputStream ios;
    private ImageWriter writer;
    private IndexColorModel palette;
    private byte[] lookup;
    private int delayCs;
    private boolean first;

    public GifSink(Path file) {
        this.file = file;
    }

    @Override
    public void begin(int width, int height, double fps) throws IOException {
        staged = AtomicFiles.stage(file);
        out = Files.newOutputStream(staged.path());
        ios = ImageIO.createImageOutputStream(out);
        writer = ImageIO.getImageWritersByFormatName("gif").next();
        writer.setOutput(ios);
        writer.prepareWriteSequence(null);
        delayCs = Math.max(2, (int) Math.round(100 / fps));
        first = true;
    }

    @Override
    public void accept(Frame frame) throws IOException {
        if (palette == null) {
            int[] colors = MedianCut.palette(frame.pixels(), 256);
            byte[] r = new byte[256];
            byte[] g = new byte[256];
            byte[] b = new byte[256];
            for (int i = 0; i < colors.length; i++) {
                r[i] = (byte) (colors[i] >> 16);
                g[i] = (byte) (colors[i] >> 8);
                b[i] = (byte) colors[i];
            }
            palette = new IndexColorModel(8, 256, r, g, b);
            lookup = MedianCut.lookupTable(colors);
        }
        BufferedImage img = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int[] px = frame.pixels();
        for (int i = 0; i < px.length; i++) {
            int c = px[i];
            data[i] = lookup[((c >> 9) & 0x7C00) | ((c >> 6) & 0x3E0) | ((c >> 3) & 0x1F)];
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        configure(meta);
        writer.writeToSequence(new IIOImage(img, null, meta), param);
        first = false;
    }

    private void configure(IIOMetadata meta) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        // ImageIO's default metadata carries a generic palette; the frame's indices refer to ours.
        IIOMetadataNode table = child(root, "LocalColorTable");
        while (table.getFirstChild() != null) {
            table.removeChild(table.getFirstChild());
        }
        table.setAttribute("sizeOfLocalColorTable", "256");
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < 256; i++) {
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(palette.getRed(i)));
            entry.setAttribute("green", Integer.toString(palette.getGreen(i)));
            entry.setAttribute("blue", Integer.toString(palette.getBlue(i)));
            table.appendChild(entry);
        }
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[]{1, 0, 0}); // loop forever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void finish() throws IOException {
        writer.endWriteSequence();
        ios.close();
        out.close();
        writer.dispose();
        writer = null;
        staged.commit();
        staged = null;
    }

    @Override
    public void abort() {
        try {
            if (ios != null) {
                ios.close();
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // Closing after a failure: the export has already failed, its staged file is removed below.
            LOG.debug("closing the GIF stream after a failure", e);
        }
        if (writer != null) {
            writer.dispose();
            writer = null;
        }
        if (staged != null) {
            staged.discard();
            staged = null;
        }
    }
}
