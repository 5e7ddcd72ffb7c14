package org.flowlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Path formulas against values worked out by hand. */
class ProbabilityPathTest {

    private static final float[] X0 = {1, 2};
    private static final float[] X1 = {3, -1};

    private static float[][] apply(ProbabilityPath p, float t) {
        float[] xt = new float[2];
        float[] ut = new float[2];
        p.pointAndTarget(X0, X1, new float[]{t}, 1, xt, ut);
        return new float[][]{xt, ut};
    }

    @Test
    void linearOtPath() {
        float[][] r = apply(new LinearPath(), 0.25f);
        // x_t = 0.75·(1, 2) + 0.25·(3, −1) = (1.5, 1.25); u_t = x1 − x0 = (2, −3).
        assertArrayEquals(new float[]{1.5f, 1.25f}, r[0], 1e-6f);
        assertArrayEquals(new float[]{2f, -3f}, r[1], 1e-6f);
        assertArrayEquals(X0, apply(new LinearPath(), 0f)[0], 0f);
        assertArrayEquals(X1, apply(new LinearPath(), 1f)[0], 0f);
    }

    @Test
    void sigmaMinPath() {
        float[][] r = apply(new SigmaMinPath(0.1), 0.5f);
        // σ_t = 1 − 0.9·0.5 = 0.55; x_t = 0.5·(3, −1) + 0.55·(1, 2) = (2.05, 0.6);
        // u_t = x1 − 0.9·x0 = (2.1, −2.8).
        assertArrayEquals(new float[]{2.05f, 0.6f}, r[0], 1e-6f);
        assertArrayEquals(new float[]{2.1f, -2.8f}, r[1], 1e-6f);
        // At t = 1 the conditional keeps σ_min of the noise.
        assertArrayEquals(new float[]{3.1f, -0.8f}, apply(new SigmaMinPath(0.1), 1f)[0], 1e-6f);
    }

    @Test
    void sigmaMinTargetIsLipmansConditionalField() {
        // u_t(x | x1) = (x1 − (1 − σ_min)·x) / (1 − (1 − σ_min)·t), evaluated at x = x_t.
        SigmaMinPath p = new SigmaMinPath(0.05);
        float t = 0.3f;
        float[][] r = apply(p, t);
        for (int d = 0; d < 2; d++) {
            double expected = (X1[d] - 0.95 * r[0][d]) / (1 - 0.95 * t);
            assertEquals(expected, r[1][d], 1e-5);
        }
    }

    @Test
    void variancePreservingPath() {
        VariancePreservingPath p = new VariancePreservingPath(0.1, 20);
        assertEquals(1.0, p.alpha(1), 1e-12);
        assertEquals(0.0, p.sigma(1), 1e-12);
        // T(1) = 0.1 + 0.5·19.9 = 10.05, α_0 = e^{−5.025}.
        assertEquals(Math.exp(-5.025), p.alpha(0), 1e-12);
        for (double t : new double[]{0.1, 0.5, 0.9}) {
            assertEquals(1.0, p.alpha(t) * p.alpha(t) + p.sigma(t) * p.sigma(t), 1e-12, "variance preserving");
            double h = 1e-6;
            assertEquals((p.alpha(t + h) - p.alpha(t - h)) / (2 * h), p.alphaDot(t), 1e-5, "α' at " + t);
            assertEquals((p.sigma(t + h) - p.sigma(t - h)) / (2 * h), p.sigmaDot(t), 1e-5, "σ' at " + t);
        }
        // At t = 0.5: s = 0.5, T = 0.05 + 0.5·19.9·0.25 = 2.5375, α = e^{−1.26875}.
        double a = Math.exp(-1.26875);
        double s = Math.sqrt(1 - a * a);
        float[][] r = apply(p, 0.5f);
        assertEquals(a * 3 + s * 1, r[0][0], 1e-5);
        assertEquals(a * -1 + s * 2, r[0][1], 1e-5);
        double da = 0.5 * (0.1 + 19.9 * 0.5) * a;
        double ds = -a * da / s;
        assertEquals(da * 3 + ds * 1, r[1][0], 1e-4);
        assertEquals(da * -1 + ds * 2, r[1][1], 1e-4);
    }

    @Test
    void pathsByIdAndBadIds() {
        assertEquals("ot", ProbabilityPath.byId("ot").id());
        assertEquals("sigma-min", ProbabilityPath.byId("sigma-min").id());
        assertEquals("vp", ProbabilityPath.byId("vp").id());
        assertThrows(IllegalArgumentException.class, () -> ProbabilityPath.byId("ve"));
    }
}
