package org.flowlab.app;

import org.flowlab.app.density.DensityViewModel;
import org.flowlab.app.document.DocumentViewModel;
import org.flowlab.app.drawing.DrawingViewModel;
import org.flowlab.app.export.ExportViewModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.util.SplittableRandom;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.flowlab.density.DensityException;
import org.flowlab.flow.FlowSampler;
import org.flowlab.train.TrainingState;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.render.SceneLayers;

/**
 * The app's state: the drawing, training and playback view models, the overlay switches, and the rules that
 * connect them (a committed density edit restarts training; leaving RUNNING recomputes the particles with the
 * user's solver; while training runs, a preview is re-simulated every max(1 s, 2 × its own duration), so
 * previews of many particles take at most about a third of the machine from training).
 */
public final class MainViewModel implements AutoCloseable {

    static final long PREVIEW_INTERVAL_NANOS = 1_000_000_000L;
    static final int FIELD_GRID = 21;
    static final int PAIRS = 12;

    private final BackgroundExecutor sampling = new BackgroundExecutor("flowlab-sampler");
    private final BackgroundExecutor fieldExecutor = new BackgroundExecutor("flowlab-field");
    private final ObjectProperty<Notification> notification = new SimpleObjectProperty<>();
    private final DrawingViewModel drawing;
    private final TrainingViewModel training;
    private final PlaybackViewModel playback;
    private final DocumentViewModel document;
    private final ExportViewModel export;
    private final ComputeThread compute;
    private final DensityViewModel density;

    private final BooleanProperty showTarget = new SimpleBooleanProperty(true);
    private final BooleanProperty showTrails = new SimpleBooleanProperty(false);
    private final BooleanProperty showField = new SimpleBooleanProperty(false);
    private final BooleanProperty showPairs = new SimpleBooleanProperty(false);
    private final BooleanProperty colorByStart = new SimpleBooleanProperty(true);
    private final ObjectProperty<SceneLayers.FieldSample> field = new SimpleObjectProperty<>();
    private final ObjectProperty<SceneLayers.PairSample> pairs = new SimpleObjectProperty<>();

    private long lastPulse = -1;
    private long lastPreview;
    private Task<SceneLayers.FieldSample> fieldTask;
    private boolean fieldStale;
    /** Touched only on the field thread: the network built for the last weights it evaluated. */
    private WeightsSnapshot fieldWeights;
    private Network fieldNet;

    /** @param compute where networks are built and evaluated (one per app; see {@link ComputeThread}) */
    public MainViewModel(ComputeThread compute) {
        this.compute = compute;
        density = new DensityViewModel(compute, this::notify);
        drawing = new DrawingViewModel(this::notify);
        training = new TrainingViewModel(compute, drawing::sampler, this::notify);
        playback = new PlaybackViewModel(compute, sampling, this::notify);

        drawing.committedVersionProperty().addListener((o, a, b) -> {
            training.targetChanged();
            updatePairs();
        });
        training.stateProperty().addListener((o, a, b) -> {
            if (a == TrainingState.RUNNING && b != TrainingState.RUNNING) {
                playback.compute(training.weightsProperty().get());
            }
        });
        training.weightsProperty().addListener((o, a, b) -> {
            if (b != null && !training.isRunning()) {
                playback.compute(b);
            }
            requestField();
        });
        playback.solverProperty().addListener((o, a, b) -> recomputeIfIdle());
        playback.stepsProperty().addListener((o, a, b) -> recomputeIfIdle());
        playback.particlesProperty().addListener((o, a, b) -> recomputeIfIdle());
        playback.tProperty().addListener((o, a, b) -> requestField());
        showField.addListener((o, a, b) -> requestField());
        showPairs.addListener((o, a, b) -> updatePairs());
        training.initialiseWeights();
        document = new DocumentViewModel(this);
        export = new ExportViewModel(this);
        density.showProperty().addListener((o, a, b) -> {
            if (b) {
                requestDensity();
            } else {
                density.heatmapProperty().set(null);
            }
        });
        training.weightsProperty().addListener((o, a, b) -> {
            if (!training.isRunning()) {
                requestDensity();
            }
        });
        training.stateProperty().addListener((o, a, b) -> {
            if (b != TrainingState.RUNNING) {
                requestDensity();
                density.maybeNll(System.nanoTime(), training.weightsProperty().get(), this::target, true);
            }
        });
        training.stepProperty().addListener((o, a, b) -> {
            if (b.longValue() == 0) {
                density.reset();
            }
        });
        drawing.committedVersionProperty().addListener((o, a, b) -> density.reset());
        playback.playingProperty().addListener((o, a, b) -> {
            if (!b) {
                requestDensity();
            }
        });
        playback.tProperty().addListener((o, a, b) -> {
            if (!playback.playingProperty().get()) {
                requestDensity();
            }
        });
    }

    public DensityViewModel density() {
        return density;
    }

    private org.flowlab.density.PointSampler target() {
        try {
            return drawing.sampler();
        } catch (DensityException e) {
            return null;
        }
    }

    private void requestDensity() {
        density.request(training.weightsProperty().get(), playback.tProperty().get(), drawing.grid().halfWidth());
    }

    public DocumentViewModel document() {
        return document;
    }

    public ExportViewModel export() {
        return export;
    }

    public DrawingViewModel drawing() {
        return drawing;
    }

    public TrainingViewModel training() {
        return training;
    }

    public PlaybackViewModel playback() {
        return playback;
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

    public ObjectProperty<SceneLayers.FieldSample> fieldProperty() {
        return field;
    }

    public void notify(Notification n) {
        notification.set(n);
    }

    public void dismissNotification() {
        notification.set(null);
    }

    private void recomputeIfIdle() {
        if (!training.isRunning()) {
            playback.compute(training.weightsProperty().get());
        }
    }

    /** Once per pulse on the FX thread: read training, move the playhead, schedule previews. */
    public void onPulse(long nowNanos) {
        training.poll();
        if (lastPulse >= 0) {
            playback.advance(Math.min(0.1, (nowNanos - lastPulse) / 1e9));
        }
        lastPulse = nowNanos;
        document.onPulse(nowNanos);
        if (training.isRunning() && training.stepProperty().get() > 0) {
            density.maybeNll(nowNanos, training.weightsProperty().get(), this::target, false);
        }
        long interval = Math.max(PREVIEW_INTERVAL_NANOS, 2 * playback.previewNanos());
        if (training.isRunning() && nowNanos - lastPreview >= interval && !playback.isBusy()
                && training.stepProperty().get() > 0) {
            lastPreview = nowNanos;
            playback.preview(training.weightsProperty().get());
        }
    }

    /** What the canvas shows now. */
    public SceneLayers scene() {
        return new SceneLayers(showTarget.get() ? drawing.mass() : null, drawing.grid().size(),
                drawing.grid().halfWidth(), playback.trajectoryProperty().get(), playback.tProperty().get(),
                colorByStart.get() ? playback.colorsProperty().get() : null, showTrails.get(),
                showField.get() ? field.get() : null, showPairs.get() ? pairs.get() : null,
                SceneLayers.dotRadius(playback.trajectoryProperty().get() == null ? 0
                        : playback.trajectoryProperty().get().particles()),
                density.showProperty().get() ? density.heatmapProperty().get() : null);
    }

    private void updatePairs() {
        if (!showPairs.get()) {
            return;
        }
        try {
            float[] x1 = drawing.sampler().sample(PAIRS, new SplittableRandom(99));
            float[] x0 = FlowSampler.toFloat(FlowSampler.noise(PAIRS, 99));
            pairs.set(new SceneLayers.PairSample(x0, x1));
        } catch (DensityException e) {
            pairs.set(null);
        }
    }

    /** Evaluates v(·, t) on a grid in the background; at most one evaluation in flight, the newest t wins. */
    private void requestField() {
        if (!showField.get()) {
            field.set(null);
            return;
        }
        WeightsSnapshot w = training.weightsProperty().get();
        if (w == null) {
            return;
        }
        if (fieldTask != null && !fieldTask.isDone()) {
            fieldStale = true;
            return;
        }
        double t = playback.tProperty().get();
        double half = drawing.grid().halfWidth();
        Task<SceneLayers.FieldSample> task = new Task<>() {
            @Override
            protected SceneLayers.FieldSample call() {
                return evaluateField(w, t, half);
            }
        };
        task.setOnSucceeded(e -> {
            field.set(task.getValue());
            fieldDone();
        });
        task.setOnFailed(e -> fieldDone());
        fieldTask = task;
        fieldStale = false;
        fieldExecutor.submit(task);
    }

    private void fieldDone() {
        fieldTask = null;
        if (fieldStale) {
            requestField();
        }
    }

    /** Runs on the field thread. */
    private SceneLayers.FieldSample evaluateField(WeightsSnapshot w, double t, double half) {
        if (fieldWeights != w) {
            fieldNet = Network.of(compute, w);
            fieldWeights = w;
        }
        int g = FIELD_GRID;
        double[] pos = new double[2 * g * g];
        double spacing = 2 * half / g;
        for (int j = 0; j < g; j++) {
            for (int i = 0; i < g; i++) {
                int k = j * g + i;
                pos[2 * k] = -half + (i + 0.5) * spacing;
                pos[2 * k + 1] = -half + (j + 0.5) * spacing;
            }
        }
        double[] v = new double[pos.length];
        fieldNet.evaluate(t, pos, g * g, v);
        return new SceneLayers.FieldSample(FlowSampler.toFloat(pos), FlowSampler.toFloat(v), t);
    }

    @Override
    public void close() {
        density.close();
        export.close();
        training.close();
        sampling.close();
        fieldExecutor.close();
    }
}
