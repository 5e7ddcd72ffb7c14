package org.flowlab.app;

/**
 * Seeds for what the app draws at random, all derived from the user's training seed, so the same seed shows the
 * same particles, held-out points and pairs, and another seed shows others. Each purpose mixes the seed with its
 * own fixed constant (SplitMix64's finaliser) rather than using it directly: the trainer seeds its weights and
 * batches with the plain seed, and the particles must not start from the first training batch's noise.
 */
public final class Seeds {

    /** The noise x0 the particles start from. */
    public static final long PARTICLES = 0x5041_5254L;
    /** The held-out target points of the negative log-likelihood. */
    public static final long HELD_OUT = 0x484F_4C44L;
    /** The data ends x1 of the drawn conditional paths. */
    public static final long PAIR_DATA = 0x5044_4154L;
    /** The noise ends x0 of the drawn conditional paths. */
    public static final long PAIR_NOISE = 0x504E_4F49L;

    private Seeds() {
    }

    /** A seed for {@code purpose} from the user's {@code seed}: deterministic, and different per purpose. */
    public static long derive(long seed, long purpose) {
        long z = seed + purpose * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
