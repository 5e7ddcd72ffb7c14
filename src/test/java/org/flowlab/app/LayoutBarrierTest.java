package org.flowlab.app;

import static org.flowlab.app.Fx.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A held label or slider changes without asking the window for a layout; a label whose new text needs more room
 * still gets it. (Before, each change laid out the whole panel: half the JavaFX thread during playback.)
 */
@ExtendWith(ApplicationExtension.class)
class LayoutBarrierTest {

    private VBox root;
    private Label label;
    private Slider slider;
    private Label plain;

    @Start
    void start(Stage stage) {
        label = new Label("t = 0.00");
        label.setMinWidth(64);
        slider = new Slider(0, 1, 0);
        plain = new Label("t = 0.00");
        root = new VBox(new HBox(LayoutBarrier.around(label), LayoutBarrier.around(slider)), plain);
        stage.setScene(new Scene(root, 800, 200));
        stage.show();
    }

    /** Applies CSS and lays the window out now, as a pulse would. */
    private void layOut() {
        fx(() -> {
            root.applyCss();
            root.layout();
            return null;
        });
    }

    @Test
    void changesOfHeldControlsStopAtTheHolder() {
        layOut();
        boolean rootAsked = fx(() -> {
            label.setText("t = 0.57");
            slider.setValue(0.57);
            return root.isNeedsLayout();
        });
        assertFalse(rootAsked, "a held label's new text or a held slider's value re-laid out the window");
        // The control itself is still laid out again (its text is shown).
        layOut();
        assertEquals("t = 0.57", fx(() -> ((javafx.scene.text.Text) label.lookup(".text")).getText()));
        // The oracle: the same change of a label without a holder reaches the root.
        assertTrue(fx(() -> {
            plain.setText("t = 0.57");
            return root.isNeedsLayout();
        }), "test setup: an unheld label should ask the window for a layout");
    }

    @Test
    void aLongerTextStillGetsItsRoom() {
        layOut();
        String longer = "t = 0.57 and a much longer caption than before";
        boolean rootAsked = fx(() -> {
            label.setText(longer);
            return root.isNeedsLayout();
        });
        assertTrue(rootAsked, "a text that no longer fits must be passed on");
        layOut();
        assertTrue(fx(() -> label.getWidth() >= label.prefWidth(-1) - 0.5),
                "the label got " + fx(label::getWidth) + " px for a text of " + fx(() -> label.prefWidth(-1)));
    }
}
