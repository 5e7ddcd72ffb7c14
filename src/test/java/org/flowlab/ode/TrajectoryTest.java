package org.flowlab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Dense output: recorded points are exact copies, points between steps follow the true flow. */
class TrajectoryTest {

    @Test
    void recordsEveryAcceptedStepAndInterpolatesBetweenThem() {
        double omega = 2 * Math.PI;
        double[] x = {1, 0};
        Trajectory.Recorder rec = new Trajectory.Recorder(1, 2);
        Solvers.create("rk4", 20).integrate(AnalyticFields.rotation(omega), x, 1, 0, 1, rec);
        Trajectory tr = rec.build();
        assertEquals(21, tr.points());
        assertEquals(0.0, tr.startTime());
        assertEquals(1.0, tr.endTime(), 1e-12);

        float[] out = new float[2];
        double worstMid = 0;
        for (int k = 0; k < 200; k++) {
            double t = (k + 0.37) / 200;
            tr.interpolate(t, out);
            double err = Math.hypot(out[0] - Math.cos(omega * t), out[1] - Math.sin(omega * t));
            worstMid = Math.max(worstMid, err);
        }
        // Hermite interpolation on steps of 1/20 of a turn: error O(h⁴·|x''''|) ≈ 1e-3 here.
        assertTrue(worstMid < 3e-3, "dense output error " + worstMid);

        tr.interpolate(0.5, out);
        assertEquals(tr.state(10)[0], out[0], 1e-6);
        // Linear interpolation between recorded points would be off by ≈ 1.2e-2 at mid-steps.
        tr.interpolate(0.025, out);
        assertTrue(Math.hypot(out[0] - Math.cos(omega * 0.025), out[1] - Math.sin(omega * 0.025)) < 1e-3);
    }

    @Test
    void adaptiveTrajectoryIsSmoothAndBackwardWorks() {
        double[] x = {1, 0};
        Trajectory.Recorder rec = new Trajectory.Recorder(1, 2);
        Solvers.create("dopri5", 0).integrate(AnalyticFields.rotation(1), x, 1, 1, 0, rec);
        Trajectory tr = rec.build();
        assertEquals(1.0, tr.startTime());
        assertEquals(0.0, tr.endTime(), 1e-12);
        float[] out = new float[2];
        tr.interpolate(0.4, out);
        // Backward from (1, 0) at t = 1 by 0.6 with ω = 1: angle −0.6.
        assertEquals(Math.cos(-0.6), out[0], 1e-4);
        assertEquals(Math.sin(-0.6), out[1], 1e-4);
    }

    @Test
    void clampsOutsideTheRecordedRange() {
        double[] x = {2};
        Trajectory.Recorder rec = new Trajectory.Recorder(1, 1);
        Solvers.create("euler", 4).integrate(AnalyticFields.decay(), x, 1, 0, 1, rec);
        Trajectory tr = rec.build();
        float[] out = new float[1];
        tr.interpolate(-3, out);
        assertEquals(2.0, out[0], 1e-6);
        tr.interpolate(7, out);
        assertEquals(x[0], out[0], 1e-6);
    }
}
