package org.flowlab.render;

/**
 * Maps the square domain [−L, L]² onto a frame: the largest centred square that fits, y pointing up.
 * Pixel centres: pixel (px, py) covers [px, px+1) × [py, py+1).
 */
public record Viewport(int width, int height, double halfWidth) {

    public double scale() {
        return Math.min(width, height) / (2 * halfWidth);
    }

    public double offsetX() {
        return (width - scale() * 2 * halfWidth) / 2;
    }

    public double offsetY() {
        return (height - scale() * 2 * halfWidth) / 2;
    }

    public double toPixelX(double x) {
        return offsetX() + (x + halfWidth) * scale();
    }

    public double toPixelY(double y) {
        return offsetY() + (halfWidth - y) * scale();
    }

    public double toDomainX(double px) {
        return (px - offsetX()) / scale() - halfWidth;
    }

    public double toDomainY(double py) {
        return halfWidth - (py - offsetY()) / scale();
    }
}
