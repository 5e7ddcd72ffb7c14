package org.flowlab.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The environment FlowLab's JVM should run with, settled before ND4J loads. ND4J reads its backend priorities
 * (BACKEND_PRIORITY_CPU/GPU) and OpenMP its wait policy only from the process environment, and the JVM resolves
 * the Vector API's incubator module ({@value #VECTOR_MODULE}, used by the network kernels) only when asked on its
 * command line — a jar's manifest cannot ask — so when either needs to change the launcher starts the JVM once
 * more with them ({@link #ENV_MARK} prevents a second time), filtering the JVM's incubator notice from its stderr
 * ({@link LineDroppingStream}).
 */
public final class Launch {

    public static final String ENV_MARK = "FLOWLAB_LAUNCHED";
    public static final String ENV_NOTE = "FLOWLAB_BACKEND_NOTE";
    public static final String ENV_GPU = "FLOWLAB_GPU";
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** The Java Vector API (JDK 17: incubating) that FlowLab's element-wise kernels use when present. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Launch() {
    }

    /**
     * What to set, and what to say: environment variables and extra JVM options for the restarted JVM. Both are
     * empty when the current process is fine as it is.
     */
    public record Plan(Map<String, String> env, List<String> jvmOptions, String note) {
        public boolean relaunch() {
            return !env.isEmpty() || !jvmOptions.isEmpty();
        }
    }

    /** Does this JVM resolve the Vector API module? */
    public static boolean vectorModuleResolved() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** Is ND4J's CUDA backend in this build (the cuda profile)? The system property flowlab.assumeCudaBackend fakes it for tests. */
    public static boolean cudaInBuild() {
        if (Boolean.getBoolean("flowlab.assumeCudaBackend")) {
            return true;
        }
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Launch.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Decides the environment. OMP_WAIT_POLICY=PASSIVE unless the user set a policy (ND4J's OpenMP threads spin
     * otherwise: 1.3–2× slower here); OPENBLAS_THREAD_TIMEOUT=4 unless set (OpenBLAS's worker threads otherwise
     * spin in sched_yield for ≈ 2²⁸ cycles after every matrix product and take the second core from ND4J's
     * element-wise operations: training 44 → 91 steps/s measured together with the DL4J-free step, 31.6 → 45.4
     * alone, at batch 1024); the backend priorities only when the build holds the CUDA backend;
     * {@code --add-modules=}{@value #VECTOR_MODULE} unless this JVM already resolves it (the kernels then run
     * 3–4× faster than ND4J's element-wise ops; without it they fall back to scalar loops).
     */
    public static Plan plan(Map<String, String> currentEnv, BackendChoice choice, boolean cudaInBuild,
                            boolean vectorResolved) {
        if (currentEnv.containsKey(ENV_MARK)) {
            return new Plan(Map.of(), List.of(), currentEnv.get(ENV_NOTE));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (!currentEnv.containsKey("OMP_WAIT_POLICY")) {
            env.put("OMP_WAIT_POLICY", "PASSIVE");
        }
        if (!currentEnv.containsKey("OPENBLAS_THREAD_TIMEOUT")) {
            env.put("OPENBLAS_THREAD_TIMEOUT", "4");
        }
        if (cudaInBuild) {
            env.put("BACKEND_PRIORITY_CPU", choice.cuda() ? "0" : "1000");
            env.put("BACKEND_PRIORITY_GPU", choice.cuda() ? "1000" : "0");
        }
        if (choice.gpu() != null) {
            env.put(ENV_GPU, choice.gpu().toString());
        }
        if (choice.note() != null) {
            env.put(ENV_NOTE, choice.note());
        }
        List<String> jvm = vectorResolved ? List.of() : List.of("--add-modules=" + VECTOR_MODULE);
        if (!env.isEmpty() || !jvm.isEmpty()) {
            env.put(ENV_MARK, "1");
        }
        return new Plan(env, jvm, choice.note());
    }

    /** The stored preference (auto/cpu/cuda) in {@code <home>/settings.properties}; AUTO when absent or unreadable. */
    public static BackendChoice.Preference storedPreference(Path home) {
        Path f = home.resolve("settings.properties");
        if (!Files.isRegularFile(f)) {
            return BackendChoice.Preference.AUTO;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            return BackendChoice.Preference.parse(p.getProperty("backend"));
        } catch (IOException | IllegalArgumentException e) {
            return BackendChoice.Preference.AUTO;
        }
    }

    public static void storePreference(Path home, BackendChoice.Preference pref) throws IOException {
        Path f = home.resolve("settings.properties");
        Properties p = new Properties();
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            }
        }
        p.setProperty("backend", pref.name().toLowerCase(java.util.Locale.ROOT));
        org.flowlab.io.AtomicFiles.write(f, (OutputStream out) -> p.store(out, "FlowLab settings"));
    }

    /** ~/.flowlab, or the flowlab.home system property (see {@link org.flowlab.io.AppHome}). */
    public static Path home() {
        return org.flowlab.io.AppHome.home();
    }
}
