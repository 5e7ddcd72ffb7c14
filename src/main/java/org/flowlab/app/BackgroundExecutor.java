package org.flowlab.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;

/**
 * Runs long work (sampling, field evaluation, file loading) off the FX thread, one task at a time, on a
 * daemon thread that owns its own ND4J networks. Results come back through the Task's FX-thread callbacks.
 */
public final class BackgroundExecutor implements AutoCloseable {

    private final ExecutorService pool;

    public BackgroundExecutor(String name) {
        pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public <T> Task<T> submit(Task<T> task) {
        pool.execute(task);
        return task;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
