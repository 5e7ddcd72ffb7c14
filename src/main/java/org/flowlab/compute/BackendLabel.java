package org.flowlab.compute;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status bar's short name for where networks run, made from {@link Nd4jBackend#describe()}'s line:
 * "CPU · 2 threads" or "GPU · NVIDIA GeForce RTX 3080 · 312 MB in use". The long line (environment variables,
 * backend class) stays for the CLI, benchmarks and the status bar's tooltip.
 */
public final class BackendLabel {

    private static final Pattern CPU = Pattern.compile("^CPU \\(.*?(\\d+) cores.*\\)$");
    private static final Pattern GPU = Pattern.compile("^GPU (.+?)(?: \\([^()]*\\))?(?:, (\\d+ MB in use))?$");

    private BackendLabel() {
    }

    /** The short form of a {@link Nd4jBackend#describe()} line; other text comes back unchanged. */
    public static String of(String described) {
        if (described == null || described.isBlank()) {
            return "";
        }
        Matcher cpu = CPU.matcher(described);
        if (cpu.matches()) {
            int n = Integer.parseInt(cpu.group(1));
            return "CPU · " + n + (n == 1 ? " thread" : " threads");
        }
        Matcher gpu = GPU.matcher(described);
        if (gpu.matches()) {
            return "GPU · " + gpu.group(1) + (gpu.group(2) == null ? "" : " · " + gpu.group(2));
        }
        return described;
    }
}
