package org.flowlab.app;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;

/**
 * Runs long work (sampling, density, field evaluation, building or stopping a trainer, reading and writing files)
 * away from the caller, in named <em>lanes</em>: the latest request in a lane wins. Submitting to a lane cancels
 * the request before it there, whose result is then dropped, never delivered. Results, errors and progress come
 * back on one delivery thread (the FX thread in the app, the calling thread in tests); {@link #submit} must be
 * called on that thread too, so view models never need locks.
 *
 * <p>Work that runs on a network must build it inside the work: networks belong to the thread that runs them.
 */
public interface TaskRunner extends AutoCloseable {

    /** What running work sees: whether its result is still wanted, and where to report how far it got. */
    interface Progress {

        /** True once the request was cancelled or replaced by a newer one in its lane: stop early if possible. */
        boolean isCancelled();

        /** Reports progress in [0, 1]; cheap, call as often as you like. */
        void progress(double fraction);

        /** Throws a CancellationException when cancelled (solver observers abort the integration with it). */
        default void checkCancelled() {
            if (isCancelled()) {
                throw new CancellationException();
            }
        }
    }

    /** Work to run in a lane; it may throw, and the error goes to the submitter's error callback. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** One request. All methods are for the delivery thread. */
    interface Handle {

        /** Cancels the request: its result is never delivered; running work sees {@link Progress#isCancelled()}. */
        void cancel();

        boolean isCancelled();

        /** True once the work has stopped running: finished, failed, or cancelled (and out of its lane). */
        boolean isDone();

        /** The work's last reported progress, updated on the delivery thread. */
        ReadOnlyDoubleProperty progressProperty();

        /**
         * Runs {@code action} on the delivery thread once the work has stopped running, whatever the outcome
         * (also when it was cancelled); at once when it already has.
         */
        void whenStopped(Runnable action);
    }

    /**
     * Runs {@code work} in {@code lane} after the lane's earlier requests, cancelling the latest of them.
     * Unless cancelled, exactly one of {@code onDone} (with the result) and {@code onError} (with what the work
     * threw; a CancellationException counts as a cancellation and is not reported) runs on the delivery thread.
     */
    <T> Handle submit(String lane, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Cancels every lane's requests and lets the lanes' threads end; nothing is delivered afterwards. */
    @Override
    void close();
}
