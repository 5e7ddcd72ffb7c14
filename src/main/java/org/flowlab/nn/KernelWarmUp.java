package org.flowlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs every kernel of a {@link Lanes} on small scratch arrays in a background thread until the JIT has compiled
 * them (after adding {@link KernelCompilation}'s directive), and says when that is done. Until then
 * {@link BufferKernels} runs the scalar loops, which give the same bits, so the switch is invisible in the results.
 *
 * <p>Why: before C2 compiles them, Vector API kernels run interpreted or as C1 code, where every vector operation
 * allocates — tens of times slower than ND4J's ops. Measured (one-shot CLI runs, cold JVM, sampling 65 536 points
 * with midpoint × 8 on a 3×128 MLP): 1.8 s with ND4J's ops before issue 14, 2.3–2.5 s with the vector kernels
 * used from the first call.
 *
 * <p>Ready means: each kernel has run often enough for HotSpot's tiered thresholds and now costs under
 * {@value #READY_NS_PER_VALUE} ns per value on 64-value calls (compiled: ≈ 1–2; interpreted: hundreds); or
 * {@value #MAX_SECONDS} s have passed, whichever is first.
 */
final class KernelWarmUp {

    static final double READY_NS_PER_VALUE = 10;
    static final int MAX_SECONDS = 20;
    private static final int N = 64;
    private static final int CALLS_PER_ROUND = 2000;

    private final Lanes lanes;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean ready;

    private KernelWarmUp(Lanes lanes) {
        this.lanes = lanes;
    }

    /** Starts warming {@code lanes} up on a daemon thread. */
    static KernelWarmUp start(Lanes lanes) {
        KernelWarmUp w = new KernelWarmUp(lanes);
        Thread t = new Thread(w::run, "flowlab-kernel-warm-up");
        t.setDaemon(true);
        t.start();
        return w;
    }

    boolean ready() {
        return ready;
    }

    /** Waits (at most {@value #MAX_SECONDS} s more) until the kernels are ready; for tests and benchmarks. */
    void await() {
        try {
            done.await(MAX_SECONDS + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            // Before any caller runs the kernels (they wait for ready): the JMX server takes ≈ 0.3 s to start.
            KernelCompilation.keepKernelsSeparate();
            long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
            float[][] x = new float[4][N];
            ByteBuffer[] b = new ByteBuffer[4];
            for (int i = 0; i < 4; i++) {
                b[i] = ByteBuffer.allocateDirect(4 * N).order(ByteOrder.nativeOrder());
            }
            SplittableRandom r = new SplittableRandom(1);
            for (int round = 0; ; round++) {
                fill(x, b, r);
                for (int c = 0; c < CALLS_PER_ROUND; c++) {
                    callAll(x, b);
                }
                if (round >= 2 && slowest(x, b) < READY_NS_PER_VALUE || System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            // A failing warm-up only means the kernels are used without it.
        } finally {
            ready = true;
            done.countDown();
        }
    }

    private static void fill(float[][] x, ByteBuffer[] b, SplittableRandom r) {
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < N; i++) {
                float v = (float) (4 * r.nextGaussian());
                x[k][i] = v;
                b[k].putFloat(4 * i, k == 3 ? Math.abs(v) : v);    // b[3]: Adam's v must not be negative
            }
        }
    }

    private void callAll(float[][] x, ByteBuffer[] b) {
        lanes.siluForward(x[0], x[1], x[2], N, 0.1f);
        lanes.siluBias(x[1], N, 0.1f);
        lanes.siluBackprop(x[2], x[3], N);
        lanes.siluTangents(x[0], x[1], x[2], N, 0.1f);
        lanes.siluTangentsFirst(x[3], x[1], x[2], N, 0.1f, 0.5f, -0.5f);
        lanes.biasAdd(b[0], 0, N, 0f);
        lanes.siluBackward(b[0], 0, b[1], 0, b[2], 0, b[2], 0, N);
        lanes.adam(b[0], 0, b[1], 0, b[2], 0, b[3], 0, N, 0.9f, 0.999f, 1e-8f, 1e-3f);
    }

    /** The slowest kernel's nanoseconds per value over 200 calls of each. */
    private double slowest(float[][] x, ByteBuffer[] b) {
        long worst = 0;
        for (int k = 0; k < 8; k++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < 200; c++) {
                switch (k) {
                    case 0 -> lanes.siluForward(x[0], x[1], x[2], N, 0.1f);
                    case 1 -> lanes.siluBias(x[1], N, 0.1f);
                    case 2 -> lanes.siluBackprop(x[2], x[3], N);
                    case 3 -> lanes.siluTangents(x[0], x[1], x[2], N, 0.1f);
                    case 4 -> lanes.siluTangentsFirst(x[3], x[1], x[2], N, 0.1f, 0.5f, -0.5f);
                    case 5 -> lanes.biasAdd(b[0], 0, N, 0f);
                    case 6 -> lanes.siluBackward(b[0], 0, b[1], 0, b[2], 0, b[2], 0, N);
                    default -> lanes.adam(b[0], 0, b[1], 0, b[2], 0, b[3], 0, N, 0.9f, 0.999f, 1e-8f, 1e-3f);
                }
            }
            worst = Math.max(worst, System.nanoTime() - t0);
        }
        return worst / (200.0 * N);
    }
}
