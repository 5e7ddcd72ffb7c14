package org.flowlab.render;

import java.util.Arrays;

/** Collects frame times and reports percentiles (for the app's --perf flag and the render benchmark). */
public final class FrameTimes {

    private long[] nanos = new long[4096];
    private int size;

    public synchronized void record(long frameNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = frameNanos;
    }

    public synchronized int count() {
        return size;
    }

    /** p-th percentile in milliseconds (p in [0, 100]); NaN when empty. */
    public synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int idx = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100 * size) - 1));
        return sorted[idx] / 1e6;
    }

    public synchronized void clear() {
        size = 0;
    }

    /** "n=… p50=… p95=… p99=… max=… ms". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "frames %d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms",
                count(), percentileMillis(50), percentileMillis(95), percentileMillis(99), percentileMillis(100));
    }
}
