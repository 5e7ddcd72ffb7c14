package org.flowlab.app.drawing;

import org.flowlab.app.MainViewModel;

import java.io.File;
import java.nio.IntBuffer;
import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.FrameTimes;
import org.flowlab.render.SceneLayers;
import org.flowlab.render.Viewport;

/**
 * The drawing and animation surface: one WritableImage filled from the core rasterizer once per pulse
 * (and only when the scene changed), plus a brush outline. Mouse strokes go to the drawing view model in
 * domain coordinates; files dropped on it are loaded.
 */
public final class CanvasView extends Pane {

    private final MainViewModel vm;
    private final ImageView imageView = new ImageView();
    private final Circle brush = new Circle();
    private final javafx.scene.control.Label caption = new javafx.scene.control.Label();
    private final FlowScene scene;
    private final FrameTimes frameTimes = new FrameTimes();
    private Frame frame;
    /** The frame's own int[] as the image's pixels: no copy or format conversion per frame. */
    private PixelBuffer<IntBuffer> pixels;
    private SceneLayers lastScene;

    public CanvasView(MainViewModel vm) {
        this.vm = vm;
        this.scene = new FlowScene(vm.drawing().grid().halfWidth());
        setId("canvas");
        setMinSize(200, 200);
        setPrefSize(760, 760);
        getStyleClass().add("flow-canvas");
        brush.setFill(Color.TRANSPARENT);
        brush.setStroke(Color.web("#ffffff", 0.55));
        brush.getStrokeDashArray().setAll(4.0, 4.0);
        brush.setMouseTransparent(true);
        brush.setVisible(false);
        imageView.setMouseTransparent(true);
        // Unmanaged: each new frame changes the image's pixels, which a managed ImageView reports as a change of its
        // bounds — a layout request up to the window's root 60 times a second.
        imageView.setManaged(false);
        caption.setId("probeCaption");
        caption.setMouseTransparent(true);
        caption.setWrapText(true);
        caption.setStyle("-fx-background-color: rgba(20,22,28,0.85); -fx-text-fill: #e0e0e0; -fx-padding: 4 8 4 8;"
                + " -fx-font-size: 11px;");
        caption.textProperty().bind(javafx.beans.binding.Bindings.when(vm.trace().captionProperty().isNotEmpty())
                .then(vm.trace().captionProperty()).otherwise(vm.probe().captionProperty()));
        caption.visibleProperty().bind(vm.trace().captionProperty().isNotEmpty().or(
                vm.probe().activeProperty().and(vm.probe().captionProperty().isNotEmpty())));
        caption.prefWidthProperty().bind(widthProperty().subtract(16));
        caption.layoutXProperty().set(8);
        caption.layoutYProperty().bind(heightProperty().subtract(caption.heightProperty()).subtract(8));
        getChildren().addAll(imageView, brush, caption);
        setCursor(Cursor.CROSSHAIR);

        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && vm.trace().activeProperty().get()) {
                // Within 8 pixels of a particle.
                vm.trace().pinAt(domainX(e.getX()), domainY(e.getY()), 8 / viewport().scale());
            } else if (e.getButton() == MouseButton.PRIMARY && vm.probe().activeProperty().get()) {
                vm.probe().probeAt(domainX(e.getX()), domainY(e.getY()));
            } else if (e.getButton() == MouseButton.PRIMARY) {
                vm.drawing().beginStroke(domainX(e.getX()), domainY(e.getY()));
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.isPrimaryButtonDown() && vm.trace().activeProperty().get()) {
                return;
            }
            if (e.isPrimaryButtonDown() && vm.probe().activeProperty().get()) {
                vm.probe().probeAt(domainX(e.getX()), domainY(e.getY()));
                return;
            }
            if (e.isPrimaryButtonDown()) {
                vm.drawing().continueStroke(domainX(e.getX()), domainY(e.getY()));
            }
            moveBrush(e.getX(), e.getY());
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> vm.drawing().endStroke());
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> moveBrush(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> brush.setVisible(false));
        addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                File f = e.getDragboard().getFiles().get(0);
                done = vm.drawing().loadFile(f.toPath());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** The last rendered frame (tests compare its pixels), or null before the first pulse. */
    public Frame frame() {
        return frame;
    }

    public FrameTimes frameTimes() {
        return frameTimes;
    }

    private Viewport viewport() {
        return new Viewport((int) Math.max(1, getWidth()), (int) Math.max(1, getHeight()),
                vm.drawing().grid().halfWidth());
    }

    double domainX(double px) {
        return viewport().toDomainX(px);
    }

    double domainY(double py) {
        return viewport().toDomainY(py);
    }

    private void moveBrush(double x, double y) {
        brush.setCenterX(x);
        brush.setCenterY(y);
        brush.setRadius(vm.drawing().brushRadiusProperty().get() * viewport().scale());
        brush.setVisible(!vm.probe().activeProperty().get() && !vm.trace().activeProperty().get());
    }

    /** Renders the current scene if it changed; call once per pulse. */
    public void redraw() {
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        if (w < 2 || h < 2) {
            return;
        }
        SceneLayers s = vm.scene();
        boolean resized = frame == null || frame.width() != w || frame.height() != h;
        if (!resized && s.equals(lastScene)) {
            return;
        }
        long start = System.nanoTime();
        if (resized) {
            frame = new Frame(w, h);
            pixels = new PixelBuffer<>(w, h, IntBuffer.wrap(frame.pixels()), PixelFormat.getIntArgbPreInstance());
            imageView.setImage(new WritableImage(pixels));
        }
        // Rendered straight into the image's buffer, inside the callback that tells JavaFX the buffer changes (the
        // renderer thread reads it): no per-frame copy and no conversion to the image's byte layout and back, which
        // was a fifth of the JavaFX thread and a third of the renderer's time under Xvfb.
        pixels.updateBuffer(b -> {
            scene.render(frame, s);
            return null;
        });
        frameTimes.record(System.nanoTime() - start);
        lastScene = s;
    }
}
