package org.flowlab.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowlab.compute.BackendChoice.Preference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** GPU detection against recorded nvidia-smi outputs, the decision table, and the CPU fallback end to end. */
class BackendSelectionTest {

    static final String RTX_3080 = "NVIDIA GeForce RTX 3080, 8.6, 10240\n";
    static final String RTX_4090 = "NVIDIA GeForce RTX 4090, 8.9, 24564\n";
    static final String H100 = "NVIDIA H100 80GB HBM3, 9.0, 81559\n";
    static final String B200 = "NVIDIA B200, 10.0, 183359\n";
    static final String K40 = "Tesla K40c, 3.5, 11441\n";
    static final String NO_DRIVER = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
            + "Make sure that the latest NVIDIA driver is installed and running.\n";
    static final String OLD_DRIVER = "Field \"compute_cap\" is not a valid field to query.\n";

    @Test
    void parsesRecordedOutputs() {
        GpuInfo rtx = GpuProbe.parse(RTX_3080, 0).gpus().get(0);
        assertEquals("NVIDIA GeForce RTX 3080", rtx.name());
        assertEquals(8, rtx.major());
        assertEquals(6, rtx.minor());
        assertEquals(10240, rtx.memoryMiB());
        assertTrue(rtx.supportedByNd4j());
        assertTrue(GpuProbe.parse(RTX_4090, 0).gpus().get(0).supportedByNd4j(), "8.9 runs sm_86 kernels");
        assertFalse(GpuProbe.parse(H100, 0).gpus().get(0).supportedByNd4j());
        assertFalse(GpuProbe.parse(B200, 0).gpus().get(0).supportedByNd4j());
        assertFalse(GpuProbe.parse(K40, 0).gpus().get(0).supportedByNd4j(), "3.5 is below 3.7");
        assertEquals(2, GpuProbe.parse(RTX_3080 + H100, 0).gpus().size());
        assertEquals("a, b", GpuProbe.parse("a, b, 7.5, 100", 0).gpus().get(0).name(), "commas in names");

        assertTrue(GpuProbe.parse(NO_DRIVER, 9).problem().contains("driver is not working"));
        assertTrue(GpuProbe.parse(OLD_DRIVER, 2).problem().contains("too old"));
        assertTrue(GpuProbe.parse("No devices were found\n", 0).problem().contains("no GPU"));
        assertTrue(GpuProbe.parse("", 0).problem().contains("no GPU"));
        assertTrue(GpuProbe.parse("hello world\n", 0).problem().contains("unexpected nvidia-smi output"));
        assertTrue(GpuProbe.parse("GPU, eight, lots\n", 0).problem().contains("unexpected"));
    }

    @Test
    void missingNvidiaSmiMeansNoDriver() {
        System.setProperty("flowlab.nvidiaSmi", "/nonexistent/nvidia-smi");
        try {
            assertTrue(GpuProbe.run().problem().contains("no NVIDIA driver"));
        } finally {
            System.clearProperty("flowlab.nvidiaSmi");
        }
    }

    private static BackendChoice decide(Preference p, boolean cuda, String smi, int exit)
            throws BackendChoice.Impossible {
        return BackendChoice.decide(p, cuda, () -> GpuProbe.parse(smi, exit));
    }

    @Test
    void decisionTable() throws Exception {
        assertTrue(decide(Preference.AUTO, true, RTX_3080, 0).cuda());
        assertNull(decide(Preference.AUTO, true, RTX_3080, 0).note());
        BackendChoice h100 = decide(Preference.AUTO, true, H100, 0);
        assertFalse(h100.cuda());
        assertEquals("NVIDIA H100 80GB HBM3 (compute 9.0) is newer than ND4J 1.0.0-M2.1's CUDA kernels support "
                + "(compute 3.7–8.6, runs up to 8.9); training on CPU", h100.note());
        assertTrue(decide(Preference.AUTO, true, K40, 0).note().contains("is older than"));
        assertTrue(decide(Preference.AUTO, true, NO_DRIVER, 9).note().endsWith("training on CPU"));
        assertTrue(decide(Preference.AUTO, true, "garbage", 0).note().endsWith("training on CPU"));
        assertFalse(decide(Preference.CPU, true, RTX_3080, 0).cuda(), "the user's CPU wins");
        assertFalse(decide(Preference.AUTO, false, RTX_3080, 0).cuda(), "no CUDA in this build");

        BackendChoice.Impossible e = assertThrows(BackendChoice.Impossible.class,
                () -> decide(Preference.CUDA, true, H100, 0));
        assertTrue(e.getMessage().startsWith("NVIDIA H100 80GB HBM3 (compute 9.0) is newer than"), e.getMessage());
        e = assertThrows(BackendChoice.Impossible.class, () -> decide(Preference.CUDA, false, RTX_3080, 0));
        assertTrue(e.getMessage().contains("mvn -Pcuda package"), e.getMessage());
        assertThrows(BackendChoice.Impossible.class, () -> decide(Preference.CUDA, true, NO_DRIVER, 9));
        assertTrue(decide(Preference.CUDA, true, RTX_4090, 0).cuda());
    }

    @Test
    void theProbeRunsOnlyWhenCudaIsPossible() throws Exception {
        int[] calls = {0};
        java.util.function.Supplier<GpuProbe.Result> counting = () -> {
            calls[0]++;
            return GpuProbe.parse(RTX_3080, 0);
        };
        BackendChoice.decide(Preference.CPU, true, counting);
        BackendChoice.decide(Preference.AUTO, false, counting);
        assertEquals(0, calls[0]);
    }

    @Test
    void launchPlans() {
        BackendChoice cpu = new BackendChoice(false, null, null);
        Launch.Plan p = Launch.plan(Map.of(), cpu, false, true);
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_THREAD_TIMEOUT", "4", Launch.ENV_MARK, "1"),
                p.env());
        assertEquals(List.of(), p.jvmOptions(), "this JVM has the Vector API module already");
        assertFalse(Launch.plan(Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "10"), cpu, false,
                true).relaunch(), "the user's own settings stay, nothing else to change");
        Launch.Plan vector = Launch.plan(Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "10"), cpu,
                false, false);
        assertTrue(vector.relaunch(), "a JVM without the Vector API module restarts with it");
        assertEquals(List.of("--add-modules=jdk.incubator.vector"), vector.jvmOptions());
        assertEquals(Map.of(Launch.ENV_MARK, "1"), vector.env(), "…and marks the child so it runs once");
        assertEquals(Map.of("OPENBLAS_THREAD_TIMEOUT", "4", Launch.ENV_MARK, "1"),
                Launch.plan(Map.of("OMP_WAIT_POLICY", "ACTIVE"), cpu, false, true).env());
        Launch.Plan fallback = Launch.plan(Map.of("OMP_WAIT_POLICY", "PASSIVE"),
                new BackendChoice(false, GpuProbe.parse(H100, 0).gpus().get(0), "why"), true, true);
        assertEquals("1000", fallback.env().get("BACKEND_PRIORITY_CPU"));
        assertEquals("0", fallback.env().get("BACKEND_PRIORITY_GPU"));
        assertEquals("why", fallback.env().get(Launch.ENV_NOTE));
        Launch.Plan gpu = Launch.plan(Map.of(), new BackendChoice(true, GpuProbe.parse(RTX_3080, 0).gpus().get(0),
                null), true, true);
        assertEquals("1000", gpu.env().get("BACKEND_PRIORITY_GPU"));
        Launch.Plan child = Launch.plan(Map.of(Launch.ENV_MARK, "1", Launch.ENV_NOTE, "why"), cpu, true, false);
        assertFalse(child.relaunch(), "never relaunches twice");
        assertEquals("why", child.note());
    }

    @Test
    void storedPreferenceRoundTrips(@TempDir Path home) throws Exception {
        assertEquals(Preference.AUTO, Launch.storedPreference(home));
        Launch.storePreference(home, Preference.CPU);
        assertEquals(Preference.CPU, Launch.storedPreference(home));
        Files.writeString(home.resolve("settings.properties"), "backend=warp-drive\n");
        assertEquals(Preference.AUTO, Launch.storedPreference(home), "a garbled setting falls back to auto");
    }

    /** Runs org.flowlab.Main in a child JVM that believes it has the CUDA backend and an H100. */
    private static Process flowlab(Path dir, Path smi, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflowlab.assumeCudaBackend=true", "-Dflowlab.nvidiaSmi=" + smi,
                "-Dflowlab.home=" + dir, "-cp", System.getProperty("java.class.path"), "org.flowlab.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().remove(Launch.ENV_MARK);
        return pb.start();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void anUnsupportedGpuTrainsOnTheCpuAndSaysWhy(@TempDir Path dir) throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nprintf 'NVIDIA H100 80GB HBM3, 9.0, 81559\\n'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = flowlab(dir, smi, "train", "--data", "moons", "--steps", "3", "--batch", "32", "--width", "8",
                "--depth", "1", "--out", dir.resolve("m.zip").toString());
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        String out = Files.readString(dir.resolve("out.log"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("flowlab: NVIDIA H100 80GB HBM3 (compute 9.0) is newer than ND4J 1.0.0-M2.1's CUDA "
                + "kernels support (compute 3.7–8.6, runs up to 8.9); training on CPU"), out);
        assertTrue(out.contains("on CPU (CpuBackend"), "trained on the CPU backend: " + out);
        assertTrue(Files.exists(dir.resolve("m.zip")));

        Process forced = flowlab(dir, smi, "--backend", "cuda", "target", "--data", "moons", "--n", "1", "--out",
                dir.resolve("t.csv").toString());
        assertTrue(forced.waitFor(2, TimeUnit.MINUTES));
        String msg = Files.readString(dir.resolve("out.log"));
        assertEquals(2, forced.exitValue(), msg);
        assertTrue(msg.strip().startsWith("flowlab: NVIDIA H100 80GB HBM3 (compute 9.0) is newer than"), msg);
        assertEquals(1, msg.strip().lines().count(), "one clear line, no stack trace: " + msg);
    }
}
