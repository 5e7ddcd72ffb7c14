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
