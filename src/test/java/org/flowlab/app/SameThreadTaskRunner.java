package org.flowlab.app;

import java.util.ArrayDeque;

/**
 * A {@link TaskRunner} for view-model tests: work and delivery on the calling thread. {@link #immediate()} runs
 * each request inside {@code submit}; {@link #deferred()} queues them until {@link #runPending()}, so a test can
 * submit twice, cancel, or look at the state while work is "running".
 */
public final class SameThreadTaskRunner extends AbstractTaskRunner {

    private final boolean deferred;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private SameThreadTaskRunner(boolean deferred) {
        this.deferred = deferred;
    }

    public static SameThreadTaskRunner immediate() {
        return new SameThreadTaskRunner(false);
    }

    public static SameThreadTaskRunner deferred() {
        return new SameThreadTaskRunner(true);
    }

    @Override
    protected void execute(String lane, Runnable job) {
        if (deferred) {
            pending.add(job);
        } else {
            job.run();
        }
    }

    @Override
    protected void deliver(Runnable action) {
        action.run();
    }

    /** Runs the queued requests in order (and any they submit), here; returns how many ran. */
    public int runPending() {
        int n = 0;
        for (Runnable job = pending.poll(); job != null; job = pending.poll()) {
            job.run();
            n++;
        }
        return n;
    }

    public int pendingCount() {
        return pending.size();
    }
}
