package org.flowlab.app;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A chart drawn on a canvas that fills the region: at every layout, and whenever the subclass calls
 * {@link #redraw()}, the canvas takes the region's size, is cleared to the panel's background and
 * {@link #draw} paints the chart.
 */
public abstract class CanvasChart extends Region {

    /** The panels' chart background. */
    public static final Color BACKGROUND = Color.web("#181a20");

    private final Canvas canvas = new Canvas();

    protected CanvasChart() {
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        redraw();
    }

    /** Draws the chart again at the region's current size. */
    protected final void redraw() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        draw(g, canvas.getWidth(), canvas.getHeight());
    }

    /** Paints the chart on the cleared canvas of w × h pixels. */
    protected abstract void draw(GraphicsContext g, double w, double h);
}
