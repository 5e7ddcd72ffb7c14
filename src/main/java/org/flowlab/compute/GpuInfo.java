package org.flowlab.compute;

import java.util.Locale;

/** One NVIDIA GPU as the driver reports it. */
public record GpuInfo(String name, int major, int minor, long memoryMiB) {

    /** ND4J 1.0.0-M2.1's CUDA library has kernels for compute capability 3.7 to 8.6, which run up to 8.9. */
    public boolean supportedByNd4j() {
        int cc = major * 10 + minor;
        return cc >= 37 && cc < 90;
    }

    public String capability() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (compute %s, %d MiB)", name, capability(), memoryMiB);
    }
}
