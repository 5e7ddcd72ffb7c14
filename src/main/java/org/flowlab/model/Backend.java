package org.flowlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** One-time ND4J set-up: FLOAT everywhere. Safe to call from any thread, any number of times. */
public final class Backend {

    private static volatile boolean initialised;

    private Backend() {
    }

    public static void ensureInitialised() {
        if (initialised) {
            return;
        }
        synchronized (Backend.class) {
            if (!initialised) {
                Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                initialised = true;
            }
        }
    }

    /** A one-line description: backend name and thread count, e.g. "CPU (nd4j-native, 2 threads)". */
    public static String describe() {
        ensureInitialised();
        String name = Nd4j.getBackend().getClass().getSimpleName();
        String env = System.getenv("OMP_WAIT_POLICY");
        return (name.contains("Cuda") ? "CUDA" : "CPU") + " (" + name + ", "
                + Runtime.getRuntime().availableProcessors() + " cores"
                + (env != null ? ", OMP_WAIT_POLICY=" + env : "") + ")";
    }
}
