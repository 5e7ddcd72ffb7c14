package org.flowlab.app.trace;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableValue;
import org.flowlab.ode.Trajectory;

/**
 * Pinned particles. While {@link #activeProperty()} is on, a click on the canvas pins the particle nearest to it at
 * the current t (a click on a pinned one unpins it); the canvas draws each pinned particle's whole trajectory, its
 * x0 and x1, its velocity at t and its speed over t. Particles are pinned by index, so they stay pinned when the
 * trajectories are recomputed (same noise, new weights or solver). {@link #clear()} (Esc) unpins all.
 */
public final class TraceViewModel {

    /** At most this many pinned particles (each costs a path of a few hundred segments per frame). */
    public static final int MAX_PINNED = 12;

    public static final String EXPLANATION = "Click a particle to pin it: its whole path from noise x0 (ring) to "
            + "data x1 (dot) is drawn, with its velocity at t (arrow) and its speed over t (inset, top right). "
            + "Straight paths at constant speed are what flow matching aims for. Esc clears.";

    private final ObservableValue<Trajectory> trajectory;
    private final ObservableDoubleValue t;
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<int[]> pinned = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");

    public TraceViewModel(ObservableValue<Trajectory> trajectory, ObservableDoubleValue t) {
        this.trajectory = trajectory;
        this.t = t;
        trajectory.addListener((o, a, b) -> {
            if (b != null && Arrays.stream(pinned.get()).anyMatch(i -> i >= b.particles())) {
                pinned.set(Arrays.stream(pinned.get()).filter(i -> i < b.particles()).toArray());
            }
            describe();
        });
        t.addListener((o, a, b) -> describe());
    }

    /** On: clicks on the canvas pin particles (instead of drawing). */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Indices of the pinned particles, in pin order; replaced (never mutated) on every change. */
    public ReadOnlyObjectProperty<int[]> pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    /** x0, x1, v(t) and |v| of the last pinned particle, or "". */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /**
     * Pins the particle nearest to (x, y) at the current t within {@code radius} (domain units), or unpins it
     * when already pinned. Returns the particle's index, or −1 when none is that close.
     */
    public int pinAt(double x, double y, double radius) {
        Trajectory tr = trajectory.getValue();
        if (tr == null) {
            return -1;
        }
        float[] pos = new float[2 * tr.particles()];
        tr.interpolate(t.get(), pos);
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < tr.particles(); i++) {
            double dx = pos[2 * i] - x;
            double dy = pos[2 * i + 1] - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        int chosen = best;
        int[] now = pinned.get();
        if (Arrays.stream(now).anyMatch(i -> i == chosen)) {
            pinned.set(Arrays.stream(now).filter(i -> i != chosen).toArray());
        } else {
            int[] next = Arrays.copyOfRange(now, Math.max(0, now.length - (MAX_PINNED - 1)), now.length + 1);
            next[next.length - 1] = chosen;
            pinned.set(next);
        }
        describe();
        return chosen;
    }

    /** Pins exactly these particles (e.g. restored), in order. */
    public void pin(int... indices) {
        Trajectory tr = trajectory.getValue();
        pinned.set(Arrays.stream(indices).filter(i -> i >= 0 && (tr == null || i < tr.particles())).distinct()
                .limit(MAX_PINNED).toArray());
        describe();
    }

    /** Unpins every particle. */
    public void clear() {
        if (pinned.get().length > 0) {
            pinned.set(new int[0]);
        }
        describe();
    }

    private void describe() {
        Trajectory tr = trajectory.getValue();
        int[] p = pinned.get();
        if (tr == null || p.length == 0) {
            caption.set("");
            return;
        }
        int i = p[p.length - 1];
        float[] a = new float[2];
        float[] b = new float[2];
        float[] v = new float[2];
        tr.particle(tr.startTime(), i, a);
        tr.particle(tr.endTime(), i, b);
        tr.velocity(t.get(), i, v);
        caption.set(String.format(Locale.ROOT, "particle %d: x0 = (%.2f, %.2f) → x1 = (%.2f, %.2f); at t = %.2f "
                + "v = (%.2f, %.2f), |v| = %.2f", i, a[0], a[1], b[0], b[1], t.get(), v[0], v[1],
                Math.hypot(v[0], v[1])));
    }
}
