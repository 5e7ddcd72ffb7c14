package org.flowlab.render;

import java.util.Arrays;

/**
 * A width × height image of packed ARGB ints (row-major from the top-left), the one pixel format both
 * the screen and the exporters consume. Opaque by convention: blending writes alpha 0xFF.
 */
public final class Frame {

    private final int width;
    private final int height;
    private final int[] pixels;

    public Frame(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("frame size out of range: " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The live pixel array. */
    public int[] pixels() {
        return pixels;
    }

    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    public void fill(int argb) {
        Arrays.fill(pixels, argb);
    }

    /** Blends {@code rgb} over pixel (x, y) with opacity a in [0, 1]; ignores pixels outside the frame. */
    public void blend(int x, int y, int rgb, float a) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        int idx = y * width + x;
        pixels[idx] = Colors.over(pixels[idx], rgb, a);
    }
}
