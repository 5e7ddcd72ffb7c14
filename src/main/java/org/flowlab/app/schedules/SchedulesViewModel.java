package org.flowlab.app.schedules;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import org.flowlab.flow.ProbabilityPath;

/**
 * The schedules and formulas of the active probability path x_t = α_t·x1 + σ_t·x0: its formulas for x_t and
 * u_t, α_t and σ_t sampled on [0, 1], and the time convention. FlowLab's convention is noise at t = 0 and data at
 * t = 1 (flow matching papers); {@link #otherConventionProperty()} relabels everything in the diffusion
 * convention s = 1 − t (data at s = 0, noise at s = 1), where the velocity changes sign: dx/ds = −u.
 */
public final class SchedulesViewModel {

    /** Samples of α and σ on the time axis. */
    public static final int SAMPLES = 101;

    public static final String EXPLANATION = "Every path moves noise x0 to data x1 as x_t = α_t·x1 + σ_t·x0; the "
            + "network learns u_t, the time derivative. The curves show how fast the data fades in (α) and the "
            + "noise out (σ); the orange line is the current t.";

    /**
     * What the panel shows.
     *
     * @param formulas   x_t, u_t, α_t and σ_t of the path in the chosen convention, one per line
     * @param convention where noise and data sit in time, in the chosen convention
     * @param axis       the time axis' name ("t" or "s = 1 − t")
     * @param alpha      α at {@value #SAMPLES} evenly spaced points of the axis from 0 to 1 (in the chosen
     *                   convention: α at axis value a is α_t at t = a, or at t = 1 − a)
     * @param sigma      σ likewise
     */
    public record Schedules(String formulas, String convention, String axis, double[] alpha, double[] sigma) {
    }

    private final ObservableValue<String> pathId;
    private final BooleanProperty otherConvention = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Schedules> schedules = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper timeLabel = new ReadOnlyStringWrapper("");
    private final ObservableValue<Number> t;

    public SchedulesViewModel(ObservableValue<String> pathId, ObservableValue<Number> t) {
        this.pathId = pathId;
        this.t = t;
        pathId.addListener((o, a, b) -> update());
        otherConvention.addListener((o, a, b) -> update());
        t.addListener((o, a, b) -> updateTime());
        update();
    }

    /** Off: noise at t = 0, data at t = 1 (FlowLab's); on: the diffusion convention s = 1 − t. */
    public BooleanProperty otherConventionProperty() {
        return otherConvention;
    }

    public ReadOnlyObjectProperty<Schedules> schedulesProperty() {
        return schedules.getReadOnlyProperty();
    }

    /** "t = 0.40: α = 0.40, σ = 0.60" in the chosen convention. */
    public ReadOnlyStringProperty timeLabelProperty() {
        return timeLabel.getReadOnlyProperty();
    }

    /** The current time on the chosen axis (t, or s = 1 − t). */
    public double axisTime() {
        double now = t.getValue().doubleValue();
        return otherConvention.get() ? 1 - now : now;
    }

    private void update() {
        ProbabilityPath p = ProbabilityPath.byId(pathId.getValue());
        boolean flip = otherConvention.get();
        double[] alpha = new double[SAMPLES];
        double[] sigma = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double a = (double) i / (SAMPLES - 1);
            double tt = flip ? 1 - a : a;
            alpha[i] = p.alpha(tt);
            sigma[i] = p.sigma(tt);
        }
        schedules.set(new Schedules(formulas(p, flip), flip
                ? "Diffusion convention: data at s = 0, noise at s = 1 (s = 1 − t); sampling runs s from 1 to 0."
                : "FlowLab's convention: noise at t = 0, data at t = 1; sampling runs t from 0 to 1.",
                flip ? "s = 1 − t" : "t", alpha, sigma));
        updateTime();
    }

    private void updateTime() {
        ProbabilityPath p = ProbabilityPath.byId(pathId.getValue());
        double now = t.getValue().doubleValue();
        timeLabel.set(String.format(java.util.Locale.ROOT, "%s = %.2f: α = %.3f, σ = %.3f",
                otherConvention.get() ? "s" : "t", axisTime(), p.alpha(now), p.sigma(now)));
    }

    /** The path's formulas in FlowLab's convention, or (flip) with s = 1 − t. */
    static String formulas(ProbabilityPath p, boolean flip) {
        String id = p.id();
        if (!flip) {
            return switch (id) {
                case "ot" -> "x_t = t·x1 + (1 − t)·x0\nu_t = x1 − x0\nα_t = t,  σ_t = 1 − t";
                case "sigma-min" -> "x_t = t·x1 + (1 − (1 − σ_min)·t)·x0\nu_t = x1 − (1 − σ_min)·x0\n"
                        + "α_t = t,  σ_t = 1 − (1 − σ_min)·t,  σ_min = 10⁻⁴";
                default -> "x_t = α_t·x1 + σ_t·x0\nu_t = α'_t·x1 + σ'_t·x0\n"
                        + "α_t = exp(−½·B(1 − t)),  σ_t = √(1 − α_t²),  B(r) = β_min·r + ½(β_max − β_min)·r²,"
                        + "  β from 0.1 to 20";
            };
        }
        return switch (id) {
            case "ot" -> "x_s = (1 − s)·x1 + s·x0\ndx/ds = −u = x0 − x1\nα = 1 − s,  σ = s";
            case "sigma-min" -> "x_s = (1 − s)·x1 + (σ_min + (1 − σ_min)·s)·x0\ndx/ds = −u = (1 − σ_min)·x0 − x1\n"
                    + "α = 1 − s,  σ = σ_min + (1 − σ_min)·s";
            default -> "x_s = α_s·x1 + σ_s·x0 (variance preserving: α² + σ² = 1)\ndx/ds = −u\n"
                    + "α_s = exp(−½·B(s)),  σ_s = √(1 − α_s²),  B(s) = β_min·s + ½(β_max − β_min)·s²";
        };
    }
}
