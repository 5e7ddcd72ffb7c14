package org.flowlab.app.density;

import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.Notification;
import org.flowlab.app.Seeds;
import org.flowlab.app.TaskRunner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import org.flowlab.density.PointSampler;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.render.SceneLayers;
import org.flowlab.train.LossHistory;

/**
 * What the model believes: a heatmap of p_t on a {@link #GRID}² grid at the current t, and the held-out
 * negative log-likelihood during training, each computed in a lane of its own (sharing one thread). Heatmaps are cached per
 * (weights by value, t rounded to 0.05) and follow the weights when training is not running and t while not
 * playing; a newer request replaces an older one. The NLL is computed at most every 20 s while training and
 * whenever training stops, on held-out points drawn from the user's seed ({@link Seeds#HELD_OUT}).
 */
public final class DensityViewModel {

    public static final int GRID = 128;
    /** Heatmaps and the NLL take turns on one thread, so together they take at most one core from training. */
    static final String HEATMAP_LANE = "density/heatmap";
    static final String NLL_LANE = "density/nll";
    static final int HELD_OUT = 256;
    static final long NLL_INTERVAL_NANOS = 20_000_000_000L;
    private static final int CACHED = 24;

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final ObservableDoubleValue t;
    private final Consumer<Notification> notify;
    private final BooleanProperty show = new SimpleBooleanProperty(false);
    private final ObjectProperty<SceneLayers.Heatmap> heatmap = new SimpleObjectProperty<>();
    private final BooleanProperty computing = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<LossHistory.View> nll = new SimpleObjectProperty<>(LossHistory.View.empty());
    private final Map<HeatKey, SceneLayers.Heatmap> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<HeatKey, SceneLayers.Heatmap> e) {
            return size() > CACHED;
        }
    };
    private final LossHistory nllHistory = new LossHistory();
    private TaskRunner.Handle heatRequest;
    private TaskRunner.Handle nllRequest;
    private WeightsSnapshot keyedWeights;
    private WeightsKey weightsKey;
    private long lastNll;
    private long lastNllStep = -1;

    /** A heatmap's identity: the weights by value and t in twentieths. */
    private record HeatKey(WeightsKey weights, long twentieths) {
    }

    /**
     * @param t       the playhead
     * @param playing whether the playhead is moving (heatmaps follow t only while it is not)
     */
    public DensityViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ObservableDoubleValue t,
                            ObservableBooleanValue playing, Consumer<Notification> notify) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.t = t;
        this.notify = notify;
        show.addListener((o, a, b) -> {
            if (b) {
                request();
            } else {
                cancelHeatmap();
                heatmap.set(null);
            }
        });
        model.weights().addListener((o, a, w) -> {
            if (w == null || w.step() == 0 || w.step() < lastNllStep) {
                reset();
            }
            if (!model.training().get()) {
                request();
            }
        });
        model.training().addListener((o, was, now) -> {
            if (!now) {
                request();
                maybeNll(System.nanoTime(), true);
            }
        });
        model.targetVersion().addListener((o, a, b) -> reset());
        t.addListener((o, a, b) -> {
            if (!playing.get()) {
                request();
            }
        });
        playing.addListener((o, a, b) -> {
            if (!b) {
                request();
            }
        });
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

    public ObjectProperty<LossHistory.View> nllProperty() {
        return nll;
    }

    private HeatKey key(WeightsSnapshot w, double tq) {
        if (w != keyedWeights) {
            weightsKey = WeightsKey.of(w);
            keyedWeights = w;
        }
        return new HeatKey(weightsKey, Math.round(tq * 20));
    }

    /** Shows the heatmap for the current weights and t, computing it in the background unless cached. */
    private void request() {
        WeightsSnapshot w = model.weights().getValue();
        if (!show.get() || w == null) {
            return;
        }
        double tq = Math.round(t.get() * 20) / 20.0;
        HeatKey key = key(w, tq);
        SceneLayers.Heatmap cached = cache.get(key);
        if (cached != null) {
            cancelHeatmap();
            heatmap.set(cached);
            return;
        }
        double halfWidth = model.halfWidth();
        computing.set(true);
        TaskRunner.Handle h = runner.submit(HEATMAP_LANE,
                p -> DensityMaps.heatmap(fields.divergence(w), GRID, halfWidth, tq, p),
                map -> {
                    cache.put(key, map);
                    heatmap.set(map);
                },
                e -> notify.accept(Notification.error("Could not compute the learned density: " + e.getMessage())));
        heatRequest = h;
        progress.unbind();
        progress.bind(h.progressProperty());
        h.whenStopped(() -> {
            if (heatRequest == h) {
                computing.set(false);
            }
        });
    }

    private void cancelHeatmap() {
        if (heatRequest != null) {
            heatRequest.cancel();
        }
    }

    /** Once per pulse: the held-out NLL, at most every 20 s while training runs. */
    public void onPulse(long nowNanos) {
        WeightsSnapshot w = model.weights().getValue();
        if (model.training().get() && w != null && w.step() > 0) {
            maybeNll(nowNanos, false);
        }
    }

    private void maybeNll(long nowNanos, boolean force) {
        WeightsSnapshot w = model.weights().getValue();
        if (w == null || w.step() == lastNllStep || (nllRequest != null && !nllRequest.isDone())) {
            return;
        }
        if (!force && nowNanos - lastNll < NLL_INTERVAL_NANOS) {
            return;
        }
        PointSampler target = model.target().get();
        if (target == null) {
            return;
        }
        lastNll = nowNanos;
        lastNllStep = w.step();
        float[] heldOut = target.sample(HELD_OUT,
                new SplittableRandom(Seeds.derive(model.seed().getAsLong(), Seeds.HELD_OUT)));
        nllRequest = runner.submit(NLL_LANE, p -> DensityMaps.meanNll(fields.divergence(w), heldOut), v -> {
            if (Double.isFinite(v)) {
                nllHistory.add(w.step(), v);
                nll.set(nllHistory.view());
            }
        }, e -> notify.accept(Notification.error("Could not compute the held-out NLL: " + e.getMessage())));
    }

    /** A new model or new data: the old curve and heatmaps no longer apply. */
    private void reset() {
        cancelHeatmap();
        if (nllRequest != null) {
            nllRequest.cancel();
        }
        cache.clear();
        heatmap.set(null);
        nllHistory.clear();
        nll.set(LossHistory.View.empty());
        lastNllStep = -1;
        lastNll = 0;
    }
}
