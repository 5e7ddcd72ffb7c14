package org.flowlab.app.present;

import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import org.flowlab.nn.WeightsSnapshot;

/**
 * Presenter mode: the canvas alone, full screen, with large captions, driven from the keyboard (see
 * {@link Shortcuts}). This holds whether it is on, the captions (path, solver, NFE, t, training step of what is
 * shown) and what each key does; the view only maps keys to these methods and lays the captions out.
 *
 * <p>Shift+←/→ steps through the training history through {@link #historyStepProperty()}: whoever keeps the
 * checkpoints sets it to a function that moves the shown checkpoint by ±1; until then it does nothing.
 */
public final class PresenterViewModel {

    /** ←/→ move t by this much, onto multiples of it (0, 0.05, …, 1). */
    public static final double T_STEP = 0.05;
    /** Does nothing: Shift+←/→ before there is a training history. */
    public static final IntConsumer NO_HISTORY = k -> { };

    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ObjectProperty<IntConsumer> historyStep = new SimpleObjectProperty<>(NO_HISTORY);
    private final PlaybackViewModel playback;
    private final TrainingViewModel training;
    private final StringBinding setup;
    private final StringBinding time;
    private final StringBinding step;

    /**
     * @param shown the weights the canvas shows (their step and path are captioned, not the settings')
     */
    public PresenterViewModel(PlaybackViewModel playback, TrainingViewModel training,
                              ObservableValue<WeightsSnapshot> shown) {
        this.playback = playback;
        this.training = training;
        setup = Bindings.createStringBinding(() -> {
            WeightsSnapshot w = shown.getValue();
            String path = pathLabel(w == null ? training.pathProperty().get() : w.config().pathId());
            return path + " · " + solverShown(playback.descriptionProperty().get(), playback.solverProperty().get())
                    + " · NFE " + playback.nfeProperty().get();
        }, shown, training.pathProperty(), playback.descriptionProperty(), playback.solverProperty(),
                playback.nfeProperty());
        time = Bindings.createStringBinding(() -> String.format(Locale.ROOT, "t = %.2f", playback.tProperty().get()),
                playback.tProperty());
        step = Bindings.createStringBinding(() -> {
            WeightsSnapshot w = shown.getValue();
            return w == null || w.step() == 0 ? "untrained (step 0)"
                    : String.format(Locale.ROOT, "training step %,d", w.step()).replace(',', ' ');
        }, shown);
    }

    /** On while presenting. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** What Shift+←/→ calls with −1 or +1; {@link #NO_HISTORY} until a training history exists. */
    public ObjectProperty<IntConsumer> historyStepProperty() {
        return historyStep;
    }

    /** "OT path · rk4 · 50 steps · NFE 200": the path of the shown model and how its particles were integrated. */
    public ObservableStringValue setupCaption() {
        return setup;
    }

    /** "t = 0.35". */
    public ObservableStringValue timeCaption() {
        return time;
    }

    /** "training step 1 200" of the shown weights. */
    public ObservableStringValue stepCaption() {
        return step;
    }

    /** F11: in or out. */
    public void toggle() {
        active.set(!active.get());
    }

    /** Esc. */
    public void leave() {
        active.set(false);
    }

    /** Space. */
    public void togglePlay() {
        playback.togglePlay();
    }

    /**
     * ←/→: stops playing and moves t one {@link #T_STEP} (from between two multiples, to the next one in that
     * direction), within [0, 1].
     */
    public void stepTime(int direction) {
        playback.playingProperty().set(false);
        double t = playback.tProperty().get();
        double k = t / T_STEP;
        // A t a rounding error away from a multiple counts as on it.
        double snapped = Math.abs(k - Math.rint(k)) < 1e-6 ? Math.rint(k) : (direction > 0 ? Math.floor(k)
                : Math.ceil(k));
        double next = (snapped + Integer.signum(direction)) * T_STEP;
        playback.tProperty().set(Math.max(0, Math.min(1, next)));
    }

    /** Shift+←/→: the previous or next checkpoint of the training history (nothing before one exists). */
    public void stepHistory(int direction) {
        IntConsumer h = historyStep.get();
        (h == null ? NO_HISTORY : h).accept(Integer.signum(direction));
    }

    /** T: train, or pause when training. */
    public void toggleTraining() {
        if (training.isRunning()) {
            training.pause();
        } else {
            training.train();
        }
    }

    /** R: stop and start again from freshly initialised weights. */
    public void reset() {
        training.reset();
    }

    /** The one line the solver part of the caption shows: the playback's own description without its step. */
    static String solverShown(String description, String solver) {
        if (description == null || description.isBlank()) {
            return solver;
        }
        return description.replaceFirst(" · step -?\\d+$", "");
    }

    static String pathLabel(String pathId) {
        if (pathId == null) {
            return "";
        }
        return switch (pathId) {
            case "ot" -> "OT path";
            case "sigma-min" -> "σ_min OT path";
            case "vp" -> "VP path";
            default -> pathId + " path";
        };
    }

}
