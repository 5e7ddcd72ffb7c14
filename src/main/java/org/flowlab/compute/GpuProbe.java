package org.flowlab.compute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks the NVIDIA driver which GPUs there are, with
 * {@code nvidia-smi --query-gpu=name,compute_cap,memory.total --format=csv,noheader,nounits}.
 * The parser is separate from the process so recorded outputs can be tested.
 */
public final class GpuProbe {

    /** What the probe found. {@code problem} explains an empty list ("no driver", "unreadable output"…). */
    public record Result(List<GpuInfo> gpus, String problem) {
        public static Result of(List<GpuInfo> gpus) {
            return new Result(List.copyOf(gpus), gpus.isEmpty() ? "the NVIDIA driver reports no GPU" : null);
        }

        public static Result problem(String why) {
            return new Result(List.of(), why);
        }
    }

    private GpuProbe() {
    }

    /** Runs nvidia-smi (or the program named by the {@code flowlab.nvidiaSmi} system property). */
    public static Result run() {
        String exe = System.getProperty("flowlab.nvidiaSmi", "nvidia-smi");
        Process p;
        try {
            p = new ProcessBuilder(exe, "--query-gpu=name,compute_cap,memory.total",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Result.problem("no NVIDIA driver found (nvidia-smi is not installed)");
        }
        try (InputStream in = p.getInputStream()) {
            byte[] out = in.readNBytes(64 * 1024);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Result.problem("nvidia-smi did not answer within 10 s");
            }
            return parse(new String(out, StandardCharsets.UTF_8), p.exitValue());
        } catch (IOException e) {
            return Result.problem("could not read nvidia-smi's answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.problem("interrupted while asking nvidia-smi");
        }
    }

    /** Parses nvidia-smi's CSV ("name, 8.6, 10240" per line). */
    public static Result parse(String output, int exitCode) {
        String text = output == null ? "" : output.strip();
        if (exitCode != 0 || text.contains("NVIDIA-SMI has failed") || text.contains("couldn't communicate")) {
            if (text.contains("compute_cap") && text.contains("not a valid field")) {
                return Result.problem("the NVIDIA driver is too old to report compute capability (needs 510+)");
            }
            String first = text.isEmpty() ? "exit code " + exitCode : text.lines().findFirst().orElse("").strip();
            return Result.problem("the NVIDIA driver is not working (" + first + ")");
        }
        if (text.isEmpty() || text.startsWith("No devices were found")) {
            return Result.of(List.of());
        }
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] parts = line.split(",");
            if (parts.length < 3) {
                return Result.problem("unexpected nvidia-smi output: '" + line.strip() + "'");
            }
            try {
                String[] cc = parts[parts.length - 2].strip().split("\\.");
                int major = Integer.parseInt(cc[0]);
                int minor = cc.length > 1 ? Integer.parseInt(cc[1]) : 0;
                long mem = Long.parseLong(parts[parts.length - 1].strip().replace(" MiB", ""));
                String name = String.join(",", java.util.Arrays.copyOf(parts, parts.length - 2)).strip();
                gpus.add(new GpuInfo(name, major, minor, mem));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                return Result.problem("unexpected nvidia-smi output: '" + line.strip() + "'");
            }
        }
        return Result.of(gpus);
    }
}
