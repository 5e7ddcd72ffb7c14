package org.flowlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.flowlab.nn.WeightsSnapshot;

/**
 * Which checkpoints the trainer keeps: dense early, sparse later, within a fixed memory budget.
 *
 * <p><b>Spacing.</b> With K checkpoints per octave (K a power of two), step s is kept when s is a multiple of
 * its stride g_K(s) = 1 for s &lt; 2K and 2^⌊log₂(s / K)⌋ above, i.e. every step up to 2K, then K evenly spaced
 * steps in each octave [K·2^j, K·2^(j+1)). After N steps that is about K·(1 + log₂(N / K)) checkpoints: logarithmic
 * spacing, the flow's early changes (where the loss falls fastest) at full resolution.
 *
 * <p><b>Budget.</b> At most {@link #slotsFor} checkpoints: min({@value #MAX_SLOTS}, ⌊{@value #BUDGET_BYTES} /
 * (4·P)⌋) for a network of P parameters, at least 1. So the history holds at most 32 MB of weights and at most
 * 64 entries (the default 3 × 128 MLP, P = 33 666, takes 64 × 131.5 KB = 8.2 MB). When a new checkpoint would
 * exceed the slots, K halves and the checkpoints the coarser spacing does not keep are dropped. The kept sets are
 * nested (g_{K/2}(s) is g_K(s) or 2·g_K(s), so a step kept at K/2 was kept at K), so thinning never needs a
 * checkpoint that was dropped earlier. At K = 1 only step 0 and the powers of two are kept (≤ 64 for any long
 * step); if that is still too many for the slots, the oldest after step 0 are dropped.
 *
 * <p>Owned by the training thread; {@link #view()} hands out immutable copies.
 */
public final class CheckpointKeeper {

    /** Most checkpoints kept, whatever the network. */
    public static final int MAX_SLOTS = 64;
    /** Most bytes of checkpoint weights kept (4 per parameter per checkpoint). */
    public static final long BUDGET_BYTES = 32L << 20;

    private final int slots;
    private int perOctave;
    private final List<WeightsSnapshot> kept = new ArrayList<>();
    private Checkpoints view = Checkpoints.empty();

    /** A keeper for a network of {@code parameters} parameters. */
    public CheckpointKeeper(long parameters) {
        this.slots = slotsFor(parameters);
        this.perOctave = Integer.highestOneBit(slots);
    }

    /** min(MAX_SLOTS, BUDGET_BYTES / (4·P)), at least 1. */
    public static int slotsFor(long parameters) {
        return (int) Math.max(1, Math.min(MAX_SLOTS, BUDGET_BYTES / (4 * Math.max(1, parameters))));
    }

    public int slots() {
        return slots;
    }

    /** K, the checkpoints per octave now. */
    public int perOctave() {
        return perOctave;
    }

    /** g_K(s): the spacing of kept steps around s for K per octave. */
    static long stride(long s, int perOctave) {
        return s < 2L * perOctave ? 1 : Long.highestOneBit(s / perOctave);
    }

    /** Whether step s is on the current spacing (and newer than the last kept). */
    public boolean wants(long step) {
        return step >= 0 && (kept.isEmpty() || step > kept.get(kept.size() - 1).step())
                && step % stride(step, perOctave) == 0;
    }

    /**
     * Keeps the checkpoint of {@code step} when the spacing wants it; {@code weights} is asked only then (a copy
     * of the weights costs 4·P bytes). Returns whether it was kept.
     */
    public boolean offer(long step, LongFunction<WeightsSnapshot> weights) {
        if (!wants(step)) {
            return false;
        }
        WeightsSnapshot w = weights.apply(step);
        if (w == null) {
            return false;
        }
        kept.add(new WeightsSnapshot(w.config(), w.params(), null, step));
        thin();
        view = null;
        return true;
    }

    /** Drops the checkpoints after {@code step} (a run that went back to earlier weights). */
    public void dropAfter(long step) {
        if (kept.removeIf(w -> w.step() > step)) {
            view = null;
        }
    }

    /**
     * Starts from saved checkpoints (a resumed session): keeps them, with the K per octave an uninterrupted run
     * would have at the last saved step ({@link #perOctaveAfter}), so a resumed run keeps the same later steps.
     */
    public void restore(Checkpoints saved) {
        kept.clear();
        kept.addAll(saved.list());
        perOctave = saved.isEmpty() ? Integer.highestOneBit(slots)
                : perOctaveAfter(saved.step(saved.size() - 1), slots);
        thin();
        view = null;
    }

    /**
     * K after a run offered every step 0 … last to a keeper of {@code slots}: replays the rule on steps alone
     * (no weights), O(last) cheap integer work.
     */
    static int perOctaveAfter(long last, int slots) {
        long[] steps = new long[slots + 1];
        int n = 0;
        int perOctave = Integer.highestOneBit(slots);
        for (long s = 0; s <= last; s++) {
            if (s % stride(s, perOctave) != 0) {
                continue;
            }
            steps[n++] = s;
            while (n > slots && perOctave > 1) {
                perOctave /= 2;
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (steps[i] % stride(steps[i], perOctave) == 0) {
                        steps[m++] = steps[i];
                    }
                }
                n = m;
            }
            if (n > slots) {
                System.arraycopy(steps, slots >= 2 ? 2 : 1, steps, slots >= 2 ? 1 : 0, n - (slots >= 2 ? 2 : 1));
                n--;
            }
        }
        return perOctave;
    }

    private void thin() {
        while (kept.size() > slots && perOctave > 1) {
            perOctave /= 2;
            int k = perOctave;
            kept.removeIf(w -> w.step() % stride(w.step(), k) != 0);
        }
        while (kept.size() > slots) {
            kept.remove(slots >= 2 && kept.size() > 1 ? 1 : 0);
        }
    }

    /** The checkpoints kept now, immutable. */
    public Checkpoints view() {
        if (view == null) {
            view = Checkpoints.of(kept);
        }
        return view;
    }
}
