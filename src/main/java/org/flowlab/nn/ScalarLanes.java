package org.flowlab.nn;

import java.nio.ByteBuffer;

/**
 * {@link Lanes} one float at a time: the fallback when the JVM runs without {@code jdk.incubator.vector}, the tails
 * of {@code VectorLanes}, and a readable statement of each kernel's arithmetic. Java never fuses a multiply and an
 * add, so each line rounds exactly where ND4J's op does.
 */
final class ScalarLanes implements Lanes {

    static final ScalarLanes INSTANCE = new ScalarLanes();

    private ScalarLanes() {
    }

    private static float get(ByteBuffer b, int i) {
        return b.getFloat(i << 2);
    }

    private static void put(ByteBuffer b, int i, float v) {
        b.putFloat(i << 2, v);
    }

    @Override
    public void siluForward(ByteBuffer z, int zi, ByteBuffer s, int si, ByteBuffer a, int ai, int n, float b) {
        for (int i = 0; i < n; i++) {
            float t = get(z, zi + i) + b;
            float sg = ExactExp.sigmoid(t);
            put(s, si + i, sg);
            put(a, ai + i, t * sg);
        }
    }

    @Override
    public void siluBias(ByteBuffer z, int zi, int n, float b) {
        for (int i = 0; i < n; i++) {
            float t = get(z, zi + i) + b;
            put(z, zi + i, t * ExactExp.sigmoid(t));
        }
    }

    @Override
    public void silu(ByteBuffer x, int xi, int n) {
        for (int i = 0; i < n; i++) {
            float t = get(x, xi + i);
            put(x, xi + i, t * ExactExp.sigmoid(t));
        }
    }

    @Override
    public void biasAdd(ByteBuffer z, int zi, int n, float b) {
        for (int i = 0; i < n; i++) {
            put(z, zi + i, get(z, zi + i) + b);
        }
    }

    @Override
    public void siluBackward(ByteBuffer g, int gi, ByteBuffer s, int si, ByteBuffer a, int ai, ByteBuffer dz,
                             int dzi, int n) {
        for (int i = 0; i < n; i++) {
            float sg = get(s, si + i);
            put(dz, dzi + i, get(g, gi + i) * ((1f - sg) * get(a, ai + i) + sg));
        }
    }

    @Override
    public void siluBackprop(ByteBuffer x, int xi, ByteBuffer e, int ei, int n) {
        for (int i = 0; i < n; i++) {
            float t = get(x, xi + i);
            float sg = ExactExp.sigmoid(t);
            put(x, xi + i, get(e, ei + i) * ((1f - sg) * (t * sg) + sg));
        }
    }

    @Override
    public void adam(ByteBuffer p, int pi, ByteBuffer g, int gi, ByteBuffer m, int mi, ByteBuffer v, int vi, int n,
                     float beta1, float beta2, float epsilon, float alphaT) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gr = get(g, gi + i);
            float mm = beta1 * get(m, mi + i) + gr * c1;
            float vv = beta2 * get(v, vi + i) + gr * gr * c2;
            put(m, mi + i, mm);
            put(v, vi + i, vv);
            put(p, pi + i, get(p, pi + i) - (mm * alphaT) / ((float) Math.sqrt(vv) + epsilon));
        }
    }

    @Override
    public void siluTangents(ByteBuffer x, int zi, int ti, int ui, int n, float b) {
        for (int i = 0; i < n; i++) {
            float t = get(x, zi + i) + b;
            float sg = ExactExp.sigmoid(t);
            float a = t * sg;
            float d = (1f - sg) * a + sg;
            put(x, zi + i, a);
            put(x, ti + i, get(x, ti + i) * d);
            put(x, ui + i, get(x, ui + i) * d);
        }
    }

    @Override
    public void siluTangentsFirst(ByteBuffer z, int zi, ByteBuffer out, int ai, int ti, int ui, int n, float b,
                                  float wx, float wy) {
        for (int i = 0; i < n; i++) {
            float t = get(z, zi + i) + b;
            float sg = ExactExp.sigmoid(t);
            float a = t * sg;
            float d = (1f - sg) * a + sg;
            put(out, ai + i, a);
            put(out, ti + i, d * wx);
            put(out, ui + i, d * wy);
        }
    }
}
