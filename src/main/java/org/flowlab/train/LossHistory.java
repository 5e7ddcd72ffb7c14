package org.flowlab.train;

import java.util.Arrays;

/**
 * An append-only record of (step, loss) points. The trainer appends; {@link #view()} returns an immutable
 * prefix that other threads may read while appends continue (appends never touch published prefixes:
 * arrays are replaced, not overwritten, when they grow).
 */
public final class LossHistory {

    private long[] steps = new long[1024];
    private float[] values = new float[1024];
    private int size;

    /**
     * Called by the owning thread only. Steps must increase: a point at or before the last one (a run that went
     * back to earlier weights after a non-finite loss and continues) first drops the points it replaces, so the
     * history stays what a session can store.
     */
    public void add(long step, double value) {
        if (size > 0 && steps[size - 1] >= step) {
            int keep = size;
            while (keep > 0 && steps[keep - 1] >= step) {
                keep--;
            }
            // Copies, so published views keep their points.
            steps = Arrays.copyOf(steps, steps.length);
            values = Arrays.copyOf(values, values.length);
            size = keep;
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        values[size] = (float) value;
        size++;
    }

    /** Appends every point of a view (a resumed run's history so far). */
    public void addAll(View v) {
        for (int i = 0; i < v.size(); i++) {
            add(v.step(i), v.value(i));
        }
    }

    public void clear() {
        steps = new long[1024];
        values = new float[1024];
        size = 0;
    }

    public View view() {
        return new View(steps, values, size);
    }

    /** An immutable prefix of the history. */
    public static final class View {
        private final long[] steps;
        private final float[] values;
        private final int size;

        View(long[] steps, float[] values, int size) {
            this.steps = steps;
            this.values = values;
            this.size = size;
        }

        public static View empty() {
            return new View(new long[0], new float[0], 0);
        }

        public static View of(long[] steps, float[] values) {
            return new View(steps.clone(), values.clone(), Math.min(steps.length, values.length));
        }

        public int size() {
            return size;
        }

        public long step(int i) {
            return steps[i];
        }

        public float value(int i) {
            return values[i];
        }

        public long[] stepsCopy() {
            return Arrays.copyOf(steps, size);
        }

        public float[] valuesCopy() {
            return Arrays.copyOf(values, size);
        }

        /** Mean of the last k values (fewer if not available); NaN when empty. */
        public double recentMean(int k) {
            int from = Math.max(0, size - k);
            if (from == size) {
                return Double.NaN;
            }
            double s = 0;
            for (int i = from; i < size; i++) {
                s += values[i];
            }
            return s / (size - from);
        }
    }
}
