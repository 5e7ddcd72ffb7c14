package org.flowlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} in the Java Vector API (JDK 17's incubator module {@code jdk.incubator.vector}; loaded only when
 * the JVM resolves it, see {@link BufferKernels}). Same float operations as {@link ScalarLanes}, several lanes at a
 * time; the tails go to {@link ScalarLanes}.
 *
 * <p>e^x is {@link ExactExp}'s algorithm lane-wise: each float lane is widened to a double lane (so the float
 * species has as many lanes as the machine's widest double species: 8 with AVX-512, 4 with AVX2), the table entry
 * is a gather, and the result is rounded back to float. Measured on this project's 2-core AVX-512 VM: 0.95 ns per
 * SiLU value on one core against 2.8–3.2 ns for ND4J's {@code swish} on two; the JDK's own {@code EXP} lane
 * operation (Intel's SVML) takes 0.45 ns but differs from libnd4j's {@code expf} in the last bit on 1.5 % of
 * values — and the golden files pin training bit for bit.
 *
 * <p>Every method must stay small enough for C2 to inline the vector code into one loop (a vector that escapes a
 * method is boxed, ≈ 3× slower), so each kernel is written out rather than composed from helpers with flags.
 */
final class VectorLanes implements Lanes {

    static final VectorLanes INSTANCE = new VectorLanes();

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Double lanes for e^x: the widest the hardware has. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** Float lanes feeding D: the same count, half the bits. */
    private static final VectorSpecies<Float> F =
            FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I =
            IntVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Float lanes for kernels without e^x. */
    private static final VectorSpecies<Float> P = FloatVector.SPECIES_PREFERRED;
    private static final int W = F.length();

    private VectorLanes() {
    }

    /** A short description for benchmarks: lanes per e^x and per plain float operation. */
    static String describe() {
        return "Vector API, " + W + " lanes for e^x (" + D.vectorBitSize() + "-bit doubles), " + P.length()
                + " float lanes";
    }

    private static FloatVector load(VectorSpecies<Float> s, ByteBuffer b, int i) {
        return FloatVector.fromByteBuffer(s, b, i << 2, NATIVE);
    }

    private static void store(FloatVector v, ByteBuffer b, int i) {
        v.intoByteBuffer(b, i << 2, NATIVE);
    }

    /** σ(t) = 1/(1 + e^−t) lane-wise with {@link ExactExp}'s e^x; idx is scratch for the gather's indices. */
    private static FloatVector sigmoid(FloatVector t, int[] idx) {
        FloatVector x = t.neg();
        DoubleVector z = ((DoubleVector) x.convertShape(VectorOperators.F2D, D, 0)).mul(ExactExp.INV_LN2_N);
        DoubleVector kd = z.add(ExactExp.SHIFT);
        LongVector ki = kd.reinterpretAsLongs();
        DoubleVector r = z.sub(kd.sub(ExactExp.SHIFT));
        ((IntVector) ki.and(ExactExp.N - 1).convertShape(VectorOperators.L2I, I, 0)).intoArray(idx, 0);
        DoubleVector s = LongVector.fromArray(L, ExactExp.T, 0, idx, 0)
                .add(ki.lanewise(VectorOperators.LSHL, 47)).reinterpretAsDoubles();
        DoubleVector p = r.mul(ExactExp.C0).add(ExactExp.C1);
        DoubleVector y = r.mul(ExactExp.C2).add(1.0);
        y = p.mul(r.mul(r)).add(y).mul(s);
        FloatVector e = (FloatVector) y.convertShape(VectorOperators.D2F, F, 0);
        e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, ExactExp.OVERFLOW));
        e = e.blend(0f, x.compare(VectorOperators.LT, ExactExp.UNDERFLOW));
        e = e.blend(x, x.compare(VectorOperators.NE, x));                    // NaN stays NaN
        return FloatVector.broadcast(F, 1f).div(e.add(1f));
    }

    @Override
    public void siluForward(ByteBuffer z, int zi, ByteBuffer s, int si, ByteBuffer a, int ai, int n, float b) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, z, zi + i).add(b);
            FloatVector sg = sigmoid(t, idx);
            store(sg, s, si + i);
            store(t.mul(sg), a, ai + i);
        }
        ScalarLanes.INSTANCE.siluForward(z, zi + i, s, si + i, a, ai + i, n - i, b);
    }

    @Override
    public void siluBias(ByteBuffer z, int zi, int n, float b) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, z, zi + i).add(b);
            store(t.mul(sigmoid(t, idx)), z, zi + i);
        }
        ScalarLanes.INSTANCE.siluBias(z, zi + i, n - i, b);
    }

    @Override
    public void silu(ByteBuffer x, int xi, int n) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, x, xi + i);
            store(t.mul(sigmoid(t, idx)), x, xi + i);
        }
        ScalarLanes.INSTANCE.silu(x, xi + i, n - i);
    }

    @Override
    public void biasAdd(ByteBuffer z, int zi, int n, float b) {
        int i = 0;
        for (int end = P.loopBound(n); i < end; i += P.length()) {
            store(load(P, z, zi + i).add(b), z, zi + i);
        }
        ScalarLanes.INSTANCE.biasAdd(z, zi + i, n - i, b);
    }

    @Override
    public void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz,
                             int dzi, int n) {
        int i = 0;
        for (int end = P.loopBound(n); i < end; i += P.length()) {
            FloatVector sg = load(P, s, si + i);
            FloatVector d = FloatVector.broadcast(P, 1f).sub(sg).mul(load(P, a, ai + i)).add(sg);
            store(load(P, g, gi + i).mul(d), dz, dzi + i);
        }
        ScalarLanes.INSTANCE.siluBackward(g, gi + i, s, si + i, a, ai + i, dz, dzi + i, n - i);
    }

    @Override
    public void siluBackprop(ByteBuffer x, int xi, ByteBuffer e, int ei, int n) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, x, xi + i);
            FloatVector sg = sigmoid(t, idx);
            FloatVector d = FloatVector.broadcast(F, 1f).sub(sg).mul(t.mul(sg)).add(sg);
            store(load(F, e, ei + i).mul(d), x, xi + i);
        }
        ScalarLanes.INSTANCE.siluBackprop(x, xi + i, e, ei + i, n - i);
    }

    @Override
    public void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi, int n,
                     float beta1, float beta2, float epsilon, float alphaT) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        int i = 0;
        for (int end = P.loopBound(n); i < end; i += P.length()) {
            FloatVector gr = load(P, g, gi + i);
            FloatVector mm = load(P, m, mi + i).mul(beta1).add(gr.mul(c1));
            FloatVector vv = load(P, v, vi + i).mul(beta2).add(gr.mul(gr).mul(c2));
            store(mm, m, mi + i);
            store(vv, v, vi + i);
            FloatVector up = mm.mul(alphaT).div(vv.lanewise(VectorOperators.SQRT).add(epsilon));
            store(load(P, p, pi + i).sub(up), p, pi + i);
        }
        ScalarLanes.INSTANCE.adam(p, pi + i, g, gi + i, m, mi + i, v, vi + i, n - i, beta1, beta2, epsilon, alphaT);
    }

    @Override
    public void siluTangents(ByteBuffer x, int zi, int ti, int ui, int n, float b) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, x, zi + i).add(b);
            FloatVector sg = sigmoid(t, idx);
            FloatVector a = t.mul(sg);
            FloatVector d = FloatVector.broadcast(F, 1f).sub(sg).mul(a).add(sg);
            store(a, x, zi + i);
            store(load(F, x, ti + i).mul(d), x, ti + i);
            store(load(F, x, ui + i).mul(d), x, ui + i);
        }
        ScalarLanes.INSTANCE.siluTangents(x, zi + i, ti + i, ui + i, n - i, b);
    }

    @Override
    public void siluTangentsFirst(ByteBuffer z, int zi, ByteBuffer out, int ai, int ti, int ui, int n, float b,
                                  float wx, float wy) {
        int[] idx = new int[W];
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += W) {
            FloatVector t = load(F, z, zi + i).add(b);
            FloatVector sg = sigmoid(t, idx);
            FloatVector a = t.mul(sg);
            FloatVector d = FloatVector.broadcast(F, 1f).sub(sg).mul(a).add(sg);
            store(a, out, ai + i);
            store(d.mul(wx), out, ti + i);
            store(d.mul(wy), out, ui + i);
        }
        ScalarLanes.INSTANCE.siluTangentsFirst(z, zi + i, out, ai + i, ti + i, ui + i, n - i, b, wx, wy);
    }
}
