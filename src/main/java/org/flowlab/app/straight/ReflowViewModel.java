package org.flowlab.app.straight;

import org.flowlab.app.ModelFields;
import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;
import org.flowlab.app.training.Trainers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flowlab.metrics.Straightness;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.reflow.Reflow;

/**
 * Rectified flow in the app: Reflow runs one round from the model shown (pairs, then training, through
 * {@link Trainers#reflow} in the {@value #LANE} lane, with the phase and progress published); each round is kept
 * as a checkpoint ("reflow 1", "reflow 2", …) next to "trained" (the training's live weights), and
 * {@link #shownProperty()} is the selected checkpoint's weights, which the rest of the app samples from. The
 * straightness S of the trained model (whenever training stops) and of each round is measured and shown.
 * New training weights drop the rounds: they were reflows of another model.
 */
public final class ReflowViewModel {

    static final String LANE = "reflow";
    static final String MEASURE_LANE = "straightness";
    public static final String TRAINED = "trained";

    private final TaskRunner runner;
    private final Trainers trainers;
    private final ModelFields fields;
    private final ObservableValue<WeightsSnapshot> trained;
    private final Consumer<Notification> notify;
    private final Runnable pauseTraining;
    private final ObservableList<String> checkpoints = FXCollections.observableArrayList(TRAINED);
    private final List<WeightsSnapshot> rounds = new ArrayList<>();
    private final List<Straightness> roundS = new ArrayList<>();
    private final StringProperty selected = new SimpleStringProperty(TRAINED);
    private final ObjectProperty<WeightsSnapshot> shown = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ObjectProperty<Reflow.Phase> phase = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty readout = new SimpleStringProperty("Straightness S: —");
    private final IntegerProperty pairs = new SimpleIntegerProperty(4000);
    private final IntegerProperty steps = new SimpleIntegerProperty(1500);
    private int measureParticles = Straightness.DEFAULT_PARTICLES / 2;
    private Straightness trainedS;
    private TaskRunner.Handle request;

    public ReflowViewModel(TaskRunner runner, Trainers trainers, ModelFields fields,
                           ObservableValue<WeightsSnapshot> trained, ObservableBooleanValue training,
                           Runnable pauseTraining, Consumer<Notification> notify) {
        this.pauseTraining = pauseTraining;
        this.runner = runner;
        this.trainers = trainers;
        this.fields = fields;
        this.trained = trained;
        this.notify = notify;
        shown.set(trained.getValue());
        trained.addListener((o, a, b) -> trainedChanged(b));
        training.addListener((o, was, now) -> {
            if (!now) {
                measureTrained();
            }
        });
        selected.addListener((o, a, b) -> select(b));
    }

    public ObservableList<String> checkpoints() {
        return checkpoints;
    }

    public StringProperty selectedProperty() {
        return selected;
    }

    /** The selected checkpoint's weights: what sampling, overlays and the NFE lab use. */
    public ObjectProperty<WeightsSnapshot> shownProperty() {
        return shown;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObjectProperty<Reflow.Phase> phaseProperty() {
        return phase;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty readoutProperty() {
        return readout;
    }

    public IntegerProperty pairsProperty() {
        return pairs;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    void setMeasureParticles(int n) {
        measureParticles = n;
    }

    /** Weights of every checkpoint by name, in order (for the NFE lab to compare). */
    public java.util.Map<String, WeightsSnapshot> all() {
        java.util.Map<String, WeightsSnapshot> m = new java.util.LinkedHashMap<>();
        if (trained.getValue() != null) {
            m.put(TRAINED, trained.getValue());
        }
        for (int i = 0; i < rounds.size(); i++) {
            m.put(checkpoints.get(i + 1), rounds.get(i));
        }
        return m;
    }

    private void trainedChanged(WeightsSnapshot w) {
        if (!rounds.isEmpty()) {
            cancel();
            rounds.clear();
            roundS.clear();
            checkpoints.setAll(TRAINED);
            trainedS = null;
        }
        selected.set(TRAINED);
        if (TRAINED.equals(selected.get())) {
            shown.set(w);
        }
        updateReadout();
    }

    private void select(String name) {
        int i = checkpoints.indexOf(name);
        shown.set(i <= 0 ? trained.getValue() : rounds.get(i - 1));
    }

    /** Measures S of the trained weights in the background (after training stops). */
    public void measureTrained() {
        WeightsSnapshot w = trained.getValue();
        if (w == null) {
            return;
        }
        int n = measureParticles;
        runner.submit(MEASURE_LANE, p -> Straightness.measure(fields.velocity(w), n, 5, Straightness.DEFAULT_STEPS),
                s -> {
                    if (trained.getValue() == w) {
                        trainedS = s;
                        updateReadout();
                    }
                }, e -> { });
    }

    /** One more round from the model shown. */
    public void reflow() {
        WeightsSnapshot from = shown.get();
        if (from == null) {
            notify.accept(Notification.error("Train a model first: reflow straightens a trained flow."));
            return;
        }
        int index = Math.max(1, checkpoints.indexOf(selected.get()) + 1);
        Reflow.Settings settings = Reflow.Settings.defaults(Math.max(1, pairs.get()), Math.max(1, steps.get()),
                from.config().seed());
        int n = measureParticles;
        pauseTraining.run();
        phaseReports.clear();
        running.set(true);
        progress.set(0);
        phase.set(Reflow.Phase.PAIRS);
        TaskRunner.Handle h = runner.submit(LANE, p -> {
            Reflow.Round r = trainers.reflow(from, settings, index, (ph, done, total) -> {
                p.checkCancelled();
                synchronized (phaseReports) {
                    if (phaseReports.isEmpty() || phaseReports.get(phaseReports.size() - 1) != ph) {
                        phaseReports.add(ph);
                    }
                }
                p.progress((ph == Reflow.Phase.PAIRS ? 0 : 0.5) + 0.5 * done / Math.max(1.0, total));
            });
            p.checkCancelled();
            Straightness s = Straightness.measure(fields.velocity(r.display()), n, 5, Straightness.DEFAULT_STEPS);
            return new Done(index, r.display(), s);
        }, this::roundDone, e -> notify.accept(Notification.error("Reflow failed: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        request = h;
        progress.bind(h.progressProperty());
        h.progressProperty().addListener((o, a, b) -> phase.set(b.doubleValue() < 0.5 ? Reflow.Phase.PAIRS
                : Reflow.Phase.TRAINING));
        h.whenStopped(() -> {
            if (request == h) {
                progress.unbind();
                running.set(false);
                phase.set(null);
            }
        });
    }

    /** The phases the last round reported, in order of their first report (seen from the work thread). */
    final List<Reflow.Phase> phaseReports = java.util.Collections.synchronizedList(new ArrayList<>());

    public void cancel() {
        if (request != null && !request.isDone()) {
            request.cancel();
            progress.unbind();
            progress.set(0);
            running.set(false);
            phase.set(null);
        }
    }

    private record Done(int index, WeightsSnapshot weights, Straightness straightness) {
    }

    private void roundDone(Done d) {
        while (rounds.size() >= d.index()) {   // reflowing an earlier checkpoint replaces the later ones
            rounds.remove(rounds.size() - 1);
            roundS.remove(roundS.size() - 1);
            checkpoints.remove(checkpoints.size() - 1);
        }
        rounds.add(d.weights());
        roundS.add(d.straightness());
        String name = "reflow " + d.index();
        checkpoints.add(name);
        selected.set(name);
        updateReadout();
        notify.accept(Notification.info(String.format(Locale.ROOT,
                "Reflow round %d done: straightness S = %.4f. Try 1 Euler step in Sampling.", d.index(),
                d.straightness().straightness())));
    }

    /**
     * "Straightness S: trained 0.8912 · reflow 1 0.0034" and a second line with the trajectories' curvature of the
     * model shown last: how much longer than their chords they are, and how far their velocity turns.
     */
    private void updateReadout() {
        StringBuilder s = new StringBuilder("Straightness S: trained ");
        s.append(trainedS == null ? "—" : String.format(Locale.ROOT, "%.4f", trainedS.straightness()));
        for (int i = 0; i < roundS.size(); i++) {
            s.append(String.format(Locale.ROOT, " · reflow %d %.4f", i + 1, roundS.get(i).straightness()));
        }
        Straightness last = roundS.isEmpty() ? trainedS : roundS.get(roundS.size() - 1);
        if (last != null) {
            s.append(String.format(Locale.ROOT, "%nCurvature (%s): paths %.1f %% longer than their chords, "
                            + "velocity turns %.2f rad", roundS.isEmpty() ? "trained" : "reflow " + roundS.size(),
                    100 * last.lengthExcess(), last.meanTurning()));
        }
        readout.set(s.toString());
    }
}
