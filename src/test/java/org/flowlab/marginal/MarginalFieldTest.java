package org.flowlab.marginal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.density.DensityException;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.Preset;
import org.flowlab.flow.ProbabilityPath;
import org.junit.jupiter.api.Test;

/** The exact field against closed forms, its kernels against each other, and its limits. */
class MarginalFieldTest {

    static final List<String> PATHS = List.of("ot", "sigma-min", "vp");
    static final double MX = 0.3;
    static final double MY = -0.2;
    static final double S = 0.6;
    /** 128² over [−4, 4]²: c = 1/16, so the cells add c²/12 = 3.3e-4 to s² = 0.36. */
    static final int SIZE = 128;

    /** Query points around the bulk of the target at time t: α·m + up to ±1.5 marginal standard deviations. */
    static double[] queries(ProbabilityPath p, double t, double s2) {
        double a = p.alpha(t);
        double sd = Math.sqrt(a * a * s2 + p.sigma(t) * p.sigma(t));
        double[] x = new double[2 * 25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                x[2 * (5 * i + j)] = a * MX + (i - 2) * 0.75 * sd;
                x[2 * (5 * i + j) + 1] = a * MY + (j - 2) * 0.75 * sd;
            }
        }
        return x;
    }

    /** Largest |u − closed form| over the queries. */
    static double maxError(MarginalField f, String path, double t, double s2) {
        double[] x = queries(f.path(), t, s2);
        double[] u = new double[x.length];
        f.evaluate(t, x, x.length / 2, u);
        double err = 0;
        for (int i = 0; i < x.length / 2; i++) {
            err = Math.max(err, Math.abs(u[2 * i] - GaussianForms.field(path, t, MX, s2, x[2 * i])));
            err = Math.max(err, Math.abs(u[2 * i + 1] - GaussianForms.field(path, t, MY, s2, x[2 * i + 1])));
        }
        return err;
    }

    /**
     * A Gaussian on a fine grid, cells spread: the mixture is N(m, (s² + c²/12)·I) up to the tail beyond the domain
     * (6 s from m: 1e-9), float masses (1e-7 per cell, averaging out) and the lattice ripple of Gaussian cells. By
     * Poisson summation over the cell centres (spacing c) the posterior mean of the centres carries a ripple of
     * amplitude ≤ (4π·w²/c)·exp(−2π²·w²/c²) per coordinate, w² = τ² + c²/12 (τ = σ_t/α_t, the likelihood's width
     * in x1-space; the target's own s² narrows it a little), and the field multiplies it by |α' − κ·α|. That is
     * below 1e-300 for t ≤ 0.9 and reaches ≈ 0.01 at t = 0.97 on this grid (observed 0.0096: the bound is tight),
     * vanishing again at t = 1 on OT where u = x. The tolerance is 1e-6 plus 1.5 times that bound. The same grid
     * taken as points at the centres misses the c²/12 and is off by ≈ c²/12·∂u/∂s² ≥ 1e-4 at t ≥ 0.5: the
     * tolerance tells the two treatments apart.
     */
    @Test
    void gridTargetMatchesTheGaussianClosedFormOnEveryPath() {
        DensityGrid g = GaussianForms.grid(SIZE, 4, MX, MY, S);
        double c = g.cellSize();
        double cell2 = c * c / 12;
        double s2eff = S * S + cell2;
        Target spread = Target.ofGrid(g);
        Target point = Target.ofGrid(g.copyMass(), SIZE, 4, Target.CellTreatment.POINT);
        assertEquals(cell2, spread.spread(), 1e-15);
        for (String id : PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            for (double t : new double[]{0, 0.25, 0.5, 0.75, 0.9, 0.97, 0.99, 1}) {
                double a = p.alpha(t);
                double sg = p.sigma(t);
                double tau2 = sg * sg / (a * a);
                double w2 = (tau2 + cell2) * S * S / (tau2 + cell2 + S * S);
                // κ of the grid's own components (spread c²/12), σ·σ' written out per path.
                double ssDot = id.equals("vp") ? -a * p.alphaDot(t) : sg * p.sigmaDot(t);
                double kappa = (a * p.alphaDot(t) * cell2 + ssDot) / (sg * sg + a * a * cell2);
                double ripple = Math.abs(p.alphaDot(t) - kappa * a) * 4 * Math.PI * w2 / c
                        * Math.exp(-2 * Math.PI * Math.PI * w2 / (c * c));
                // At α = 0 every centre sits at the origin (no lattice); on OT at t = 1 the field is u = x exactly.
                double tol = 1e-6 + 1.5 * (a == 0 || (t == 1 && id.equals("ot")) ? 0 : ripple);
                double err = maxError(new MarginalField(spread, p), id, t, s2eff);
                assertTrue(err < tol, id + " t=" + t + ": spread cells off the closed form by " + err + " > " + tol);
                if (t >= 0.5 && !(t == 1 && id.equals("ot"))) {
                    double pointErr = maxError(new MarginalField(point, p), id, t, s2eff);
                    assertTrue(pointErr > 1e-4, id + " t=" + t + ": centre points should miss c²/12, off by " + pointErr);
                }
            }
        }
    }

    /**
     * 20 000 samples of the Gaussian as a point set: m(x) is then a kernel average over the samples, which matches
     * the posterior mean only to Monte Carlo precision σ_post/√N_eff (σ_post² = s²τ²/(s² + τ²) the posterior
     * variance of x1, N_eff = 1/Σw_i² from the probe's weights), and the field multiplies that by |α' − κ·α| —
     * large for points late in t (κ = σ'/σ: 6.7 at t = 0.85 on OT). Tolerance: five of those standard errors
     * (plus 1e-9) per query. Near t = 1 a finite set memorises instead (MemorisationLensTest).
     */
    @Test
    void pointSetOfManySamplesMatchesTheClosedForm() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 20_000;
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (float) (MX + S * rng.nextGaussian());
            xy[2 * i + 1] = (float) (MY + S * rng.nextGaussian());
        }
        Target pts = Target.ofPoints(xy, n);
        for (String id : PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            MarginalField f = new MarginalField(pts, p);
            for (double t : new double[]{0, 0.3, 0.6, 0.85}) {
                double[] x = queries(p, t, S * S);
                double[] u = new double[x.length];
                f.evaluate(t, x, x.length / 2, u);
                PathTerms terms = PathTerms.of(p, t, 0);
                double gain = Math.abs(terms.alphaDot() - terms.kappa() * terms.alpha());
                double tau2 = terms.variance1();
                double post = Double.isFinite(tau2) ? Math.sqrt(S * S * tau2 / (S * S + tau2)) : S;
                for (int i = 0; i < x.length / 2; i++) {
                    double sumW2 = 0;
                    for (Probe.ConditionalPath c : f.probe(t, x[2 * i], x[2 * i + 1], n).paths()) {
                        sumW2 += c.weight() * c.weight();
                    }
                    double tol = 1e-9 + 5 * gain * post * Math.sqrt(sumW2);
                    assertEquals(GaussianForms.field(id, t, MX, S * S, x[2 * i]), u[2 * i], tol, id + " t=" + t);
                    assertEquals(GaussianForms.field(id, t, MY, S * S, x[2 * i + 1]), u[2 * i + 1], tol, id + " t=" + t);
                }
            }
        }
    }

    /** The closed forms themselves: the affine field moves N(α·m, v) as the path does, v' = 2κ·v (κ its slope). */
    @Test
    void closedFormsTransportTheGaussianPath() {
        double s2 = 0.36;
        for (String id : PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            for (double t : new double[]{0.1, 0.4, 0.7, 0.95}) {
                double kappa = GaussianForms.field(id, t, 0, s2, 1) - GaussianForms.field(id, t, 0, s2, 0);
                double h = 1e-6;
                double vPlus = p.sigma(t + h) * p.sigma(t + h) + p.alpha(t + h) * p.alpha(t + h) * s2;
                double vMinus = p.sigma(t - h) * p.sigma(t - h) + p.alpha(t - h) * p.alpha(t - h) * s2;
                double v = p.sigma(t) * p.sigma(t) + p.alpha(t) * p.alpha(t) * s2;
                assertEquals((vPlus - vMinus) / (2 * h), 2 * kappa * v, 1e-6 * (1 + Math.abs(kappa)), id + " t=" + t);
                // The mean moves at α'·m: the field at x = α·m is α'·m.
                double m = 0.7;
                assertEquals(p.alphaDot(t) * m, GaussianForms.field(id, t, m, s2, p.alpha(t) * m), 1e-9);
            }
        }
    }

    /**
     * The exact field is the flow of the data: integrating it from noise gives samples of the target. 2000
     * particles, midpoint × 40; sliced W₂ to a target draw must be within 1.5× the noise floor (SW₂ between two
     * independent 2000-point draws) on every path.
     */
    @Test
    void exactFieldCarriesNoiseOntoTheTarget() {
        DensityGrid g = DensitySources.load("moons", 128, 4);
        Target target = Target.ofGrid(g);
        float[] ref = g.sampler().sample(2000, new SplittableRandom(1));
        double floor = org.flowlab.metrics.SlicedWasserstein.distance(g.sampler().sample(2000,
                new SplittableRandom(2)), ref);
        for (String id : PATHS) {
            org.flowlab.flow.FlowSampler.Result r = org.flowlab.flow.FlowSampler.sample(
                    new MarginalField(target, ProbabilityPath.byId(id)),
                    org.flowlab.ode.Solvers.create("midpoint", 40), 2000, 3, false);
            double sw = org.flowlab.metrics.SlicedWasserstein.distance(r.samples(), ref);
            assertTrue(sw < 1.5 * floor, id + ": SW₂ " + sw + " vs noise floor " + floor);
        }
    }

    /** The separable kernel (grids) and the windowed log-sum-exp (everything) agree wherever both apply. */
    @Test
    void separableAndWindowedKernelsAgree() {
        Target moons = Target.ofGrid(DensitySources.load("moons", 96, 4));
        for (String id : PATHS) {
            ProbabilityPath p = ProbabilityPath.byId(id);
            for (double t : new double[]{0, 0.3, 0.7, 0.9, 0.97}) {
                PathTerms terms = PathTerms.of(p, t, moons.spread());
                double[] x = new SplittableRandom(2).doubles(2 * 200, -3.5, 3.5).toArray();
                double[] sep = new double[2 * 200];
                new SeparableSum(moons.grid).means(terms, x, 0, 200, sep);
                WindowedSum w = new WindowedSum(moons);
                double[] win = new double[2];
                for (int i = 0; i < 200; i++) {
                    w.mean(terms, x[2 * i], x[2 * i + 1], win, 0);
                    if (!Double.isNaN(sep[2 * i])) {
                        assertEquals(win[0], sep[2 * i], 1e-10, id + " t=" + t + " point " + i);
                        assertEquals(win[1], sep[2 * i + 1], 1e-10, id + " t=" + t + " point " + i);
                    }
                }
            }
        }
    }

    /** A lattice gives the same velocities as the same points one by one, at every t (both kernels). */
    @Test
    void latticeEqualsPointwiseEvaluation() {
        Target moons = Target.ofGrid(DensitySources.load("moons", 128, 4));
        double[] xs = {-3.9, -1.2, -0.3, 0.4, 1.1, 2.5};
        double[] ys = {2.2, 0.6, 0.1, -0.4, -3.0};
        double[] pts = new double[2 * xs.length * ys.length];
        for (int l = 0; l < ys.length; l++) {
            for (int k = 0; k < xs.length; k++) {
                pts[2 * (l * xs.length + k)] = xs[k];
                pts[2 * (l * xs.length + k) + 1] = ys[l];
            }
        }
        for (String id : PATHS) {
            MarginalField f = new MarginalField(moons, ProbabilityPath.byId(id));
            for (double t : new double[]{0, 0.5, 0.9, 0.99, 0.999, 1}) {
                double[] a = new double[pts.length];
                double[] b = new double[pts.length];
                f.evaluateLattice(t, xs, ys, a);
                f.evaluate(t, pts, pts.length / 2, b);
                for (int e = 0; e < a.length; e++) {
                    assertEquals(b[e], a[e], 1e-9 * (1 + Math.abs(b[e])), id + " t=" + t + " element " + e);
                }
            }
        }
    }

    /**
     * Near data (t → 1) the weights become a nearest-centre assignment and nothing is NaN, even far from all
     * mass; for a point set on OT the field tends to (nearest point − x)/(1 − t).
     */
    @Test
    void finiteAtTheEndsAndNearestNeighbourNearData() {
        Target grid = Target.ofGrid(DensitySources.load("8gaussians", 128, 4));
        float[] xy = Preset.RINGS.sample(50, new SplittableRandom(4));
        Target pts = Target.ofPoints(xy, 50);
        double[] far = {3.95, 3.95, -100, 250, 0, 0, 1e-3, -2.5};
        for (Target target : List.of(grid, pts)) {
            for (String id : PATHS) {
                MarginalField f = new MarginalField(target, ProbabilityPath.byId(id));
                for (double t : new double[]{0, 1e-9, 0.5, 0.999, 1 - 1e-9, 1}) {
                    double[] u = new double[far.length];
                    f.evaluate(t, far, far.length / 2, u);
                    for (double v : u) {
                        assertTrue(Double.isFinite(v), id + " t=" + t + ": " + java.util.Arrays.toString(u));
                    }
                }
            }
        }
        MarginalField ot = new MarginalField(pts, ProbabilityPath.byId("ot"));
        double t = 1 - 1e-6;
        double[] x = {0.37, -1.21};
        double[] u = new double[2];
        ot.evaluate(t, x, 1, u);
        int nearest = 0;
        for (int i = 1; i < 50; i++) {
            if (Math.hypot(xy[2 * i] - x[0], xy[2 * i + 1] - x[1]) < Math.hypot(xy[2 * nearest] - x[0],
                    xy[2 * nearest + 1] - x[1])) {
                nearest = i;
            }
        }
        assertEquals(xy[2 * nearest], x[0] + (1 - t) * u[0], 1e-6);
        assertEquals(xy[2 * nearest + 1], x[1] + (1 - t) * u[1], 1e-6);
        // At t = 1 the OT field of any target is u = x (points: the vanishing-cell convention of PathTerms).
        ot.evaluate(1, x, 1, u);
        assertEquals(x[0], u[0], 1e-12);
        assertEquals(x[1], u[1], 1e-12);
    }

    @Test
    void badInputIsRefused() {
        MarginalField f = new MarginalField(Target.ofPoints(new float[]{0, 0}, 1), ProbabilityPath.byId("ot"));
        double[] u = new double[2];
        assertThrows(IllegalArgumentException.class, () -> f.evaluate(Double.NaN, new double[2], 1, u));
        assertThrows(IllegalArgumentException.class, () -> f.probe(Double.POSITIVE_INFINITY, 0, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Target.ofPoints(new float[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Target.ofPoints(new float[]{Float.NaN, 0}, 1));
        assertThrows(DensityException.class, () -> Target.ofGrid(new DensityGrid(16, 4)));
        // Times outside [0, 1] (a solver stepping past the end) are clamped, not extrapolated.
        double[] a = new double[2];
        double[] b = new double[2];
        f.evaluate(1.5, new double[]{0.2, 0.1}, 1, a);
        f.evaluate(1, new double[]{0.2, 0.1}, 1, b);
        assertEquals(b[0], a[0], 0);
    }
}
