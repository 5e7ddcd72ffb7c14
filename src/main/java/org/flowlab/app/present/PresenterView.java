package org.flowlab.app.present;

import java.util.List;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * What presenter mode shows: the canvas area (lent by the main view while presenting) under large captions —
 * path · solver · NFE and the training step at the top left, t at the top right — and, for a few seconds after
 * entering, a line of the keys. {@link #handle(KeyEvent)} maps the keys to the view model; O opens the overlays
 * menu built from {@link #overlay} switches.
 */
public final class PresenterView extends StackPane {

    /** An overlay the O menu can switch. */
    public record Overlay(String label, BooleanProperty shown) {
    }

    static final String KEYS_HINT = "Space play · ←/→ t · Shift+←/→ training history · T train/pause · R reset · "
            + "O overlays · Esc leave";

    private final PresenterViewModel vm;
    private final BorderPane captions = new BorderPane();
    private final Label hint = new Label(KEYS_HINT);
    private final ContextMenu overlays = new ContextMenu();
    private final SequentialTransition hintFade;
    private final Label stepCaption;
    private Node lent;

    public PresenterView(PresenterViewModel vm, List<Overlay> overlayList) {
        this.vm = vm;
        setId("presenter");
        getStyleClass().add("presenter");

        Label setup = caption("presenterSetup", "presenter-caption");
        setup.textProperty().bind(vm.setupCaption());
        Label step = caption("presenterStep", "presenter-caption");
        step.textProperty().bind(vm.stepCaption());
        stepCaption = step;
        Label time = caption("presenterTime", "presenter-time");
        time.textProperty().bind(vm.timeCaption());
        VBox left = new VBox(6, setup, step);
        left.setAlignment(Pos.TOP_LEFT);
        captions.setLeft(left);
        captions.setRight(time);
        BorderPane.setAlignment(time, Pos.TOP_RIGHT);
        hint.setId("presenterHint");
        hint.getStyleClass().add("presenter-hint");
        captions.setBottom(hint);
        BorderPane.setAlignment(hint, Pos.BOTTOM_CENTER);
        captions.setPadding(new Insets(18, 24, 18, 24));
        captions.setPickOnBounds(false);
        captions.setMouseTransparent(true);
        getChildren().add(captions);

        overlays.setId("overlaysMenu");
        for (Overlay o : overlayList) {
            CheckMenuItem item = new CheckMenuItem(o.label());
            item.setMnemonicParsing(false);
            item.selectedProperty().bindBidirectional(o.shown());
            overlays.getItems().add(item);
        }
        FadeTransition fade = new FadeTransition(Duration.millis(800), hint);
        fade.setToValue(0);
        hintFade = new SequentialTransition(new PauseTransition(Duration.seconds(5)), fade);
    }

    private static Label caption(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setMouseTransparent(true);
        return l;
    }

    /** Shows {@code canvasArea} under the captions until {@link #giveBack()}. */
    public void present(Node canvasArea) {
        lent = canvasArea;
        getChildren().add(0, canvasArea);
        hint.setOpacity(1);
        hintFade.playFromStart();
        requestFocus();
    }

    /** Takes the canvas area out again and returns it (null when none was lent). */
    public Node giveBack() {
        hintFade.stop();
        overlays.hide();
        Node n = lent;
        if (n != null) {
            getChildren().remove(n);
        }
        lent = null;
        return n;
    }

    /** The overlays menu (O). */
    public ContextMenu overlaysMenu() {
        return overlays;
    }

    /**
     * The keys of presenter mode (a key-pressed filter on the scene calls this): F11 anywhere; the others only
     * while presenting, where they are consumed so no control acts on them as well.
     */
    public void handle(KeyEvent e) {
        if (e.getCode() == KeyCode.F11 && !e.isShortcutDown() && !e.isAltDown()) {
            vm.toggle();
            e.consume();
            return;
        }
        if (!vm.activeProperty().get() || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        boolean handled = true;
        switch (e.getCode()) {
            case SPACE -> vm.togglePlay();
            case LEFT -> step(e, -1);
            case RIGHT -> step(e, +1);
            case T -> vm.toggleTraining();
            case R -> vm.reset();
            case O -> showOverlays();
            case ESCAPE -> vm.leave();
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private void step(KeyEvent e, int direction) {
        if (e.isShiftDown()) {
            vm.stepHistory(direction);
        } else {
            vm.stepTime(direction);
        }
    }

    private void showOverlays() {
        if (overlays.isShowing()) {
            overlays.hide();
        } else {
            // Below the captions at the top left, where a presenter looks for it.
            Bounds b = stepCaption.localToScreen(stepCaption.getBoundsInLocal());
            if (b != null) {
                overlays.show(this, b.getMinX(), b.getMaxY() + 10);
            } else {
                overlays.show(this, Side.TOP, 24, 120);
            }
        }
    }
}
