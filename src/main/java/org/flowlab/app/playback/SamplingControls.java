package org.flowlab.app.playback;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.flowlab.app.ControlBindings;
import org.flowlab.app.ControlsPane;
import org.flowlab.ode.Solvers;

/**
 * The side panel's Sampling section, bound to the {@link PlaybackViewModel}: ODE or SDE, solver, steps, particles
 * and the SDE's noise level G, with one sentence on each mode.
 */
public final class SamplingControls {

    private SamplingControls() {
    }

    /** A plain GridPane (the panel's style sheet addresses GridPane by type), filled and bound. */
    public static GridPane of(PlaybackViewModel p) {

        ComboBox<String> solver = new ComboBox<>(FXCollections.observableArrayList(Solvers.NAMES));
        solver.setId("solverBox");
        solver.valueProperty().bindBidirectional(p.solverProperty());
        solver.setMaxWidth(Double.MAX_VALUE);
        Spinner<Integer> steps = new Spinner<>(1, 1000, 50, 1);
        steps.setId("stepsSpinner");
        steps.setEditable(true);
        ControlBindings.integer(steps, steps.getValueFactory().valueProperty(), p.stepsProperty());
        steps.disableProperty().bind(Bindings.createBooleanBinding(
                () -> Solvers.isAdaptive(p.solverProperty().get()), p.solverProperty()));
        steps.setMaxWidth(Double.MAX_VALUE);
        ComboBox<Integer> particles = new ComboBox<>(FXCollections.observableArrayList(
                1000, 2000, 4000, 10_000, 20_000, 50_000));
        particles.setId("particlesBox");
        ControlBindings.integer(particles, particles.valueProperty(), p.particlesProperty());
        particles.setMaxWidth(Double.MAX_VALUE);
        Label hint = new Label("While training, a preview (Euler, ≤ " + PlaybackViewModel.PREVIEW_STEPS
                + " steps) refreshes about every second; your solver runs when training pauses.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        ToggleGroup kind = new ToggleGroup();
        RadioButton ode = new RadioButton("ODE");
        ode.setId("samplerOde");
        RadioButton sde = new RadioButton("SDE");
        sde.setId("samplerSde");
        ode.setToggleGroup(kind);
        sde.setToggleGroup(kind);
        (p.sdeProperty().get() ? sde : ode).setSelected(true);
        sde.selectedProperty().addListener((o, a, b) -> p.sdeProperty().set(b));
        p.sdeProperty().addListener((o, a, b) -> (b ? sde : ode).setSelected(true));
        Slider noise = new Slider(0, PlaybackViewModel.MAX_NOISE, p.noiseProperty().get());
        noise.setId("noiseSlider");
        noise.setMajorTickUnit(1);
        noise.setShowTickMarks(true);
        noise.setShowTickLabels(true);
        noise.valueProperty().bindBidirectional(p.noiseProperty());
        noise.disableProperty().bind(p.sdeProperty().not());
        Label noiseValue = new Label();
        noiseValue.textProperty().bind(Bindings.format(java.util.Locale.ROOT, "G = %.2f", p.noiseProperty()));
        solver.disableProperty().bind(p.sdeProperty());
        Label sdeHint = new Label("SDE: dx = [v + ½g²∇log p_t] dt + g dW with g(t) = G·√σ_t, the score from the "
                + "velocity (OT: ∇log p_t = (t·v − x)/(1 − t)). Every G gives the same marginals p_t: the particles "
                + "jitter but reach the same density; G = 0 is Euler on the ODE. Euler–Maruyama with the Steps above.");
        sdeHint.setWrapText(true);
        sdeHint.getStyleClass().add("hint");
        sdeHint.visibleProperty().bind(p.sdeProperty());
        sdeHint.managedProperty().bind(p.sdeProperty());
        GridPane g = ControlsPane.grid();
        g.addRow(0, ControlsPane.label("Sampler"), new HBox(10, ode, sde));
        g.addRow(1, ControlsPane.label("Solver"), solver);
        g.addRow(2, ControlsPane.label("Steps"), steps);
        g.addRow(3, ControlsPane.label("Particles"), particles);
        noiseValue.setMinWidth(Region.USE_PREF_SIZE);
        HBox noiseRow = new HBox(6, noise, noiseValue);
        HBox.setHgrow(noise, Priority.ALWAYS);
        noise.setMaxWidth(Double.MAX_VALUE);
        g.addRow(4, ControlsPane.label("SDE noise"), noiseRow);
        g.add(sdeHint, 0, 5, 2, 1);
        g.add(hint, 0, 6, 2, 1);
        return g;
    }
}
