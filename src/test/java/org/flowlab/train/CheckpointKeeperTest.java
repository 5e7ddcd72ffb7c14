package org.flowlab.train;

import static org.flowlab.testing.Fixtures.quick;
import static org.flowlab.testing.Fixtures.smallMlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.Preset;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.WeightsSnapshot;
import org.junit.jupiter.api.Test;

/** The training history: logarithmic spacing, the slot and byte budget, and the weights each checkpoint holds. */
class CheckpointKeeperTest {

    /** A fake checkpoint of P parameters (the keeper never looks inside). */
    static WeightsSnapshot fake(ModelConfig c, long step) {
        return new WeightsSnapshot(c, new float[(int) c.parameterCount()], null, step);
    }

    static CheckpointKeeper offerAll(ModelConfig c, long last) {
        CheckpointKeeper k = new CheckpointKeeper(c.parameterCount());
        for (long s = 0; s <= last; s++) {
            k.offer(s, at -> fake(c, at));
        }
        return k;
    }

    @Test
    void denseEarlySparseLaterWithinTheSlots() {
        ModelConfig c = smallMlp(1);
        assertEquals(CheckpointKeeper.MAX_SLOTS, CheckpointKeeper.slotsFor(c.parameterCount()));
        CheckpointKeeper k = offerAll(c, 20_000);
        Checkpoints h = k.view();
        assertTrue(h.size() <= CheckpointKeeper.MAX_SLOTS, "at most the slots: " + h.size());
        assertTrue(h.size() >= CheckpointKeeper.MAX_SLOTS / 2, "the slots are used: " + h.size());
        long[] s = h.steps();
        assertEquals(0, s[0], "the initial weights are kept");
        // K per octave: every step below 2K, then K evenly spaced steps in each octave [K·2^j, K·2^(j+1)).
        int perOctave = k.perOctave();
        for (int i = 0; i < 2 * perOctave; i++) {
            assertEquals(i, s[i], "every step early on");
        }
        for (int i = 1; i < s.length; i++) {
            long gap = s[i] - s[i - 1];
            long expected = CheckpointKeeper.stride(s[i], perOctave);
            assertTrue(gap == expected || 2 * gap == expected, "gap " + gap + " before " + s[i]);
            assertTrue(i < 2 || gap >= s[i - 1] - s[i - 2], "gaps never shrink");
        }
        // Logarithmic: the last octave holds as many checkpoints as an early one.
        long last = s[s.length - 1];
        assertTrue(last > 20_000 - CheckpointKeeper.stride(20_000, perOctave) - 1, "the latest is recent: " + last);
        int inLastOctave = 0;
        for (long v : s) {
            if (v >= last / 2) {
                inLastOctave++;
            }
        }
        assertTrue(inLastOctave <= perOctave + 1, "sparse later: " + inLastOctave);
    }

    @Test
    void memoryStaysWithinTheBudgetForAnyNetwork() {
        for (int[] widths : new int[][]{{32, 32}, {512, 512, 512}, {1024, 1024, 1024, 1024}}) {
            ModelConfig c = ModelConfig.referenceMlp(1).withWidths(widths);
            int slots = CheckpointKeeper.slotsFor(c.parameterCount());
            assertTrue(slots >= 1 && slots <= CheckpointKeeper.MAX_SLOTS);
            // Offering far more steps than slots never keeps more than the slots, nor more bytes than the budget.
            CheckpointKeeper k = new CheckpointKeeper(c.parameterCount());
            long maxBytes = 0;
            int maxSize = 0;
            for (long s = 0; s <= 3000; s++) {
                k.offer(s, at -> fake(c, at));
                maxBytes = Math.max(maxBytes, k.view().bytes());
                maxSize = Math.max(maxSize, k.view().size());
            }
            assertTrue(maxSize <= slots, widths.length + " layers: " + maxSize + " > " + slots);
            assertTrue(maxBytes <= Math.max(CheckpointKeeper.BUDGET_BYTES, 4 * c.parameterCount()),
                    "bytes " + maxBytes);
        }
    }

    @Test
    void keptSetsAreNestedSoThinningNeverNeedsADroppedStep() {
        for (long s = 1; s < 5000; s++) {
            for (int k = 2; k <= 64; k *= 2) {
                if (s % CheckpointKeeper.stride(s, k / 2) == 0) {
                    assertEquals(0, s % CheckpointKeeper.stride(s, k), "step " + s + " kept at K=" + k / 2);
                }
            }
        }
    }

    @Test
    void restoringSavedCheckpointsContinuesAsAnUninterruptedRun() {
        ModelConfig c = smallMlp(1);
        CheckpointKeeper whole = offerAll(c, 5000);
        CheckpointKeeper half = offerAll(c, 1234);
        CheckpointKeeper resumed = new CheckpointKeeper(c.parameterCount());
        resumed.restore(half.view());
        for (long s = 1235; s <= 5000; s++) {
            resumed.offer(s, at -> fake(c, at));
        }
        assertArrayEquals(whole.view().steps(), resumed.view().steps());
    }

    @Test
    void theTrainerKeepsTheShownWeightsOfEachCheckpointStep() {
        TrainingConfig tc = quick(60);
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), smallMlp(1), tc, Preset.MOONS);
        List<WeightsSnapshot> shownAt = new ArrayList<>();
        shownAt.add(t.snapshot(TrainingState.READY, 0, null).display());
        while (!t.finished()) {
            t.step();
            shownAt.add(t.snapshot(TrainingState.RUNNING, 0, null).display());
        }
        Checkpoints h = t.checkpoints();
        assertEquals(61, h.size(), "60 steps fit the 64 slots: every step kept");
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i, h.step(i));
            assertArrayEquals(shownAt.get(i).params(), h.get(i).params(), "checkpoint " + i);
        }
        org.junit.jupiter.api.Assertions.assertSame(h, t.snapshot(TrainingState.FINISHED, 0, null).checkpoints());
    }
}
