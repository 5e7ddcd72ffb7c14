package org.flowlab.nn;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Asks HotSpot to compile each Vector API kernel ({@code VectorLanes}' public methods) on its own instead of
 * inlining it into its callers, with a compiler directive (JEP 165) added at run time — what
 * {@code jcmd <pid> Compiler.directives_add} does, through the JVM's DiagnosticCommand MBean, so no command-line
 * flag is needed.
 *
 * <p>Why: measured on JDK 17's C2 (SiLU over 10 000 × 256 values, both cores): 0.70 ns per value when the kernel
 * is compiled by itself, 1.6 ns once inlined into {@link BufferKernels}' copying code — the unit outgrows C2's
 * budgets and vector stores fall back to boxed Java code (perf shows {@code FloatVector$$Lambda.store}); ND4J's
 * {@code swish} takes 1.55. A 10 000-row forward pass of the reference MLP: 39.7 → 29.2 ms with the directive.
 *
 * <p>The helper {@code sigmoid} is the opposite case: it must be inlined into every kernel (a vector returned
 * from a call that is not inlined is boxed), and the directive forces it instead of leaving it to the order in
 * which methods get hot. C2 does not inline a callee that is already compiled into a large method, and in the app
 * {@code sigmoid} reached C2 on its own before the kernels did ({@code -XX:+PrintCompilation}: 11.5 s against
 * 13.5 s); in the one-shot CLI runs it had not.
 *
 * <p>Best effort: on a JVM without the MBean (or that refuses directives) the kernels still give the same numbers,
 * only slower. The directive matches every compiled method but sets nothing other than these four inline rules.
 */
final class KernelCompilation {

    static final String DIRECTIVE = "[{ match: \"*.*\", inline: [\"-org/flowlab/nn/VectorLanes.silu*\", "
            + "\"-org/flowlab/nn/VectorLanes.adam\", \"-org/flowlab/nn/VectorLanes.biasAdd\", "
            + "\"+org/flowlab/nn/VectorLanes.sigmoid\"] }]";

    private static Boolean added;

    private KernelCompilation() {
    }

    /** Adds the directive once per JVM; true when the JVM accepted it. */
    static synchronized boolean keepKernelsSeparate() {
        if (added == null) {
            added = add();
        }
        return added;
    }

    private static boolean add() {
        Path file = null;
        try {
            file = Files.createTempFile("flowlab-kernels", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[]{new String[]{file.toString()}}, new String[]{String[].class.getName()});
            return String.valueOf(reply).contains("1 compiler directives added");
        } catch (Exception | LinkageError e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
