package org.flowlab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.Preset;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.render.Colors;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.SceneLayers;
import org.flowlab.testing.Fixtures;
import org.flowlab.train.Checkpoints;
import org.flowlab.train.FlowMatchingTrainer;
import org.junit.jupiter.api.Test;

/** The learning movie: frame k shows the flow of its checkpoint, as sampling that checkpoint directly gives. */
class TrainingMovieTest {

    /** Keeps copies of the frames it is given. */
    static final class Capture implements FrameSink {
        final List<int[]> frames = new ArrayList<>();

        @Override
        public void begin(int width, int height, double fps) {
        }

        @Override
        public void accept(Frame frame) {
            frames.add(frame.pixels().clone());
        }

        @Override
        public void finish() {
        }

        @Override
        public void abort() {
        }
    }

    @Test
    void frameKShowsTheFlowOfItsCheckpoint() throws IOException {
        FlowMatchingTrainer trainer = FlowMatchingTrainer.fresh(ComputeThread.direct(), Fixtures.smallMlp(3),
                Fixtures.quick(120), Preset.MOONS);
        while (!trainer.finished()) {
            trainer.step();
        }
        Checkpoints all = trainer.checkpoints();
        // Four checkpoints far apart, so their flows differ visibly.
        List<WeightsSnapshot> picked = List.of(all.get(0), all.get(all.indexAtOrBefore(5)),
                all.get(all.indexAtOrBefore(30)), all.get(all.size() - 1));
        int n = 600;
        double[] x0 = FlowSampler.noise(n, 11);
        int[] colors = Colors.byStartPosition(FlowSampler.toFloat(x0), n);
        OdeSolver solver = Solvers.create("rk4", 8);
        double t = 0.8;
        AnimationSettings settings = AnimationSettings.defaults().withSize(160, 120).withTiming(10, 0.8)
                .withOverlays(false, false, false);
        TrainingMovie movie = new TrainingMovie(picked, w -> Network.of(ComputeThread.direct(), w), solver, x0, n,
                colors, null, 0, 4, t, settings);
        assertEquals(2, movie.hold(), "8 frames over 4 checkpoints");
        Capture sink = new Capture();
        Animator.animate(movie, settings, sink, Animator.Progress.NONE);
        assertEquals(8, sink.frames.size());

        for (int c = 0; c < picked.size(); c++) {
            // Sampling checkpoint c directly, drawn at t with its caption.
            FlowSampler.Result r = FlowSampler.sample(Network.of(ComputeThread.direct(), picked.get(c)), solver, x0, n,
                    true, org.flowlab.ode.OdeObserver.NONE);
            Frame direct = new Frame(160, 120);
            new FlowScene(4).render(direct, new SceneLayers(null, 0, 4, r.trajectory(), t, colors, false, null, null,
                    SceneLayers.dotRadius(n, 160, 120)));
            Animator.caption(direct, String.format(Locale.ROOT, "training step %d · t = %.2f", picked.get(c).step(),
                    t));
            for (int k = 0; k < sink.frames.size(); k++) {
                boolean same = Arrays.equals(direct.pixels(), sink.frames.get(k));
                assertEquals(movie.checkpointOf(k) == c, same, "frame " + k + " against checkpoint " + c);
            }
        }
        assertEquals(picked.get(3).step(), movie.stepOf(7));
        assertFalse(Arrays.equals(sink.frames.get(0), sink.frames.get(6)), "the model learned something");
        assertTrue(movie.checkpoints() == 4);
    }

    @Test
    void captionsAlwaysShowTheStep() {
        assertEquals("training step {step} · t = {t}", TrainingMovie.caption(null));
        assertEquals("OT · step {step}", TrainingMovie.caption("OT"));
        assertEquals("at {step}", TrainingMovie.caption("at {step}"));
        assertEquals(1, TrainingMovie.holdFor(10, 64));
        assertEquals(3, TrainingMovie.holdFor(30, 10));
    }
}
