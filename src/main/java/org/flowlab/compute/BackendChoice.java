package org.flowlab.compute;

import java.util.Locale;

/**
 * Which ND4J backend to run on, decided before ND4J loads.
 *
 * @param cuda  run on CUDA (else the CPU backend)
 * @param gpu   the GPU used or refused, or null
 * @param note  what to tell the user (why the CPU), or null when there is nothing to say
 */
public record BackendChoice(boolean cuda, GpuInfo gpu, String note) {

    /** The user's wish: let FlowLab decide, or force one backend. */
    public enum Preference {
        AUTO, CPU, CUDA;

        public static Preference parse(String s) {
            if (s == null || s.isBlank()) {
                return AUTO;
            }
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "cpu" -> CPU;
                case "cuda", "gpu" -> CUDA;
                default -> throw new IllegalArgumentException("unknown backend '" + s + "'; choose auto, cpu or cuda");
            };
        }
    }

    /** Forcing CUDA where it cannot run. The message says why. */
    public static final class Impossible extends Exception {
        public Impossible(String message) {
            super(message);
        }
    }

    /**
     * The decision table: CPU when asked, when this build has no CUDA backend, when no usable GPU is found;
     * CUDA when the build has it and the first GPU's compute capability is 3.7–8.9. Forcing CUDA where it
     * cannot run throws {@link Impossible} with the reason.
     *
     * @param probe consulted only when CUDA is possible
     */
    public static BackendChoice decide(Preference pref, boolean cudaInBuild, java.util.function.Supplier<GpuProbe.Result> probe)
            throws Impossible {
        if (pref == Preference.CPU) {
            return new BackendChoice(false, null, null);
        }
        if (!cudaInBuild) {
            if (pref == Preference.CUDA) {
                throw new Impossible("this FlowLab was built without the CUDA backend; build it with "
                        + "'mvn -Pcuda package' to train on an NVIDIA GPU");
            }
            return new BackendChoice(false, null, null);
        }
        GpuProbe.Result r = probe.get();
        if (r.gpus().isEmpty()) {
            String why = r.problem() + "; training on CPU";
            if (pref == Preference.CUDA) {
                throw new Impossible("cannot use CUDA: " + r.problem());
            }
            return new BackendChoice(false, null, why);
        }
        GpuInfo gpu = r.gpus().get(0);
        if (!gpu.supportedByNd4j()) {
            String why = gpu.name() + " (compute " + gpu.capability() + ") "
                    + (gpu.major() >= 9 ? "is newer than" : "is older than")
                    + " ND4J 1.0.0-M2.1's CUDA kernels support (compute 3.7–8.6, runs up to 8.9)";
            if (pref == Preference.CUDA) {
                throw new Impossible(why);
            }
            return new BackendChoice(false, gpu, why + "; training on CPU");
        }
        return new BackendChoice(true, gpu, null);
    }
}
