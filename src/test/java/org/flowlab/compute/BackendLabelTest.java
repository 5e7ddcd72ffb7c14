package org.flowlab.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendLabelTest {

    @Test
    void cpuLineBecomesCoresAsThreadsWithoutTheEnvironment() {
        assertEquals("CPU · 2 threads",
                BackendLabel.of("CPU (CpuBackend, 2 cores, OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4)"));
        assertEquals("CPU · 1 thread", BackendLabel.of("CPU (CpuBackend, 1 cores)"));
    }

    @Test
    void gpuLineKeepsTheNameAndMemory() {
        assertEquals("GPU · NVIDIA GeForce RTX 3080 · 312 MB in use",
                BackendLabel.of("GPU NVIDIA GeForce RTX 3080 (compute 8.6, 10240 MiB), 312 MB in use"));
        assertEquals("GPU · (CUDA)", BackendLabel.of("GPU (CUDA)"));
    }

    @Test
    void theLiveBackendsLineIsUnderstood() {
        String live = Nd4jBackend.describe();
        String label = BackendLabel.of(live);
        assertTrue(label.matches("(CPU · \\d+ threads?|GPU · .+)"), live + " → " + label);
    }

    @Test
    void anythingElseIsShownAsItIs() {
        assertEquals("", BackendLabel.of(null));
        assertEquals("starting…", BackendLabel.of("starting…"));
    }
}
