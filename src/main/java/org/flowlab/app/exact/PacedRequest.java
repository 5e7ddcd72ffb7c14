package org.flowlab.app.exact;

import java.util.function.BooleanSupplier;

/**
 * An instrument that follows the weights, paced while training runs. Training publishes new weights ten times a
 * second; an instrument that re-evaluated the network on each (the loss by t on 20 480 points, the error map, the
 * lens) ran back to back and took a core from training: measured in the app at 3 × 256, batch 256, training ran at
 * 30–50 steps/s against 400 in {@code bench}. So while training runs a change of weights only marks the
 * instrument stale, and {@link #onPulse} asks for one evaluation at most every max({@value #MIN_INTERVAL_NANOS} ns,
 * {@value #PACE} × the last evaluation's duration): at most about a ninth of the time. When training is not running
 * (or stops) the newest weights are asked for at once. Delivery thread only.
 */
final class PacedRequest {

    static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    static final int PACE = 8;

    private final LatestRequest request;
    private final BooleanSupplier training;
    private boolean stale;
    private boolean asked;
    private long lastAsk;
    private long lastDuration;

    /**
     * @param request  the instrument's request (at most one in flight)
     * @param training true while training runs
     */
    PacedRequest(LatestRequest request, BooleanSupplier training) {
        this.request = request;
        this.training = training;
    }

    /** New weights: asks at once when training is not running, else marks the instrument stale. */
    void weightsChanged() {
        if (training.getAsBoolean()) {
            stale = true;
        } else {
            stale = false;
            request.request();
        }
    }

    /** Training stopped: the final weights are asked for at once if the instrument is behind. */
    void trainingStopped() {
        if (stale) {
            stale = false;
            request.request();
        }
    }

    /** Once per pulse: asks for the newest weights if stale, nothing is in flight and the pace allows. */
    void onPulse(long nowNanos) {
        if (!stale || request.busy()) {
            return;
        }
        if (!training.getAsBoolean()) {
            trainingStopped();
            return;
        }
        if (asked && nowNanos - lastAsk < Math.max(MIN_INTERVAL_NANOS, PACE * lastDuration)) {
            return;
        }
        stale = false;
        asked = true;
        lastAsk = nowNanos;
        long started = System.nanoTime();
        request.request();
        request.whenIdle(() -> lastDuration = System.nanoTime() - started);
    }
}
