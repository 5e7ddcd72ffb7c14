package org.flowlab.app;

import javafx.geometry.Orientation;
import javafx.scene.layout.Region;

/**
 * Holds one control whose look changes many times a second — a time readout, the timeline's thumb, a steps/s
 * label — so that its layout requests end here instead of climbing to the window's root. The control is unmanaged
 * inside this region (JavaFX stops a layout request at an unmanaged node and lays out only that node on the next
 * pulse); this region takes the control's sizes and stretches it to fill.
 *
 * <p>Why: every change of a managed label's text or a slider's value asks its parent for a new layout, and the
 * parent asks its own, up to the root; during playback that re-laid out the whole control panel 60 times a second
 * (half of the JavaFX thread's time, measured with JFR under Xvfb while training). A control that needs more room
 * than it has (a longer text) still gets it: that one request is passed on.
 */
public final class LayoutBarrier extends Region {

    private final Region child;

    private LayoutBarrier(Region child) {
        this.child = child;
        child.setManaged(false);
        getChildren().add(child);
    }

    /**
     * Wraps {@code control}. When the control asks for a layout and needs more room than it has (longer text, a
     * second line), the request is passed on once, so nothing is cut off.
     */
    public static LayoutBarrier around(Region control) {
        LayoutBarrier b = new LayoutBarrier(control);
        control.needsLayoutProperty().addListener((o, was, needs) -> {
            if (needs && b.needsMoreRoom()) {
                b.requestLayout();
            }
        });
        return b;
    }

    private boolean needsMoreRoom() {
        double w = getWidth();
        return child.prefWidth(-1) > w + 0.5 && w < maxWidth(-1) || child.prefHeight(w) > getHeight() + 0.5;
    }

    @Override
    public Orientation getContentBias() {
        return child.getContentBias();
    }

    @Override
    protected double computeMinWidth(double height) {
        return child.minWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return child.minHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return child.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return child.prefHeight(width);
    }

    @Override
    protected double computeMaxWidth(double height) {
        return child.maxWidth(height);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return child.maxHeight(width);
    }

    @Override
    public double getBaselineOffset() {
        return child.getBaselineOffset();
    }

    @Override
    protected void layoutChildren() {
        child.resizeRelocate(0, 0, getWidth(), getHeight());
    }
}
