package org.flowlab.app.exact;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flowlab.render.Frame;
import org.flowlab.render.FrameRenderer;
import org.flowlab.render.Viewport;

/**
 * The memorisation lens as a small window: the exact field's particles of N training points (left) beside the
 * network's from the same noise (right), N on a log slider from {@value LensViewModel#MIN} to all.
 */
public final class LensWindow {

    static final int SIDE = 380;
    private static final int PARTICLE = 0xFFF2B134;
    private static final int TRAINING = 0xFF4FC3F7;

    private final Stage stage = new Stage();
    private final LensViewModel lens;
    private final double halfWidth;
    private final ImageView exactView = new ImageView();
    private final ImageView networkView = new ImageView();
    private final Label exactLabel = new Label();
    private final Label networkLabel = new Label();

    public LensWindow(Window owner, LensViewModel lens, double halfWidth) {
        this.lens = lens;
        this.halfWidth = halfWidth;
        Slider n = new Slider(Math.log(LensViewModel.MIN) / Math.log(2), Math.log(LensViewModel.ALL) / Math.log(2),
                Math.log(lens.nProperty().get()) / Math.log(2));
        n.setId("lensN");
        n.setMajorTickUnit(1);
        n.setMinorTickCount(0);
        n.setSnapToTicks(true);
        n.setShowTickMarks(true);
        n.setPrefWidth(300);
        Label nLabel = new Label();
        n.valueProperty().addListener((o, a, b) -> lens.nProperty().set((int) Math.round(Math.pow(2, b.doubleValue()))));
        lens.nProperty().addListener((o, a, b) -> nLabel.setText(describeN(b.intValue())));
        nLabel.setText(describeN(lens.nProperty().get()));
        Label why = new Label("The exact field of N training points is the perfect regressor of the training loss on "
                + "them — and it carries noise onto exactly those N points: it memorises. The network, trained on "
                + "fresh samples and smooth, generalises: its particles fill the density. Same noise, "
                + LensViewModel.STEPS + " Euler steps each.");
        why.setWrapText(true);
        why.setMaxWidth(2 * SIDE + 10);
        why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Empty pictures first, so the window opens at its full size before the first result arrives.
        exactView.setImage(render(new float[0], new float[0]));
        networkView.setImage(render(new float[0], new float[0]));
        exactLabel.setId("lensExactLabel");
        VBox left = new VBox(4, exactLabel, exactView);
        VBox right = new VBox(4, networkLabel, networkView);
        HBox views = new HBox(10, left, right);
        HBox controls = new HBox(8, new Label("Training points N"), n, nLabel);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(8, why, controls, views);
        root.setPadding(new Insets(10));
        root.setStyle("-fx-background-color: #1c1f26;");
        for (Label l : new Label[]{why, nLabel, exactLabel, networkLabel, (Label) controls.getChildren().get(0)}) {
            l.setStyle("-fx-text-fill: #d0d4dc;");
        }
        stage.setTitle("Memorisation lens");
        stage.initOwner(owner);
        stage.setScene(new Scene(root));
        stage.setOnShown(e -> lens.showProperty().set(true));
        stage.setOnHidden(e -> lens.showProperty().set(false));
        lens.sampleProperty().addListener((o, a, s) -> show(s));
        show(lens.sampleProperty().get());
    }

    public Stage stage() {
        return stage;
    }

    static String describeN(int n) {
        return n >= LensViewModel.ALL ? "all (the whole density)" : Integer.toString(n);
    }

    private void show(LensViewModel.Sample s) {
        if (s == null) {
            exactLabel.setText("Exact field of N points: computing…");
            networkLabel.setText("Network");
            return;
        }
        boolean all = s.training().length == 0;
        exactLabel.setText(all ? "Exact field of the whole density" : String.format(Locale.ROOT,
                "Exact field of %d points: mean distance to nearest %.3f", s.n(), s.exactDistance()));
        networkLabel.setText(all ? "Network" : String.format(Locale.ROOT,
                "Network: mean distance to nearest training point %.3f", s.networkDistance()));
        exactView.setImage(render(s.exact(), s.training()));
        networkView.setImage(render(s.network(), s.training()));
    }

    private WritableImage render(float[] particles, float[] training) {
        Frame f = new Frame(SIDE, SIDE);
        Viewport v = new Viewport(SIDE, SIDE, halfWidth);
        FrameRenderer.background(f, v);
        for (int i = 0; i < training.length / 2; i++) {
            FrameRenderer.disc(f, v.toPixelX(training[2 * i]), v.toPixelY(training[2 * i + 1]), 4, TRAINING, 0.5f);
        }
        FrameRenderer.particles(f, v, particles, particles.length / 2, null, PARTICLE, 1.4, 0.9f);
        WritableImage img = new WritableImage(SIDE, SIDE);
        img.getPixelWriter().setPixels(0, 0, SIDE, SIDE, PixelFormat.getIntArgbPreInstance(), f.pixels(), 0, SIDE);
        return img;
    }
}
