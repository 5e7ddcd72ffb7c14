package org.flowlab.train;

/**
 * Receives snapshots on the trainer's thread. Implementations must return quickly and must not call
 * into the trainer's network (they get weights through the snapshot): store the snapshot and let the
 * consumer (the UI's next frame, a CLI printer) pick it up.
 */
@FunctionalInterface
public interface TrainingListener {
    void onSnapshot(TrainingSnapshot snapshot);
}
