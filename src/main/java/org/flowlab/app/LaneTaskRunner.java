package org.flowlab.app;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * The app's {@link TaskRunner}: each lane has a daemon thread of its own (named {@code flowlab-<lane>}), so a lane
 * runs one request at a time in order and lanes run side by side; results come back through {@code delivery}
 * ({@link Platform#runLater} in the app). Never blocks its caller. Lanes named {@code group/name} share the
 * group's thread (their requests run one after the other, each lane still keeps only its latest): a way to
 * keep related work from competing for the cores.
 */
public final class LaneTaskRunner extends AbstractTaskRunner {

    private final Executor delivery;
    private final Map<String, ExecutorService> lanes = new HashMap<>();

    public LaneTaskRunner(Executor delivery) {
        this.delivery = delivery;
    }

    /** Delivers on the JavaFX application thread. */
    public static LaneTaskRunner onFxThread() {
        return new LaneTaskRunner(Platform::runLater);
    }

    @Override
    protected void execute(String lane, Runnable job) {
        String group = lane.contains("/") ? lane.substring(0, lane.indexOf('/')) : lane;
        lanes.computeIfAbsent(group, name -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flowlab-" + name);
            t.setDaemon(true);
            return t;
        })).execute(job);
    }

    @Override
    protected void deliver(Runnable action) {
        try {
            delivery.execute(action);
        } catch (IllegalStateException e) {
            // The FX toolkit has exited after close(): nobody is left to deliver to.
            if (!isClosed()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        super.close();
        // Work already cancelled returns early; the threads end when their queues are empty.
        lanes.values().forEach(ExecutorService::shutdown);
    }
}
