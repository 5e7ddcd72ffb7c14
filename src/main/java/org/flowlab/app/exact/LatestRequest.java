package org.flowlab.app.exact;

import java.util.function.Supplier;
import org.flowlab.app.TaskRunner;

/**
 * At most one request in flight per instrument: while one runs, newer asks only mark it stale and one request
 * follows when it stops (so scrubbing t never cancels every evaluation before it finishes). Delivery thread only.
 */
final class LatestRequest {

    private final Supplier<TaskRunner.Handle> submit;
    private TaskRunner.Handle current;
    private boolean stale;

    /** @param submit submits the newest request (null when there is nothing to compute) */
    LatestRequest(Supplier<TaskRunner.Handle> submit) {
        this.submit = submit;
    }

    /** True while a request is in flight. */
    boolean busy() {
        return current != null && !current.isDone();
    }

    /** Runs {@code r} when the request in flight stops (at once when none is). */
    void whenIdle(Runnable r) {
        if (busy()) {
            current.whenStopped(r);
        } else {
            r.run();
        }
    }

    void request() {
        if (current != null && !current.isDone()) {
            stale = true;
            return;
        }
        stale = false;
        TaskRunner.Handle h = submit.get();
        current = h;
        if (h != null) {
            h.whenStopped(() -> {
                if (current == h && stale) {
                    request();
                }
            });
        }
    }
}
