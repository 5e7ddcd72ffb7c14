package org.flowlab.app;

import org.flowlab.app.density.DensityViewModel;
import org.flowlab.app.document.DocumentViewModel;
import org.flowlab.app.drawing.DrawingViewModel;
import org.flowlab.app.exact.ExactInputs;
import org.flowlab.app.exact.ExactOverlayViewModel;
import org.flowlab.app.exact.FloorViewModel;
import org.flowlab.app.exact.LensViewModel;
import org.flowlab.app.exact.ProbeViewModel;
import org.flowlab.app.export.ExportViewModel;
import org.flowlab.app.overlay.OverlayViewModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.Trainers;
import org.flowlab.app.training.TrainingViewModel;

import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.density.DensityException;
import org.flowlab.density.PointSampler;
import org.flowlab.render.SceneLayers;

/**
 * The app's state: the feature view models, the view's on/off switches and the notification line. It builds
 * the feature view models, each of which listens to what it needs (see {@link ModelInputs}); it only composes
 * what the canvas shows ({@link #scene()}) and relays the pulse. The first model is requested after everything
 * that follows the weights exists. Long work runs on the task runner; {@link #close()} cancels it.
 */
public final class MainViewModel implements AutoCloseable {

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ObjectProperty<Notification> notification = new SimpleObjectProperty<>();
    private final BooleanProperty showTarget = new SimpleBooleanProperty(true);
    private final BooleanProperty showTrails = new SimpleBooleanProperty(false);
    private final BooleanProperty showField = new SimpleBooleanProperty(false);
    private final BooleanProperty showPairs = new SimpleBooleanProperty(false);
    private final BooleanProperty colorByStart = new SimpleBooleanProperty(true);
    private final BooleanProperty showExact = new SimpleBooleanProperty(false);
    private final BooleanProperty showError = new SimpleBooleanProperty(false);
    private final DrawingViewModel drawing;
    private final TrainingViewModel training;
    private final PlaybackViewModel playback;
    private final DensityViewModel density;
    private final OverlayViewModel overlays;
    private final DocumentViewModel document;
    private final ExportViewModel export;
    private final FloorViewModel floor;
    private final ExactOverlayViewModel exact;
    private final ProbeViewModel probe;
    private final LensViewModel lens;
    private final org.flowlab.app.straight.NfeLabViewModel nfeLab;
    private final org.flowlab.app.straight.ReflowViewModel reflow;
    private final org.flowlab.app.present.PresenterViewModel presenter;
    private final org.flowlab.app.history.HistoryViewModel history;
    private final org.flowlab.app.trace.TraceViewModel trace;
    private final org.flowlab.app.warp.GridWarpViewModel warp;
    private final org.flowlab.app.schedules.SchedulesViewModel schedules;
    private final ReadOnlyObjectProperty<SceneLayers.FieldSample> field;
    private final ReadOnlyObjectProperty<SceneLayers.PairSample> pairs;

    /**
     * @param runner   where background work runs (the app: {@link LaneTaskRunner#onFxThread()}; tests: same thread)
     * @param fields   how weights become fields to evaluate (the app: networks on its compute thread)
     * @param trainers how training runs are built (the app: on its compute thread)
     */
    public MainViewModel(TaskRunner runner, ModelFields fields, Trainers trainers) {
        this.runner = runner;
        this.fields = fields;
        drawing = new DrawingViewModel(this::notify);
        training = new TrainingViewModel(runner, trainers, drawing.committedVersionProperty(), drawing::sampler,
                this::notify);
        reflow = new org.flowlab.app.straight.ReflowViewModel(runner, trainers, fields, training.weightsProperty(),
                training.runningProperty(), training::pause, this::notify);
        history = new org.flowlab.app.history.HistoryViewModel(reflow.shownProperty(),
                training.checkpointsProperty());
        ModelInputs model = new ModelInputs(history.shownProperty(), training.runningProperty(),
                training.seedProperty()::get, drawing.committedVersionProperty(), this::targetOrNull,
                drawing.grid().halfWidth());
        playback = new PlaybackViewModel(runner, fields, model, this::notify);
        playback.setClasses(drawing::classSet);
        trace = new org.flowlab.app.trace.TraceViewModel(playback.trajectoryProperty(), playback.tProperty());
        warp = new org.flowlab.app.warp.GridWarpViewModel(runner, fields, model,
                () -> org.flowlab.ode.Solvers.create(playback.solverProperty().get(),
                        Math.max(1, playback.stepsProperty().get())), this::notify);
        playback.solverProperty().addListener((o, a, b) -> warp.recomputeIfShown());
        playback.stepsProperty().addListener((o, a, b) -> warp.recomputeIfShown());
        schedules = new org.flowlab.app.schedules.SchedulesViewModel(training.pathProperty(), playback.tProperty());
        density = new DensityViewModel(runner, fields, model, playback.tProperty(), playback.playingProperty(),
                this::notify);
        overlays = new OverlayViewModel(runner, fields, model, playback.tProperty(), showField, showPairs);
        overlays.couplingProperty().bind(training.couplingProperty());
        overlays.followGuidance(playback.generateProperty(), playback.guidanceProperty());
        field = overlays.fieldProperty();
        pairs = overlays.pairsProperty();
        ExactInputs exactInputs = new ExactInputs(drawing::mass, drawing.grid().size());
        floor = new FloorViewModel(runner, fields, model, exactInputs);
        exact = new ExactOverlayViewModel(runner, fields, model, exactInputs, playback.tProperty(), showExact,
                showError);
        probe = new ProbeViewModel(runner, fields, model, exactInputs, playback.tProperty());
        lens = new LensViewModel(runner, fields, model, exactInputs);
        // The probe and the trace tool both take clicks on the canvas: one at a time.
        probe.activeProperty().addListener((o, a, on) -> {
            if (on) {
                trace.activeProperty().set(false);
            }
        });
        trace.activeProperty().addListener((o, a, on) -> {
            if (on) {
                probe.activeProperty().set(false);
            }
        });
        document = new DocumentViewModel(runner, drawing, training, playback, Map.of("showTarget", showTarget,
                "showTrails", showTrails, "showField", showField, "showPairs", showPairs), this::notify);
        export = new ExportViewModel(runner, this::exportScreen, this::learningMovie, this::notify);
        nfeLab = new org.flowlab.app.straight.NfeLabViewModel(runner, fields, this::modelsToCompare,
                this::targetOrNull, this::notify);
        // The presenter's caption names the weights on the canvas (a history checkpoint when scrubbed back), and
        // Shift+←/→ steps through the history.
        presenter = new org.flowlab.app.present.PresenterViewModel(playback, training, history.shownProperty());
        presenter.historyStepProperty().set(history::stepBy);
        training.initialiseWeights();
    }

    private PointSampler targetOrNull() {
        try {
            return drawing.sampler();
        } catch (DensityException e) {
            return null;
        }
    }

    private ExportViewModel.Screen exportScreen() {
        return new ExportViewModel.Screen(playback.trajectoryProperty().get(),
                colorByStart.get() || playback.classes() != null ? playback.colorsProperty().get() : null,
                drawing.mass(), drawing.grid().size(),
                drawing.grid().halfWidth(), playback.solverProperty().get(), playback.stepsProperty().get(),
                training.pathProperty().get(), playback.tProperty().get(), showTrails.get(), showTarget.get(),
                instruments());
    }

    /**
     * What the learning movie needs: the training history and the latest shown weights, the on-screen solver,
     * noise and colours, and networks built from weights (in the export's background work).
     */
    private ExportViewModel.Movie learningMovie() {
        if (training.checkpointsProperty().get().isEmpty()) {
            return null;
        }
        org.flowlab.train.Checkpoints c = training.checkpointsProperty().get()
                .withLatest(training.weightsProperty().get());
        int n = Math.max(1, Math.min(PlaybackViewModel.MAX_PARTICLES, playback.particlesProperty().get()));
        double[] x0 = org.flowlab.flow.FlowSampler.noise(n, Seeds.derive(training.seedProperty().get(),
                Seeds.PARTICLES));
        int[] colors = colorByStart.get() ? org.flowlab.render.Colors.byStartPosition(
                org.flowlab.flow.FlowSampler.toFloat(x0), n) : null;
        return new ExportViewModel.Movie(c.list(), fields::velocity, playback.solverProperty().get(),
                Math.max(1, playback.stepsProperty().get()), x0, n, colors);
    }

    public org.flowlab.app.schedules.SchedulesViewModel schedules() {
        return schedules;
    }

    public org.flowlab.app.trace.TraceViewModel trace() {
        return trace;
    }

    public org.flowlab.app.warp.GridWarpViewModel warp() {
        return warp;
    }

    public org.flowlab.app.history.HistoryViewModel history() {
        return history;
    }

    /** The models the NFE lab compares: the trained one and its reflow rounds. */
    private Map<String, org.flowlab.nn.WeightsSnapshot> modelsToCompare() {
        return reflow.all();
    }

    public org.flowlab.app.straight.ReflowViewModel reflow() {
        return reflow;
    }

    /** Presenter mode: full-screen canvas, captions, keys. */
    public org.flowlab.app.present.PresenterViewModel presenter() {
        return presenter;
    }

    public org.flowlab.app.straight.NfeLabViewModel nfeLab() {
        return nfeLab;
    }

    public DrawingViewModel drawing() {
        return drawing;
    }

    public OverlayViewModel overlays() {
        return overlays;
    }

    public TrainingViewModel training() {
        return training;
    }

    public PlaybackViewModel playback() {
        return playback;
    }

    public DensityViewModel density() {
        return density;
    }

    public DocumentViewModel document() {
        return document;
    }

    public ExportViewModel export() {
        return export;
    }

    public FloorViewModel floor() {
        return floor;
    }

    public ExactOverlayViewModel exact() {
        return exact;
    }

    public ProbeViewModel probe() {
        return probe;
    }

    public LensViewModel lens() {
        return lens;
    }

    public BooleanProperty showExactProperty() {
        return showExact;
    }

    public BooleanProperty showErrorProperty() {
        return showError;
    }

    public ObjectProperty<Notification> notificationProperty() {
        return notification;
    }

    public BooleanProperty showTargetProperty() {
        return showTarget;
    }

    public BooleanProperty showTrailsProperty() {
        return showTrails;
    }

    public BooleanProperty showFieldProperty() {
        return showField;
    }

    public BooleanProperty showPairsProperty() {
        return showPairs;
    }

    public BooleanProperty colorByStartProperty() {
        return colorByStart;
    }

    public void notify(Notification n) {
        notification.set(n);
    }

    public void dismissNotification() {
        notification.set(null);
    }

    /** Once per pulse on the FX thread: read training, move the playhead, schedule previews, NLL and autosave. */
    public void onPulse(long nowNanos) {
        training.poll();
        playback.onPulse(nowNanos);
        density.onPulse(nowNanos);
        floor.onPulse(nowNanos);
        exact.onPulse(nowNanos);
        lens.onPulse(nowNanos);
        document.onPulse(nowNanos);
    }

    /** What the canvas shows now. */
    public SceneLayers scene() {
        return new SceneLayers(showTarget.get() ? drawing.mass() : null, drawing.grid().size(),
                drawing.grid().halfWidth(), playback.trajectoryProperty().get(), playback.tProperty().get(),
                colorByStart.get() || playback.classes() != null ? playback.colorsProperty().get() : null,
                showTrails.get(),
                showField.get() ? field.get() : null, showPairs.get() ? pairs.get() : null,
                SceneLayers.dotRadius(playback.trajectoryProperty().get() == null ? 0
                        : playback.trajectoryProperty().get().particles()),
                density.showProperty().get() ? density.heatmapProperty().get() : null, instruments());
    }

    private SceneLayers.Instruments instruments() {
        SceneLayers.FieldSample u = showExact.get() ? exact.exactFieldProperty().get() : null;
        SceneLayers.ErrorMap e = showError.get() ? exact.errorMapProperty().get() : null;
        SceneLayers.ProbeSample p = probe.activeProperty().get() ? probe.probeProperty().get() : null;
        int[] traced = trace.pinnedProperty().get().length == 0 ? null : trace.pinnedProperty().get();
        SceneLayers.WarpedGrid w = warp.showProperty().get() ? warp.warpedProperty().get() : null;
        float[][] layers = showTarget.get() ? drawing.classLayers() : null;
        SceneLayers.ClassLayers cl = null;
        if (layers != null) {
            int[] rgb = drawing.grid().classes().stream().mapToInt(org.flowlab.density.DensityClass::rgb).toArray();
            cl = new SceneLayers.ClassLayers(layers, rgb);
        }
        SceneLayers.GuidanceFields g = overlays.showGuidanceProperty().get()
                ? overlays.guidanceFieldsProperty().get() : null;
        return u == null && e == null && p == null && traced == null && w == null && cl == null && g == null ? null
                : new SceneLayers.Instruments(u, e, p, traced, w, cl, g);
    }

    @Override
    public void close() {
        training.close();
        runner.close();
        document.close();
    }
}
