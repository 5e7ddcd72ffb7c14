package org.flowlab.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One-time ND4J set-up: FLOAT everywhere. Safe to call from any thread, any number of times. */
public final class Nd4jBackend {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackend.class);

    private static volatile boolean initialised;
    private static volatile Boolean cuda;

    private Nd4jBackend() {
    }

    public static void ensureInitialised() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jBackend.class) {
            if (!initialised) {
                Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                initialised = true;
            }
        }
    }

    private static int productThreadsAtStart;
    private static int opMasterThreadsAtStart;

    /**
     * Leaves one core to the UI (or gives it back): the threads OpenBLAS's products use, process-wide, set to all
     * but one of the threads it started with (at least 1), or back to those. CPU backend only; no effect on CUDA
     * or with a single thread. Why: with 60 fps playback the UI wakes 60 times a second and two-thread products
     * wait for the thread it pre-empted; measured in the app (3 × 256, batch 256, playback on, same hold): median
     * 203 steps/s with one product thread against 168 with two ({@code bench}: 321). OpenBLAS reads the count when
     * a product starts, so a product already running on another thread keeps its threads. libnd4j's OpenMP ops
     * follow the same rule (measured later, same settings, three interleaved holds: median 225 → 237 steps/s).
     */
    public static synchronized void leaveOneCoreToTheUi(boolean leave) {
        if (isCuda()) {
            return;
        }
        org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
        if (productThreadsAtStart == 0) {
            productThreadsAtStart = blas.getMaxThreads();
        }
        int want = leave ? Math.max(1, productThreadsAtStart - 1) : productThreadsAtStart;
        if (productThreadsAtStart > 1 && blas.getMaxThreads() != want) {
            blas.setMaxThreads(want);
            LOG.debug("products on {} thread(s)", want);
        }
        // libnd4j's own element-wise and reduction ops (the loss, the weight average) split over OpenMP "master"
        // threads: the same rule. (Its maxThreads cannot be lowered at run time in M2.1; maxMasterThreads can.)
        org.nd4j.linalg.factory.Environment env = Nd4j.getEnvironment();
        if (opMasterThreadsAtStart == 0) {
            opMasterThreadsAtStart = env.maxMasterThreads();
        }
        int masters = leave ? Math.max(1, opMasterThreadsAtStart - 1) : opMasterThreadsAtStart;
        if (env.maxMasterThreads() != masters) {
            env.setMaxMasterThreads(masters);
            LOG.debug("ND4J ops on {} master thread(s)", masters);
        }
    }

    /** True on ND4J's CUDA backend; the backend is fixed for the life of the JVM, so this is read once. */
    public static boolean isCuda() {
        Boolean c = cuda;
        if (c == null) {
            ensureInitialised();
            String name = Nd4j.getBackend().getClass().getSimpleName();
            c = name.contains("Cublas") || name.contains("Cuda");
            cuda = c;
        }
        return c;
    }

    /**
     * One line for status bars and benchmarks: "CPU (CpuBackend, 2 cores, OMP_WAIT_POLICY=PASSIVE)" or
     * "GPU NVIDIA GeForce RTX 3080 (compute 8.6, 10240 MiB), 312 MB in use".
     */
    public static String describe() {
        ensureInitialised();
        String name = Nd4j.getBackend().getClass().getSimpleName();
        if (isCuda()) {
            String gpu = System.getenv("FLOWLAB_GPU");
            String used = "";
            try {
                used = ", " + Nd4j.getMemoryManager().allocatedMemory(0) / (1024 * 1024) + " MB in use";
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                // Memory accounting is optional.
                LOG.debug("GPU memory in use is unknown", e);
            }
            return "GPU " + (gpu == null ? "(CUDA)" : gpu) + used;
        }
        String env = System.getenv("OMP_WAIT_POLICY");
        String blas = System.getenv("OPENBLAS_THREAD_TIMEOUT");
        return "CPU (" + name + ", " + Runtime.getRuntime().availableProcessors() + " cores"
                + (env != null ? ", OMP_WAIT_POLICY=" + env : "")
                + (blas != null ? ", OPENBLAS_THREAD_TIMEOUT=" + blas : "") + ")";
    }
}
