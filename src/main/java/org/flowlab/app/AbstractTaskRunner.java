package org.flowlab.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The rules every {@link TaskRunner} shares: the latest request per lane, cancelling the one it replaces, and
 * delivering only what is still wanted. Subclasses decide where a lane's work runs ({@link #execute}) and where
 * results go ({@link #deliver}). The lane table is touched only on the delivery thread.
 */
public abstract class AbstractTaskRunner implements TaskRunner {

    private final Map<String, Request<?>> latest = new HashMap<>();
    private boolean closed;

    /** Runs {@code job} after the lane's earlier jobs (on the lane's thread, or on this one). */
    protected abstract void execute(String lane, Runnable job);

    /** Runs {@code action} on the delivery thread. */
    protected abstract void deliver(Runnable action);

    protected final boolean isClosed() {
        return closed;
    }

    @Override
    public final <T> Handle submit(String lane, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Request<T> r = new Request<>(lane, work, onDone, onError);
        if (closed) {
            r.cancelled = true;
            r.finish(null, null);
            return r;
        }
        Request<?> previous = latest.put(lane, r);
        if (previous != null) {
            previous.cancelled = true;
        }
        execute(lane, r::runHere);
        return r;
    }

    @Override
    public void close() {
        closed = true;
        for (Request<?> r : latest.values()) {
            r.cancelled = true;
        }
        latest.clear();
    }

    private final class Request<T> implements Handle, Progress {

        private final String lane;
        private final Work<T> work;
        private final Consumer<T> onDone;
        private final Consumer<Throwable> onError;
        private final SimpleDoubleProperty progress = new SimpleDoubleProperty();
        private final AtomicBoolean progressPosted = new AtomicBoolean();
        private final List<Runnable> whenStopped = new ArrayList<>();
        private volatile boolean cancelled;
        private volatile double reported;
        private boolean done;

        Request(String lane, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            this.lane = lane;
            this.work = work;
            this.onDone = onDone;
            this.onError = onError;
        }

        /** On the lane's thread: runs the work unless it was cancelled while it waited. */
        void runHere() {
            if (cancelled) {
                deliver(() -> finish(null, null));
                return;
            }
            T value = null;
            Throwable error = null;
            try {
                value = work.run(this);
            } catch (Throwable e) {
                error = e;
            }
            T v = value;
            Throwable e = error;
            deliver(() -> finish(v, e));
        }

        /** On the delivery thread. */
        void finish(T value, Throwable error) {
            done = true;
            if (latest.get(lane) == this) {
                latest.remove(lane);
            }
            try {
                if (!cancelled && !closed) {
                    if (error == null) {
                        onDone.accept(value);
                    } else if (!(error instanceof CancellationException)) {
                        onError.accept(error);
                    }
                }
            } finally {
                for (Runnable r : whenStopped) {
                    r.run();
                }
                whenStopped.clear();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void progress(double fraction) {
            reported = fraction;
            if (progressPosted.compareAndSet(false, true)) {
                deliver(() -> {
                    progressPosted.set(false);
                    progress.set(reported);
                });
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (latest.get(lane) == this) {
                latest.remove(lane);
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return progress;
        }

        @Override
        public void whenStopped(Runnable action) {
            if (done) {
                action.run();
            } else {
                whenStopped.add(action);
            }
        }
    }
}
