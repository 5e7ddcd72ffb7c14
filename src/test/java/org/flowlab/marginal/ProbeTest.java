package org.flowlab.marginal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.density.DensitySources;
import org.flowlab.density.Preset;
import org.flowlab.flow.ProbabilityPath;
import org.junit.jupiter.api.Test;

/** The probe's decomposition is the field: its weighted average of conditional velocities is u_t(x). */
class ProbeTest {

    @Test
    void averageOfConditionalVelocitiesIsTheField() {
        Target grid = Target.ofGrid(DensitySources.load("moons", 96, 4));
        Target pts = Target.ofPoints(Preset.SPIRAL.sample(300, new SplittableRandom(8)), 300);
        for (Target target : java.util.List.of(grid, pts)) {
            for (String id : MarginalFieldTest.PATHS) {
                ProbabilityPath p = ProbabilityPath.byId(id);
                MarginalField f = new MarginalField(target, p);
                for (double t : new double[]{0, 0.3, 0.6, 0.9, 0.99}) {
                    double[] x = {0.7, -0.35};
                    double[] u = new double[2];
                    f.evaluate(t, x, 1, u);
                    Probe probe = f.probe(t, x[0], x[1], Integer.MAX_VALUE);
                    String at = id + " t=" + t + (target.isGrid() ? " grid" : " points");
                    // The probe's own average, and the average the test forms from every listed path.
                    assertEquals(u[0], probe.ux(), 1e-9 * (1 + Math.abs(u[0])), at);
                    assertEquals(u[1], probe.uy(), 1e-9 * (1 + Math.abs(u[1])), at);
                    double w = 0;
                    double ux = 0;
                    double uy = 0;
                    double prev = Double.POSITIVE_INFINITY;
                    for (Probe.ConditionalPath c : probe.paths()) {
                        assertTrue(c.weight() <= prev, "heaviest first");
                        prev = c.weight();
                        w += c.weight();
                        ux += c.weight() * c.ux();
                        uy += c.weight() * c.uy();
                        // Each conditional path passes through x at t, and u_i = α'·x1 + σ'·x0 along it.
                        double a = p.alpha(t);
                        double s = p.sigma(t);
                        assertEquals(x[0], a * c.x1x() + s * c.x0x(), 1e-9, at);
                        assertEquals(x[1], a * c.x1y() + s * c.x0y(), 1e-9, at);
                        assertEquals(c.ux(), p.alphaDot(t) * c.x1x() + p.sigmaDot(t) * c.x0x(), 1e-7 * (1 + Math.abs(c.ux())), at);
                    }
                    assertEquals(probe.components(), probe.paths().size(), at);
                    assertEquals(1, w, 1e-12, at);
                    assertEquals(1, probe.shownWeight(), 1e-12, at);
                    assertEquals(u[0], ux, 1e-9 * (1 + Math.abs(u[0])), at);
                    assertEquals(u[1], uy, 1e-9 * (1 + Math.abs(u[1])), at);
                }
            }
        }
    }

    @Test
    void listsTheHeaviestPathsOnly() {
        MarginalField f = new MarginalField(Target.ofGrid(DensitySources.load("8gaussians", 64, 4)),
                ProbabilityPath.byId("ot"));
        Probe all = f.probe(0.5, 1, 1, Integer.MAX_VALUE);
        Probe top = f.probe(0.5, 1, 1, 10);
        assertEquals(10, top.paths().size());
        assertEquals(all.ux(), top.ux(), 0, "the average is over every component, listed or not");
        for (int i = 0; i < 10; i++) {
            assertEquals(all.paths().get(i), top.paths().get(i));
        }
        assertTrue(top.shownWeight() < 1 && top.shownWeight() > 0);
    }
}
