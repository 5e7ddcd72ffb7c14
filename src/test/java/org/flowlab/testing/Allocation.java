package org.flowlab.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap a piece of work allocates on the calling thread (HotSpot's per-thread allocation counter), so
 * tests can assert that a hostile file is refused without allocating what it asks for.
 */
public final class Allocation {

    private Allocation() {
    }

    /** Work that may throw anything. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** What the work threw (or null) and the bytes it allocated on this thread. */
    public record Result(Throwable thrown, long bytes) {
    }

    public static Result measure(Work work) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            work.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Result(thrown, mx.getCurrentThreadAllocatedBytes() - before);
    }
}
