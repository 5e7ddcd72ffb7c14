package org.flowlab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flowlab.nn.WeightsSnapshot;

/**
 * An immutable list of checkpoints of the shown weights (the weight average, or the raw weights when training
 * keeps no average), strictly increasing in step: the training history the app scrubs and the learning movie
 * renders. Each entry holds its parameters only (no optimiser state), P floats = 4·P bytes. Safe to share
 * between threads.
 */
public final class Checkpoints {

    private static final Checkpoints EMPTY = new Checkpoints(List.of());

    private final List<WeightsSnapshot> list;

    private Checkpoints(List<WeightsSnapshot> list) {
        this.list = list;
    }

    public static Checkpoints empty() {
        return EMPTY;
    }

    /**
     * The checkpoints given, which must share one network config and have strictly increasing, non-negative
     * steps (what a session stores).
     */
    public static Checkpoints of(List<WeightsSnapshot> checkpoints) {
        for (int i = 0; i < checkpoints.size(); i++) {
            WeightsSnapshot w = checkpoints.get(i);
            if (w.step() < 0 || (i > 0 && w.step() <= checkpoints.get(i - 1).step())) {
                throw new IllegalArgumentException("checkpoint steps must increase, got " + w.step() + " at " + i);
            }
            if (i > 0 && !w.config().equals(checkpoints.get(0).config())) {
                throw new IllegalArgumentException("checkpoints of different networks");
            }
        }
        return checkpoints.isEmpty() ? EMPTY : new Checkpoints(List.copyOf(checkpoints));
    }

    public int size() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public WeightsSnapshot get(int i) {
        return list.get(i);
    }

    public long step(int i) {
        return list.get(i).step();
    }

    /** Every checkpoint, oldest first (unmodifiable). */
    public List<WeightsSnapshot> list() {
        return Collections.unmodifiableList(list);
    }

    /** The steps, oldest first. */
    public long[] steps() {
        long[] s = new long[list.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = list.get(i).step();
        }
        return s;
    }

    /** The index of the last checkpoint at or before {@code step}, or 0 when all are later (−1 when empty). */
    public int indexAtOrBefore(long step) {
        int found = list.isEmpty() ? -1 : 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).step() <= step) {
                found = i;
            }
        }
        return found;
    }

    /** Bytes the parameters of all checkpoints take on the heap (4 per float). */
    public long bytes() {
        long b = 0;
        for (WeightsSnapshot w : list) {
            b += 4L * w.params().length;
        }
        return b;
    }

    /**
     * These checkpoints, then {@code latest} when it is newer than the last (the frames of a learning movie end
     * on the weights the model has now); the same list when it is null or not newer.
     */
    public Checkpoints withLatest(WeightsSnapshot latest) {
        if (latest == null || (!list.isEmpty() && latest.step() <= list.get(list.size() - 1).step())) {
            return this;
        }
        if (!list.isEmpty() && !latest.config().equals(list.get(0).config())) {
            return this;
        }
        List<WeightsSnapshot> l = new ArrayList<>(list);
        l.add(new WeightsSnapshot(latest.config(), latest.params(), null, latest.step()));
        return new Checkpoints(List.copyOf(l));
    }
}
