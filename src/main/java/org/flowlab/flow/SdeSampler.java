package org.flowlab.flow;

import java.util.SplittableRandom;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.VectorField;

/**
 * Stochastic sampling with the same marginals as the flow's ODE.
 *
 * <p>If p_t solves the continuity equation ∂p/∂t = −∇·(p·v), then for any noise level g(t) ≥ 0 the SDE
 * dx = [v(x, t) + ½·g(t)²·∇log p_t(x)] dt + g(t) dW has the same marginals p_t: the Fokker–Planck term ½g²Δp
 * cancels against −∇·(p·½g²∇log p). g = 0 is the ODE. The score comes from the velocity ({@link Scores}).
 *
 * <p><b>Noise schedule.</b> g(t) = G·√σ_t with the path's σ_t, so g² = G²·σ_t and the drift correction
 * ½g²∇log p_t = ½G²·(σ_t∇log p_t) is bounded: near t = 1, where ∇log p_t of a sharp data distribution blows up
 * like 1/σ_t, the noise fades to zero and the last steps are the ODE's. G is the user's knob ({@code --noise}).
 *
 * <p><b>Euler–Maruyama</b> on K equal steps h = 1/K from t = 0: x ← x + [v + ½G²σ_t∇log p_t]·h + G√(σ_t·h)·ξ,
 * ξ ~ N(0, I) from the seeded generator (weak order 1). One field evaluation per step, so NFE = K.
 */
public final class SdeSampler {

    private SdeSampler() {
    }

    /**
     * Integrates from x0 (copied) and returns the end points as a {@link FlowSampler.Result} without a trajectory.
     *
     * @param noise    G ≥ 0 (0 = Euler on the ODE)
     * @param steps    K ≥ 1
     * @param seed     seeds the Brownian increments
     * @param observer sees (t, x, drift) at every step start and (1, x, null) at the end
     */
    public static FlowSampler.Result sample(VectorField field, ProbabilityPath path, double noise, int steps,
                                            double[] x0, int n, long seed, OdeObserver observer) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("the noise level must be a finite number ≥ 0, got " + noise);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        int len = 2 * n;
        double[] x = x0.clone();
        double[] v = new double[len];
        double[] score = new double[len];
        SplittableRandom rng = new SplittableRandom(seed);
        double h = 1.0 / steps;
        double g2 = noise * noise;
        for (int k = 0; k < steps; k++) {
            double t = k * h;
            field.evaluate(t, x, n, v);
            double sigma = path.sigma(t);
            if (noise > 0) {
                Scores.scaledScore(path, t, x, v, n, score);
                for (int e = 0; e < len; e++) {
                    v[e] += 0.5 * g2 * score[e];
                }
            }
            observer.accept(t, x, v);
            double diffusion = noise * Math.sqrt(Math.max(0, sigma) * h);
            for (int e = 0; e < len; e++) {
                x[e] += h * v[e];
                if (noise > 0) {
                    x[e] += diffusion * rng.nextGaussian();
                }
                if (!Double.isFinite(x[e])) {
                    throw new org.flowlab.ode.OdeException("SDE: non-finite state at t=" + t);
                }
            }
        }
        observer.accept(1, x, null);
        return new FlowSampler.Result(FlowSampler.toFloat(x0), FlowSampler.toFloat(x),
                null, new org.flowlab.ode.OdeStats(steps, steps, 0));
    }
}
