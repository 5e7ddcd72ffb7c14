package org.flowlab.marginal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.density.DensityGrid;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.ode.VectorField;
import org.junit.jupiter.api.Test;

/** The loss floor against brute force and closed forms; the model curve on the same samples. */
class LossFloorTest {

    /** Three points of a small target: weights 1/3, a few units apart. */
    static final float[] THREE = {-1, 0.5f, 1.2f, 0.8f, 0.1f, -1.3f};

    /**
     * Brute force of the definition on three points: i.i.d. t ~ U(0, t_max), x1 one of the points, x0 ~ N(0, I),
     * u* from the softmax over the three points written out here, ½‖u_c − u*‖² averaged over 400 000 draws. The
     * estimator (stratified, other seed) must agree within four combined standard errors.
     */
    @Test
    void floorMatchesABruteForceMonteCarloOfItsDefinition() {
        for (String id : MarginalFieldTest.PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            SplittableRandom rng = new SplittableRandom(42);
            int n = 400_000;
            double sum = 0;
            double sumSq = 0;
            for (int k = 0; k < n; k++) {
                double t = p.tMax() * rng.nextDouble();
                int j = rng.nextInt(3);
                double a = p.alpha(t);
                double s = p.sigma(t);
                double x0 = rng.nextGaussian();
                double y0 = rng.nextGaussian();
                double xt = a * THREE[2 * j] + s * x0;
                double yt = a * THREE[2 * j + 1] + s * y0;
                double uc = p.alphaDot(t) * THREE[2 * j] + p.sigmaDot(t) * x0;
                double vc = p.alphaDot(t) * THREE[2 * j + 1] + p.sigmaDot(t) * y0;
                // u*(x_t) = Σ_i w_i·(α'·x1_i + σ'·(x_t − α·x1_i)/σ), w_i ∝ exp(−|x_t − α·x1_i|²/(2σ²)).
                double[] lw = new double[3];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < 3; i++) {
                    double dx = xt - a * THREE[2 * i];
                    double dy = yt - a * THREE[2 * i + 1];
                    lw[i] = -(dx * dx + dy * dy) / (2 * s * s);
                    max = Math.max(max, lw[i]);
                }
                double z = 0;
                double us = 0;
                double vs = 0;
                for (int i = 0; i < 3; i++) {
                    double w = Math.exp(lw[i] - max);
                    z += w;
                    us += w * (p.alphaDot(t) * THREE[2 * i] + p.sigmaDot(t) * (xt - a * THREE[2 * i]) / s);
                    vs += w * (p.alphaDot(t) * THREE[2 * i + 1] + p.sigmaDot(t) * (yt - a * THREE[2 * i + 1]) / s);
                }
                double l = 0.5 * ((uc - us / z) * (uc - us / z) + (vc - vs / z) * (vc - vs / z));
                sum += l;
                sumSq += l * l;
            }
            double brute = sum / n;
            double bruteSe = Math.sqrt((sumSq / n - brute * brute) / n);
            Target target = Target.ofPoints(THREE, 3);
            LossFloor est = LossFloor.measure(new MarginalField(target, p), target.sampler(), 40_960, 20, 7);
            double se = Math.hypot(bruteSe, est.floor().standardError());
            assertEquals(brute, est.floor().loss(), 4 * se, id + ": brute force " + brute + " ± " + bruteSe
                    + ", estimate " + est.floor().loss() + " ± " + est.floor().standardError());
            assertTrue(est.floor().standardError() < 0.05 * est.floor().loss(), "a useful standard error");
        }
    }

    /** A Gaussian on a fine grid: the floor is ∫ Var(u_c | x_t) dt in closed form (GaussianForms.floor). */
    @Test
    void floorOfAGaussianMatchesItsClosedForm() {
        DensityGrid g = GaussianForms.grid(128, 4, 0.3, -0.2, 0.6);
        double s2 = 0.36 + g.cellSize() * g.cellSize() / 12;
        Target target = Target.ofGrid(g);
        for (String id : MarginalFieldTest.PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            LossFloor est = LossFloor.measure(new MarginalField(target, p), g.sampler(), 40_960, 20, 3);
            double exact = GaussianForms.floor(p, s2);
            assertEquals(exact, est.floor().loss(), 4 * est.floor().standardError(), id + ": closed form " + exact
                    + ", estimate " + est.floor().loss() + " ± " + est.floor().standardError());
            for (int b = 0; b < est.bins(); b++) {
                double[] e = est.binEdges();
                double mid = GaussianForms.floorAt(p, 0.5 * (e[b] + e[b + 1]), s2);
                assertEquals(mid, est.floor().byBin()[b], 6 * est.floor().byBinError()[b] + 0.05 * mid,
                        id + " bin " + b);
            }
        }
    }

    @Test
    void modelCurveUsesTheSameSamples() {
        Target target = Target.ofPoints(THREE, 3);
        MarginalField f = new MarginalField(target, ProbabilityPath.byId("ot"));
        LossFloor est = LossFloor.measure(f, target.sampler(), 5000, 10, 1);
        assertEquals(est.floor().loss(), est.model(f).loss(), 0, "the exact field is the floor");
        VectorField zero = new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                java.util.Arrays.fill(out, 0, 2 * n, 0);
            }
        };
        LossFloor.Curve z = est.model(zero);
        for (int b = 0; b < 10; b++) {
            assertTrue(z.byBin()[b] > est.floor().byBin()[b], "no field beats the exact one, bin " + b);
        }
        LossFloor again = LossFloor.measure(f, target.sampler(), 5000, 10, 1);
        assertEquals(est.floor().loss(), again.floor().loss(), 0, "same seed, same floor");
        assertNotEquals(est.floor().loss(), LossFloor.measure(f, target.sampler(), 5000, 10, 2).floor().loss());
        assertEquals(10, est.binEdges().length - 1);
        assertTrue(est.samples() > 4800 && est.samples() <= 5000, "about the samples asked for: " + est.samples());
    }

    @Test
    void badInputIsRefused() {
        Target target = Target.ofPoints(THREE, 3);
        MarginalField f = new MarginalField(target, ProbabilityPath.byId("ot"));
        assertThrows(IllegalArgumentException.class, () -> LossFloor.measure(f, target.sampler(), 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> LossFloor.measure(f, target.sampler(), 100, 0, 1));
        assertEquals(40, LossFloor.measure(f, target.sampler(), 1, 20, 1).samples(), "2 slices of 1 per bin at least");
    }
}
