package org.flowlab.nn;

import java.nio.ByteBuffer;

/**
 * The inner loops of {@link BufferKernels}. The kernels with e^x work on heap chunks: {@link BufferKernels} copies
 * a chunk of each array from ND4J's off-heap memory into scratch arrays, calls one of them on elements 0…n−1, and
 * copies the results back (measured: the Vector API's byte-buffer loads and stores expand into so much compiler IR
 * that C2 stops inlining inside the e^x kernel — NodeCountInliningCutoff — and boxes the vectors, 2.7 ns per SiLU
 * value; on heap arrays ≈ 1.1 ns, plus ≈ 0.25 ns per float copied). The memory-bound kernels without e^x (bias
 * add, SiLU′, Adam) read and write the native-order byte buffers in place (offsets count floats): copying would
 * double their memory traffic.
 *
 * <p>Every implementation does the same float operations in the same order as ND4J's ops (see
 * {@link Nd4jKernels}), so the results are equal bit for bit; σ(t) = 1/(1 + e^−t) with e^x from {@link ExactExp}.
 * Implementations: {@code VectorLanes} (Java Vector API) and {@link ScalarLanes}. Stateless and thread-safe.
 */
interface Lanes {

    /** s = σ(t), a = t·s with t = z + b. */
    void siluForward(float[] z, float[] s, float[] a, int n, float b);

    /** z ← t·σ(t) with t = z + b. b = −0 gives plain SiLU: z + (−0) = z for every float, −0 included. */
    void siluBias(float[] z, int n, float b);

    /** z ← z + b. */
    void biasAdd(ByteBuffer z, int zi, int n, float b);

    /** dz = g·((1 − s)·a + s): g times the SiLU derivative σ + t·σ·(1 − σ), written with a = t·σ. dz may be g. */
    void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz, int dzi,
                      int n);

    /** x ← e·SiLU′(x), with σ(x) recomputed: DL4J's activation backprop (x is the pre-activation). */
    void siluBackprop(float[] x, float[] e, int n);

    /**
     * One Adam step in place, as ND4J's {@code adam_updater} followed by θ ← θ − update:
     * m ← β₁m + g(1 − β₁); v ← β₂v + g²(1 − β₂); θ ← θ − (m·α_t)/(√v + ε).
     */
    void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi, int n,
              float beta1, float beta2, float epsilon, float alphaT);

    /**
     * Forward-mode SiLU: with t = z + b, s = σ(t), a = t·s, d = (1 − s)·a + s = SiLU′(t):
     * z ← a, ẋ ← ẋ·d, ẏ ← ẏ·d.
     */
    void siluTangents(float[] z, float[] tx, float[] ty, int n, float b);

    /** The first layer's, whose tangents are constants wx, wy: z ← a, tx ← d·wx, ty ← d·wy. */
    void siluTangentsFirst(float[] z, float[] tx, float[] ty, int n, float b, float wx, float wy);
}
