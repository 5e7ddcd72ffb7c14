package org.flowlab.nn;

import java.nio.ByteBuffer;

/**
 * The inner loops of {@link BufferKernels}: one contiguous run of n floats per call, on native-order byte buffers
 * over ND4J's off-heap memory; offsets count floats. Every implementation does the same float operations in the
 * same order as ND4J's ops (see {@link Nd4jKernels}), so the results are equal bit for bit; σ(t) = 1/(1 + e^−t)
 * with e^x from {@link ExactExp}.
 *
 * <p>Implementations: {@code VectorLanes} (Java Vector API) and {@link ScalarLanes}. Stateless and thread-safe;
 * calls on disjoint ranges may run in parallel.
 */
interface Lanes {

    /** s = σ(z + b), a = (z + b)·s; z is left as it was. */
    void siluForward(ByteBuffer z, int zi, ByteBuffer s, int si, ByteBuffer a, int ai, int n, float b);

    /** z ← t·σ(t) with t = z + b. */
    void siluBias(ByteBuffer z, int zi, int n, float b);

    /** x ← x·σ(x). */
    void silu(ByteBuffer x, int xi, int n);

    /** z ← z + b. */
    void biasAdd(ByteBuffer z, int zi, int n, float b);

    /** dz = g·((1 − s)·a + s): the SiLU derivative σ + t·σ·(1 − σ) written with a = t·σ. dz may be g. */
    void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz, int dzi,
                      int n);

    /** x ← e·SiLU′(x), with σ(x) recomputed: DL4J's activation backprop (x is the pre-activation). */
    void siluBackprop(ByteBuffer x, int xi, ByteBuffer e, int ei, int n);

    /**
     * One Adam step in place, as ND4J's {@code adam_updater} followed by θ ← θ − update:
     * m ← β₁m + g(1 − β₁); v ← β₂v + g²(1 − β₂); θ ← θ − (m·α_t)/(√v + ε).
     */
    void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi, int n,
              float beta1, float beta2, float epsilon, float alphaT);

    /**
     * Forward-mode SiLU of one column of a stacked array [Z; Ẋ; Ẏ] (pre-activation and its two input tangents,
     * n rows each, at x[zi…], x[ti…], x[ui…]): t = z + b, s = σ(t), a = t·s, d = (1 − s)·a + s = SiLU′(t);
     * then z ← a, ẋ ← ẋ·d, ẏ ← ẏ·d.
     */
    void siluTangents(ByteBuffer x, int zi, int ti, int ui, int n, float b);

    /**
     * The same for the first layer, whose tangents are constant per column (∂z/∂x = wx, ∂z/∂y = wy): reads z from
     * one array and writes a, d·wx, d·wy into the stacked one.
     */
    void siluTangentsFirst(ByteBuffer z, int zi, ByteBuffer out, int ai, int ti, int ui, int n, float b, float wx,
                           float wy);
}
