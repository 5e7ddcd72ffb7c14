package org.flowlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.ode.Trajectory;
import org.junit.jupiter.api.Test;

/** Pinning particles without a window: the nearest particle at t, toggling, several pins, clear. */
class TraceViewModelTest {

    /** Particle i moves from (i, 0) at t = 0 to (i, 2) at t = 1 (straight, constant speed 2). */
    static Trajectory lines(int n) {
        Trajectory.Recorder r = new Trajectory.Recorder(n, 2);
        double[] x = new double[2 * n];
        double[] v = new double[2 * n];
        for (int k = 0; k <= 4; k++) {
            for (int i = 0; i < n; i++) {
                x[2 * i] = i;
                x[2 * i + 1] = 2 * k / 4.0;
                v[2 * i + 1] = 2;
            }
            r.accept(k / 4.0, x, v);
        }
        return r.build();
    }

    @Test
    void clicksPinTheNearestParticleAtT() {
        var tr = new SimpleObjectProperty<>(lines(5));
        var t = new SimpleDoubleProperty(0.5);
        TraceViewModel vm = new TraceViewModel(tr, t);
        assertEquals(3, vm.pinAt(3.1, 1.05, 0.3));
        assertEquals(-1, vm.pinAt(3.1, 0.0, 0.3), "at t = 0.5 nothing sits at y = 0");
        assertEquals(1, vm.pinAt(0.9, 0.9, 0.3));
        assertArrayEquals(new int[]{3, 1}, vm.pinnedProperty().get());
        assertTrue(vm.captionProperty().get().contains("particle 1") && vm.captionProperty().get().contains("|v| = 2.00"),
                vm.captionProperty().get());
        assertEquals(3, vm.pinAt(3, 1, 0.3), "a click on a pinned particle unpins it");
        assertArrayEquals(new int[]{1}, vm.pinnedProperty().get());
        vm.clear();
        assertEquals(0, vm.pinnedProperty().get().length);
        assertEquals("", vm.captionProperty().get());
        vm.pin(0, 4, 1, 9);
        assertArrayEquals(new int[]{0, 4, 1}, vm.pinnedProperty().get(), "only particles that exist");
        tr.set(lines(2));
        assertArrayEquals(new int[]{0, 1}, vm.pinnedProperty().get(), "pins beyond the new particle count are dropped");
    }
}
