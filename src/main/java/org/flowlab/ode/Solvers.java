package org.flowlab.ode;

import java.util.List;
import java.util.Locale;

/** The solvers FlowLab offers, by name. */
public final class Solvers {

    /** Names in the order menus show them. */
    public static final List<String> NAMES = List.of("euler", "midpoint", "heun", "rk4", "dopri5", "tsit5");

    /** Default tolerances for the adaptive pairs, as in the flow-matching tutorials. */
    public static final double DEFAULT_RTOL = 1e-5;
    public static final double DEFAULT_ATOL = 1e-5;
    public static final int DEFAULT_MAX_STEPS = 10_000;

    private Solvers() {
    }

    public static boolean isAdaptive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("dopri5") || n.equals("tsit5");
    }

    /**
     * A solver by name: fixed-step ones take {@code steps}; adaptive ones take the default tolerances and
     * ignore {@code steps}.
     */
    public static OdeSolver create(String name, int steps) {
        return create(name, steps, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    public static OdeSolver create(String name, int steps, double rtol, double atol) {
        return create(name, steps, rtol, atol, DEFAULT_MAX_STEPS);
    }

    /** As {@link #create(String, int, double, double)}, adaptive solvers capped at {@code maxSteps} steps. */
    public static RungeKuttaSolver create(String name, int steps, double rtol, double atol, int maxSteps) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "euler" -> RungeKuttaSolver.fixed(ButcherTableau.EULER, steps);
            case "midpoint" -> RungeKuttaSolver.fixed(ButcherTableau.MIDPOINT, steps);
            case "heun" -> RungeKuttaSolver.fixed(ButcherTableau.HEUN, steps);
            case "rk4" -> RungeKuttaSolver.fixed(ButcherTableau.RK4, steps);
            case "dopri5" -> RungeKuttaSolver.adaptive(ButcherTableau.DOPRI5, rtol, atol, 0, maxSteps);
            case "tsit5" -> RungeKuttaSolver.adaptive(ButcherTableau.TSIT5, rtol, atol, 0, maxSteps);
            default -> throw new IllegalArgumentException(
                    "unknown solver '" + name + "'; choose one of " + String.join(", ", NAMES));
        };
    }
}
