package org.flowlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowlab.flow.FlowSampler;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;
import org.junit.jupiter.api.Test;

/** Traced particles: the drawn path is the particle's trajectory, and it is what the frame shows. */
class LessonLayersTest {

    /** A curving, time-dependent field: rotation plus a pull whose strength grows with t. */
    static final VectorField SWIRL = new VectorField() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void evaluate(double t, double[] x, int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double a = x[2 * i];
                double b = x[2 * i + 1];
                out[2 * i] = -1.5 * b - t * a;
                out[2 * i + 1] = 1.5 * a - t * b;
            }
        }
    };

    static Trajectory swirl(int n) {
        return FlowSampler.sample(SWIRL, Solvers.create("rk4", 12), FlowSampler.noise(n, 3), n, true,
                OdeObserver.NONE).trajectory();
    }

    @Test
    void theDrawnPathIsTheParticlesTrajectory() {
        Trajectory tr = swirl(50);
        float[] p = new float[2];
        float[] all = new float[100];
        for (int i : new int[]{0, 17, 49}) {
            float[] path = LessonLayers.tracePath(tr, i);
            assertEquals(2 * (12 * LessonLayers.SUBDIVISIONS + 1), path.length);
            for (int k = 0; k < tr.points(); k++) {
                // At every recorded step the vertex is the recorded state, bit for bit.
                int v = k * LessonLayers.SUBDIVISIONS;
                assertEquals(tr.state(k)[2 * i], path[2 * v], "x of particle " + i + " at step " + k);
                assertEquals(tr.state(k)[2 * i + 1], path[2 * v + 1], "y of particle " + i + " at step " + k);
            }
            for (int v = 0; v < path.length / 2; v++) {
                // Between steps it is the dense output the particle cloud is drawn from.
                double t = v / (double) (path.length / 2 - 1);
                tr.interpolate(t, all);
                tr.particle(t, i, p);
                assertEquals(all[2 * i], p[0]);
                assertEquals(all[2 * i + 1], p[1]);
                assertEquals(p[0], path[2 * v], 1e-6, "vertex " + v);
                assertEquals(p[1], path[2 * v + 1], 1e-6, "vertex " + v);
            }
        }
    }

    @Test
    void theVelocityAtARecordedStepIsTheFieldThere() {
        Trajectory tr = swirl(5);
        float[] v = new float[2];
        double[] out = new double[10];
        double[] x = new double[10];
        for (int e = 0; e < 10; e++) {
            x[e] = tr.state(4)[e];
        }
        SWIRL.evaluate(tr.time(4), x, 5, out);
        tr.velocity(tr.time(4), 2, v);
        assertEquals(out[4], v[0], 1e-5);
        assertEquals(out[5], v[1], 1e-5);
        // Between steps: the derivative of the dense output, checked by central differences of positions.
        float[] a = new float[2];
        float[] b = new float[2];
        double t = 0.537;
        double h = 1e-3;
        tr.particle(t - h, 2, a);
        tr.particle(t + h, 2, b);
        tr.velocity(t, 2, v);
        assertEquals((b[0] - a[0]) / (2 * h), v[0], 2e-3);
        assertEquals((b[1] - a[1]) / (2 * h), v[1], 2e-3);
    }

    @Test
    void theFrameShowsTheTraceAlongItsPath() {
        Trajectory tr = swirl(200);
        int traced = 42;
        Frame plain = new Frame(300, 300);
        Frame withTrace = new Frame(300, 300);
        FlowScene scene = new FlowScene(4);
        SceneLayers base = new SceneLayers(null, 0, 4, tr, 0.3, null, false, null, null, 1.4);
        scene.render(plain, base);
        scene.render(withTrace, new SceneLayers(null, 0, 4, tr, 0.3, null, false, null, null, 1.4, null,
                new SceneLayers.Instruments(null, null, null, new int[]{traced}, null, null, null)));
        Viewport v = new Viewport(300, 300, 4);
        float[] path = LessonLayers.tracePath(tr, traced);
        int changed = 0;
        for (int j = 0; j < path.length / 2; j++) {
            int px = (int) v.toPixelX(path[2 * j]);
            int py = (int) v.toPixelY(path[2 * j + 1]);
            if (px >= 0 && py >= 0 && px < 300 && py < 300
                    && plain.pixels()[py * 300 + px] != withTrace.pixels()[py * 300 + px]) {
                changed++;
            }
        }
        assertTrue(changed >= path.length / 2 * 9 / 10, "the path's pixels are drawn: " + changed);
    }
}
