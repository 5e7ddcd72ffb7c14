package org.flowlab.app.density;

import org.flowlab.app.BackgroundExecutor;
import org.flowlab.app.Notification;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.flowlab.density.PointSampler;
import org.flowlab.likelihood.LogDensity;
import org.flowlab.train.LossHistory;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.render.SceneLayers;

/**
 * What the model believes: a heatmap of p_t on a {@link #GRID}² grid at the current t, and the held-out
 * negative log-likelihood during training. Both are computed on a thread of their own from weight snapshots;
 * heatmaps are cached per (snapshot, t rounded to 0.05), a newer request cancels an older one.
 */
public final class DensityViewModel implements AutoCloseable {

    private final ComputeThread compute;

    public static final int GRID = 128;
    /** Midpoint with 8 steps: 16 evaluations of (v, div v) per point, ≈ 1e-3 nats on trained models. */
    static OdeSolver solver() {
        return Solvers.create("midpoint", 8);
    }

    static final int HELD_OUT = 256;
    static final long NLL_INTERVAL_NANOS = 20_000_000_000L;

    private final BackgroundExecutor executor = new BackgroundExecutor("flowlab-density");
    private final java.util.function.Consumer<Notification> notify;
    private final BooleanProperty show = new SimpleBooleanProperty(false);
    private final ObjectProperty<SceneLayers.Heatmap> heatmap = new SimpleObjectProperty<>();
    private final BooleanProperty computing = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<LossHistory.View> nll = new SimpleObjectProperty<>(LossHistory.View.empty());
    private final Map<String, SceneLayers.Heatmap> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SceneLayers.Heatmap> e) {
            return size() > 24;
        }
    };
    private final LossHistory nllHistory = new LossHistory();
    private Task<SceneLayers.Heatmap> heatTask;
    private Task<Double> nllTask;
    private long lastNll;
    private long lastNllStep = -1;

    public DensityViewModel(ComputeThread compute, java.util.function.Consumer<Notification> notify) {
        this.compute = compute;
        this.notify = notify;
    }

    public BooleanProperty showProperty() {
        return show;
    }

    public ObjectProperty<SceneLayers.Heatmap> heatmapProperty() {
        return heatmap;
    }

    public BooleanProperty computingProperty() {
        return computing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<LossHistory.View> nllProperty() {
        return nll;
    }

    private static String key(WeightsSnapshot w, double t) {
        return System.identityHashCode(w) + "@" + w.step() + "@" + Math.round(t * 20);
    }

    /** Shows the heatmap for (weights, t), computing it in the background unless cached. */
    public void request(WeightsSnapshot w, double t, double halfWidth) {
        if (!show.get() || w == null) {
            return;
        }
        double tq = Math.round(t * 20) / 20.0;
        SceneLayers.Heatmap cached = cache.get(key(w, tq));
        if (cached != null) {
            heatmap.set(cached);
            return;
        }
        if (heatTask != null) {
            heatTask.cancel();
        }
        Task<SceneLayers.Heatmap> task = new Task<>() {
            @Override
            protected SceneLayers.Heatmap call() {
                long start = System.nanoTime();
                NetworkDivergence div = new NetworkDivergence(Network.of(compute, w));
                OdeObserver obs = (time, z, v) -> {
                    if (isCancelled()) {
                        throw new CancellationException();
                    }
                    updateProgress(tq - time, Math.max(1e-9, tq));
                };
                double[] logp = LogDensity.grid(div, solver(), GRID, halfWidth, tq, obs);
                double max = Double.NEGATIVE_INFINITY;
                for (double l : logp) {
                    if (Double.isFinite(l)) {
                        max = Math.max(max, l);
                    }
                }
                float[] u = new float[logp.length];
                for (int i = 0; i < u.length; i++) {
                    // Display p/p_max with gamma ½ so both peaks and shoulders read.
                    u[i] = Double.isFinite(logp[i]) ? (float) Math.exp(0.5 * (logp[i] - max)) : 0f;
                }
                String what = String.format(Locale.ROOT, "log p at t=%.2f · step %d · %.1f s", tq, w.step(),
                        (System.nanoTime() - start) / 1e9);
                updateMessage(what);
                return new SceneLayers.Heatmap(u, GRID, halfWidth);
            }
        };
        task.setOnSucceeded(e -> {
            if (heatTask == task) {
                cache.put(key(w, tq), task.getValue());
                heatmap.set(task.getValue());
                description.set(task.getMessage());
                computing.set(false);
            }
        });
        task.setOnFailed(e -> {
            if (heatTask == task) {
                computing.set(false);
                description.set("density failed");
                notify.accept(Notification.error("Could not compute the learned density: "
                        + task.getException().getMessage()));
            }
        });
        task.setOnCancelled(e -> {
            if (heatTask == task) {
                computing.set(false);
            }
        });
        heatTask = task;
        computing.set(true);
        progress.unbind();
        progress.bind(task.progressProperty());
        executor.submit(task);
    }

    /** Held-out NLL at most every 20 s while training, and whenever asked with {@code force}. */
    public void maybeNll(long nowNanos, WeightsSnapshot w, java.util.function.Supplier<PointSampler> targetSource,
                         boolean force) {
        if (w == null || w.step() == lastNllStep || (nllTask != null && !nllTask.isDone())) {
            return;
        }
        if (!force && nowNanos - lastNll < NLL_INTERVAL_NANOS) {
            return;
        }
        PointSampler target = targetSource.get();
        if (target == null) {
            return;
        }
        lastNll = nowNanos;
        lastNllStep = w.step();
        float[] heldOut = target.sample(HELD_OUT, new SplittableRandom(777));
        Task<Double> task = new Task<>() {
            @Override
            protected Double call() {
                return LogDensity.meanNll(new NetworkDivergence(Network.of(compute, w)), solver(), heldOut);
            }
        };
        task.setOnSucceeded(e -> {
            if (Double.isFinite(task.getValue())) {
                nllHistory.add(w.step(), task.getValue());
                nll.set(nllHistory.view());
            }
        });
        task.setOnFailed(e -> notify.accept(Notification.error("Could not compute the held-out NLL: "
                + task.getException().getMessage())));
        nllTask = task;
        executor.submit(task);
    }

    /** A new model or new data: the old curve and heatmaps no longer apply. */
    public void reset() {
        cache.clear();
        heatmap.set(null);
        nllHistory.clear();
        nll.set(LossHistory.View.empty());
        lastNllStep = -1;
        lastNll = 0;
    }

    @Override
    public void close() {
        if (heatTask != null) {
            heatTask.cancel();
        }
        executor.close();
    }
}
