package org.flowlab.nn;

import java.nio.ByteBuffer;

/**
 * {@link Lanes} one float at a time: the fallback when the JVM runs without {@code jdk.incubator.vector}, the tails
 * of {@code VectorLanes}, and a readable statement of each kernel's arithmetic. Java never fuses a multiply and an
 * add, so each line rounds exactly where ND4J's op does. Loops start at {@code from} so the vector kernels can hand
 * over their tails.
 */
final class ScalarLanes implements Lanes {

    static final ScalarLanes INSTANCE = new ScalarLanes();

    private ScalarLanes() {
    }

    @Override
    public void siluForward(float[] z, float[] s, float[] a, int n, float b) {
        siluForward(z, s, a, 0, n, b);
    }

    static void siluForward(float[] z, float[] s, float[] a, int from, int n, float b) {
        for (int i = from; i < n; i++) {
            float t = z[i] + b;
            float sg = ExactExp.sigmoid(t);
            s[i] = sg;
            a[i] = t * sg;
        }
    }

    @Override
    public void siluBias(float[] z, int n, float b) {
        siluBias(z, 0, n, b);
    }

    static void siluBias(float[] z, int from, int n, float b) {
        for (int i = from; i < n; i++) {
            float t = z[i] + b;
            z[i] = t * ExactExp.sigmoid(t);
        }
    }

    private static float get(ByteBuffer b, int i) {
        return b.getFloat(i << 2);
    }

    private static void put(ByteBuffer b, int i, float v) {
        b.putFloat(i << 2, v);
    }

    @Override
    public void biasAdd(ByteBuffer z, int zi, int n, float b) {
        biasAdd(z, zi, 0, n, b);
    }

    static void biasAdd(ByteBuffer z, int zi, int from, int n, float b) {
        for (int i = from; i < n; i++) {
            put(z, zi + i, get(z, zi + i) + b);
        }
    }

    @Override
    public void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz,
                             int dzi, int n) {
        siluBackward(g, gi, s, si, a, ai, dz, dzi, 0, n);
    }

    static void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz,
                             int dzi, int from, int n) {
        for (int i = from; i < n; i++) {
            float sg = get(s, si + i);
            put(dz, dzi + i, get(g, gi + i) * ((1f - sg) * get(a, ai + i) + sg));
        }
    }

    @Override
    public void siluBackprop(float[] x, float[] e, int n) {
        siluBackprop(x, e, 0, n);
    }

    static void siluBackprop(float[] x, float[] e, int from, int n) {
        for (int i = from; i < n; i++) {
            float t = x[i];
            float sg = ExactExp.sigmoid(t);
            x[i] = e[i] * ((1f - sg) * (t * sg) + sg);
        }
    }

    @Override
    public void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi, int n,
                     float beta1, float beta2, float epsilon, float alphaT) {
        adam(p, pi, g, gi, m, mi, v, vi, 0, n, beta1, beta2, epsilon, alphaT);
    }

    static void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi,
                     int from, int n, float beta1, float beta2, float epsilon, float alphaT) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        for (int i = from; i < n; i++) {
            float gr = get(g, gi + i);
            float mm = beta1 * get(m, mi + i) + gr * c1;
            float vv = beta2 * get(v, vi + i) + gr * gr * c2;
            put(m, mi + i, mm);
            put(v, vi + i, vv);
            put(p, pi + i, get(p, pi + i) - (mm * alphaT) / ((float) Math.sqrt(vv) + epsilon));
        }
    }

    @Override
    public void siluTangents(float[] z, float[] tx, float[] ty, int n, float b) {
        siluTangents(z, tx, ty, 0, n, b);
    }

    static void siluTangents(float[] z, float[] tx, float[] ty, int from, int n, float b) {
        for (int i = from; i < n; i++) {
            float t = z[i] + b;
            float sg = ExactExp.sigmoid(t);
            float a = t * sg;
            float d = (1f - sg) * a + sg;
            z[i] = a;
            tx[i] = tx[i] * d;
            ty[i] = ty[i] * d;
        }
    }

    @Override
    public void siluTangentsFirst(float[] z, float[] tx, float[] ty, int n, float b, float wx, float wy) {
        siluTangentsFirst(z, tx, ty, 0, n, b, wx, wy);
    }

    static void siluTangentsFirst(float[] z, float[] tx, float[] ty, int from, int n, float b, float wx, float wy) {
        for (int i = from; i < n; i++) {
            float t = z[i] + b;
            float sg = ExactExp.sigmoid(t);
            float a = t * sg;
            float d = (1f - sg) * a + sg;
            z[i] = a;
            tx[i] = d * wx;
            ty[i] = d * wy;
        }
    }
}
