package org.flowlab.nn;

/**
 * e^x for floats with the same bits as the C library that libnd4j's {@code exp}, {@code sigmoid} and {@code swish}
 * call ({@code expf} of glibc ≥ 2.27: the algorithm of ARM's optimized-routines). Reproducing it — rather than
 * rounding {@code Math.exp} — is what makes our SiLU kernels equal ND4J's ops bit for bit: {@code (float)
 * Math.exp(x)} is correctly rounded, while that {@code expf} errs by up to 0.502 ulp, and the two differ on
 * ≈ 0.05 % of inputs (measured: 2 184 of 4·10⁶), enough to change every training run after a few steps.
 *
 * <p>Algorithm, in double precision: with N = 32, z = x·N/ln 2 = k + r (k = round(z), |r| ≤ 1/2), and
 * e^x = 2^(k/N)·2^(r/N), where 2^(k/N) is a table entry for k mod N scaled by 2^⌊k/N⌋ (added to the exponent
 * bits), and 2^(r/N) ≈ C0·r³ + C1·r² + C2·r + 1. The result is rounded to float once. Inputs above
 * ln(2¹²⁸) ≈ 88.72 give +∞, below ln(2⁻¹⁵⁰) ≈ −103.97 give 0, NaN gives NaN. The vector kernels
 * ({@code VectorLanes}) run the same operations lane by lane; glibc's FMA build fuses the polynomial's
 * multiply-adds, which changes the double result by at most an ulp of double and, measured, never the float.
 */
final class ExactExp {

    static final int N = 32;
    /** 0x1.8p52: adding it rounds z to an integer held in the low mantissa bits. */
    static final double SHIFT = 0x1.8p+52;
    static final double INV_LN2_N = 0x1.71547652b82fep+0 * N;
    static final double C0 = 0x1.c6af84b912394p-5 / N / N / N;
    static final double C1 = 0x1.ebfce50fac4f3p-3 / N / N;
    static final double C2 = 0x1.62e42ff0c52d6p-1 / N;
    /** Above this e^x overflows float: +∞. */
    static final float OVERFLOW = 0x1.62e42ep6f;
    /** Below this e^x rounds to 0. */
    static final float UNDERFLOW = -0x1.9fe368p6f;

    /**
     * T[j] = bits(2^(j/N)) − (j &lt;&lt; 47), so that T[k mod N] + (k &lt;&lt; 47) are the bits of 2^(k/N) for any
     * integer k in range (k's high bits land in the exponent). The values of glibc's {@code __exp2f_data.tab}.
     */
    static final long[] T = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };

    private ExactExp() {
    }

    /** e^x as libnd4j computes it. */
    static float expf(float x) {
        if (!(x <= OVERFLOW)) {
            return x > OVERFLOW ? Float.POSITIVE_INFINITY : x + x;    // +∞ or NaN
        }
        if (x < UNDERFLOW) {
            return 0f;
        }
        double z = INV_LN2_N * x;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        double s = Double.longBitsToDouble(T[(int) (ki & (N - 1))] + (ki << 47));
        double p = C0 * r + C1;
        double y = C2 * r + 1;
        y = p * (r * r) + y;
        return (float) (y * s);
    }

    /** σ(x) = 1/(1 + e^−x) in float, as libnd4j's sigmoid. */
    static float sigmoid(float x) {
        return 1f / (1f + expf(-x));
    }
}
