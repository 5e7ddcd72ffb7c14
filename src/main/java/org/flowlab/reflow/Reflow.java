package org.flowlab.reflow;

import java.util.ArrayList;
import java.util.List;
import org.flowlab.compute.ComputeThread;
import org.flowlab.coupling.Coupling;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.train.FixedPairs;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;

/**
 * Rectified flow (Liu, Gong &amp; Liu 2022): a trained flow's ODE already couples noise and data, x1 = ODE(x0), and
 * that coupling's straight interpolations x_t = (1 − t)·x0 + t·x1 cross less than the independent pairs did.
 * Training a new model on N fixed pairs (x0, ODE(x0)) — initialised from the old one, on the same path — gives a
 * flow with the same end distribution (up to training error) whose trajectories are straighter, so fewer solver
 * steps reach the data; one Euler step x0 + v(x0, 0) stops being a blur. Rounds repeat it on the new model.
 *
 * <p>A round has two phases, reported through {@link Progress}: generating the pairs ({@link #pairs}: the noise
 * in chunks of {@value #CHUNK} through an accurate solver) and training ({@link FlowMatchingTrainer#fromWeights}
 * on {@link FixedPairs}). Everything runs on the caller's thread, so the app calls it from a background thread;
 * a {@code Progress} may throw {@link java.util.concurrent.CancellationException} to stop. An app that wants live
 * snapshots instead can generate the pairs here and hand {@code FlowMatchingTrainer.fromWeights(…)} to a
 * {@code TrainingRun}. The same settings and weights give the same numbers.
 */
public final class Reflow {

    /** Particles per solver call while generating pairs (adaptive solvers share one step size per chunk). */
    public static final int CHUNK = 2048;

    public enum Phase { PAIRS, TRAINING }

    /** Progress of one phase: {@code done} of {@code total} (pairs generated, or optimiser steps taken). */
    @FunctionalInterface
    public interface Progress {
        void update(Phase phase, long done, long total);

        Progress NONE = (phase, done, total) -> { };
    }

    /**
     * One round's settings.
     *
     * @param pairs       N, the number of (x0, ODE(x0)) pairs, in [1, 10 000 000]
     * @param seed        seeds the pairs' noise (round r uses seed + r − 1)
     * @param solver      the solver that carries the noise to data ("dopri5" by default: accurate pairs matter)
     * @param solverSteps steps of a fixed-step solver (ignored by the adaptive ones)
     * @param tolerance   rtol = atol of an adaptive solver
     * @param training    batch, learning rate, steps, seed and weight average of the new model's training; its
     *                    coupling must be independent (the pairs are the coupling)
     */
    public record Settings(int pairs, long seed, String solver, int solverSteps, double tolerance,
                           TrainingConfig training) {

        public Settings {
            if (pairs < 1 || pairs > 10_000_000) {
                throw new IllegalArgumentException("the number of pairs must be in [1, 10000000], got " + pairs);
            }
            if (!training.coupling().equals(Coupling.INDEPENDENT.id())) {
                throw new IllegalArgumentException("reflow pairs are already coupled; their training takes the "
                        + "independent coupling, not " + training.coupling());
            }
            solver(solver, solverSteps, tolerance);
        }

        public OdeSolver solverInstance() {
            return solver(solver, solverSteps, tolerance);
        }

        private static OdeSolver solver(String name, int steps, double tol) {
            return Solvers.create(name, steps, tol, tol);
        }

        /** Dopri5 at 1e-5, and {@code steps} steps of batch 256 at Adam 1e-3 with the weight average (β 0.99). */
        public static Settings defaults(int pairs, long steps, long seed) {
            TrainingConfig tc = TrainingConfig.defaults(seed).withLearningRate(1e-3).withMaxSteps(steps);
            return new Settings(pairs, seed, "dopri5", 20, 1e-5, tc);
        }
    }

    /**
     * One finished round.
     *
     * @param index    1 for the first reflow of a trained model, 2 for the next, …
     * @param end      the training's last snapshot (raw weights, average, loss history)
     * @param pairNfe  network evaluations spent generating the pairs (summed over chunks)
     */
    public record Round(int index, FixedPairs pairs, TrainingSnapshot end, long pairNfe) {

        /** The weights to sample with: the average when training kept one, else the raw weights. */
        public WeightsSnapshot display() {
            return end.display();
        }
    }

    private Reflow() {
    }

    /**
     * N pairs (x0, ODE(x0)): x0 = {@link FlowSampler#noise}(n, seed), integrated from t = 0 to 1 with the solver
     * in chunks of {@value #CHUNK}. Also returns the NFE spent through {@code nfe[0]} when given.
     */
    public static FixedPairs pairs(Network model, int n, long seed, OdeSolver solver, Progress progress,
                                   long[] nfe) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of pairs must be at least 1, got " + n);
        }
        double[] noise = FlowSampler.noise(n, seed);
        float[] x0 = FlowSampler.toFloat(noise);
        float[] x1 = new float[2 * n];
        long spent = 0;
        progress.update(Phase.PAIRS, 0, n);
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            double[] chunk = new double[2 * m];
            System.arraycopy(noise, 2 * start, chunk, 0, 2 * m);
            FlowSampler.Result r = FlowSampler.sample(model, solver, chunk, m, false, OdeObserver.NONE);
            System.arraycopy(r.samples(), 0, x1, 2 * start, 2 * m);
            spent += r.stats().nfe();
            progress.update(Phase.PAIRS, start + m, n);
        }
        if (nfe != null) {
            nfe[0] = spent;
        }
        return new FixedPairs(x0, x1);
    }

    /** One round from {@code from} (usually a model's displayed weights): pairs from it, then a model trained on them. */
    public static Round round(ComputeThread compute, WeightsSnapshot from, Settings s, int index, Progress progress) {
        Network model = Network.of(compute, from);
        long[] nfe = new long[1];
        FixedPairs pairs = pairs(model, s.pairs(), s.seed() + index - 1, s.solverInstance(), progress, nfe);
        FlowMatchingTrainer trainer = FlowMatchingTrainer.fromWeights(compute, from, s.training(), pairs);
        long total = s.training().maxSteps();
        long every = Math.max(1, total / 100);
        progress.update(Phase.TRAINING, 0, total);
        while (!trainer.finished()) {
            double loss = trainer.step();
            if (trainer.failure() != null) {
                throw new IllegalStateException("reflow round " + index + ": " + trainer.failure() + " (loss " + loss
                        + ")");
            }
            if (trainer.steps() % every == 0 || trainer.finished()) {
                progress.update(Phase.TRAINING, trainer.steps(), total);
            }
        }
        return new Round(index, pairs, trainer.snapshot(TrainingState.FINISHED, 0, null), nfe[0]);
    }

    /** {@code count} rounds, each from the previous round's displayed weights. */
    public static List<Round> rounds(ComputeThread compute, WeightsSnapshot from, Settings s, int count,
                                     Progress progress) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of rounds must be at least 1, got " + count);
        }
        List<Round> out = new ArrayList<>();
        WeightsSnapshot current = from;
        for (int r = 1; r <= count; r++) {
            Round round = round(compute, current, s, r, progress);
            out.add(round);
            current = round.display();
        }
        return out;
    }
}
