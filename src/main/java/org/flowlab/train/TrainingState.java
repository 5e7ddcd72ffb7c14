package org.flowlab.train;

/** The life cycle of a {@link TrainingRun}. */
public enum TrainingState {
    /** Initialised weights, no step taken since the last reset. */
    READY,
    RUNNING,
    PAUSED,
    /** Reached its step budget. */
    FINISHED,
    /** Stopped on request; can be started again and continues. */
    STOPPED,
    /** Stopped by a non-finite loss or an error; the last good weights were kept. */
    FAILED
}
