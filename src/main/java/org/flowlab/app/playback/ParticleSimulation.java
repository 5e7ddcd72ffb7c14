package org.flowlab.app.playback;

import org.flowlab.app.TaskRunner;
import org.flowlab.flow.FlowSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.flow.SdeSampler;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.OdeStats;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;
import org.flowlab.render.Colors;

/** What the particle lane runs: integrates the particles from noise x0 (t = 0) to data (t = 1), recording all steps. */
final class ParticleSimulation {

    /**
     * @param colors      one colour per particle by where it started
     * @param description what was computed, for the timeline ("rk4 · 50 steps · step 1200")
     * @param nanos       how long it took
     */
    record Result(Trajectory trajectory, int[] colors, int nfe, String description, long nanos) {
    }

    private ParticleSimulation() {
    }

    /** Stops with a CancellationException at the next solver step once {@code progress} is cancelled. */
    static Result run(VectorField field, OdeSolver solver, double[] x0, int n, String description,
                      TaskRunner.Progress progress) {
        long start = System.nanoTime();
        double[] x = x0.clone();
        Trajectory.Recorder recorder = new Trajectory.Recorder(n, 2);
        OdeStats stats = solver.integrate(field, x, n, 0, 1, (t, s, v) -> {
            progress.checkCancelled();
            recorder.accept(t, s, v);
            progress.progress(t);
        });
        return new Result(recorder.build(), Colors.byStartPosition(FlowSampler.toFloat(x0), n), stats.nfe(),
                description, System.nanoTime() - start);
    }

    /**
     * The SDE with the ODE's marginals ({@link SdeSampler}): Euler–Maruyama on {@code steps} equal steps with noise
     * level g(t) = G·√σ_t of {@code path}; the Brownian increments come from {@code seed}. G = 0 records exactly the
     * Euler trajectory of the ODE. The recorded "velocity" at a step is the SDE's drift v + ½g²∇log p_t.
     */
    static Result runSde(VectorField field, ProbabilityPath path, double noise, int steps, double[] x0, int n,
                         long seed, String description, TaskRunner.Progress progress) {
        long start = System.nanoTime();
        Trajectory.Recorder recorder = new Trajectory.Recorder(n, 2);
        FlowSampler.Result r = SdeSampler.sample(field, path, noise, steps, x0, n, seed, (t, s, v) -> {
            progress.checkCancelled();
            recorder.accept(t, s, v);
            progress.progress(t);
        });
        return new Result(recorder.build(), Colors.byStartPosition(FlowSampler.toFloat(x0), n), r.stats().nfe(),
                description, System.nanoTime() - start);
    }
}
