package org.flowlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The buffer kernels (Vector API and scalar) against ND4J's own ops as the oracle. The arithmetic is the same
 * float operations in the same order and e^x is glibc's {@code expf} algorithm ({@link ExactExp}), so on Linux —
 * where libnd4j calls glibc — every value must be equal bit for bit; elsewhere within 1e-6 relative. Inputs cover
 * the SiLU's tails (|t| up to 120, past e^x's overflow and underflow), column lengths that are not a multiple of
 * the lane count (the scalar tails), views at an offset inside a larger buffer, and sizes large enough to be split
 * over the helper threads.
 */
class KernelsTest {

    private static final boolean EXACT = System.getProperty("os.name", "").toLowerCase().contains("linux");

    private static List<Kernels> candidates() {
        Kernels vector = BufferKernels.vector();
        assertNotNull(vector, "the tests run with --add-modules jdk.incubator.vector (pom.xml), so the Vector API "
                + "kernels must load");
        BufferKernels warm = ((BufferKernels) vector).awaitWarm();
        assertTrue(warm.ready(), "the warm-up hands over to the vector kernels (else ND4J would be tested against "
                + "itself)");
        return List.of(warm, BufferKernels.SCALAR);
    }

    /** An [n, w] column-major array of values spread as N(0, scale²) with a few extremes, as a view at an offset. */
    private static INDArray columns(int n, int w, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int offset = 13;
        INDArray flat = Nd4j.create(DataType.FLOAT, offset + (long) n * w + 5);
        for (int i = 0; i < n * w; i++) {
            double v = i % 97 == 0 ? (r.nextBoolean() ? 1 : -1) * (80 + 40 * r.nextDouble()) : scale * r.nextGaussian();
            flat.putScalar(offset + i, v);
        }
        return flat.get(NDArrayIndex.interval(offset, offset + (long) n * w)).reshape('f', n, w);
    }

    private static void assertSameValues(INDArray expected, INDArray actual, String what) {
        float[] e = expected.dup('f').data().asFloat();
        float[] a = actual.dup('f').data().asFloat();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            boolean same = Float.floatToIntBits(e[i]) == Float.floatToIntBits(a[i])
                    || Float.isNaN(e[i]) && Float.isNaN(a[i])
                    || !EXACT && Math.abs(e[i] - a[i]) <= 1e-6 * Math.max(1e-6, Math.abs(e[i]));
            if (!same) {
                fail(what + ": element " + i + " is " + a[i] + ", ND4J gives " + e[i]);
            }
        }
    }

    @Test
    void exactExpIsLibnd4jsExpBitForBit() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 200_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < n / 2 ? (float) (220 * r.nextDouble() - 110) : (float) (5 * r.nextGaussian());
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
            ExactExp.OVERFLOW, Math.nextUp(ExactExp.OVERFLOW), ExactExp.UNDERFLOW, Math.nextDown(ExactExp.UNDERFLOW),
            88f, -88f, -103.5f, 1e-30f};
        System.arraycopy(special, 0, x, 0, special.length);
        INDArray in = Nd4j.create(x, new long[]{n}, DataType.FLOAT);
        INDArray expected = Transforms.exp(in, true);
        INDArray ours = Nd4j.create(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            ours.putScalar(i, ExactExp.expf(x[i]));
        }
        assertSameValues(expected, ours, "e^x");
        // The table is 2^(j/32): a typo in a constant would show here even where ND4J is not glibc.
        for (int j = 0; j < ExactExp.N; j++) {
            double s = Double.longBitsToDouble(ExactExp.T[j] + ((long) j << 47));
            assertEquals(Math.pow(2, j / 32.0), s, Math.ulp(s), "table entry " + j);
        }
    }

    @Test
    void siluKernelsEqualNd4jsSwishAndSigmoid() {
        for (Kernels k : candidates()) {
            for (int[] shape : new int[][]{{37, 5}, {1100, 70}, {3, 2}}) {
                int n = shape[0];
                int w = shape[1];
                INDArray z = columns(n, w, 4, n);
                INDArray b = columns(1, w, 1, 7).reshape(1, w);
                Kernels oracle = new Nd4jKernels();
                INDArray s0 = Nd4j.create(DataType.FLOAT, new long[]{n, w}, 'f');
                INDArray a0 = Nd4j.create(DataType.FLOAT, new long[]{n, w}, 'f');
                oracle.siluForward(z.dup('f'), b, s0, a0);
                INDArray s1 = columns(n, w, 1, 99);
                INDArray a1 = columns(n, w, 1, 98);
                k.siluForward(z.dup('f'), b, s1, a1);
                assertSameValues(s0, s1, k.name() + " σ(z + b) " + n + "×" + w);
                assertSameValues(a0, a1, k.name() + " SiLU(z + b) " + n + "×" + w);

                INDArray inPlace = z.dup('f');
                k.siluBias(inPlace, b);
                assertSameValues(a0, inPlace, k.name() + " SiLU(z + b) in place");
                INDArray plus = z.dup('f');
                k.biasAdd(plus, b);
                assertSameValues(z.addRowVector(b), plus, k.name() + " z + b");

                INDArray swish = z.dup('c');
                Nd4j.exec(new Swish(swish, swish));
                INDArray ours = z.dup('c');
                k.silu(ours);
                assertSameValues(swish, ours, k.name() + " swish");
            }
        }
    }

    @Test
    void derivativesEqualTheNd4jOpsAndDl4jsSwishDerivative() {
        for (Kernels k : candidates()) {
            int n = 1100;
            int w = 70;
            INDArray z = columns(n, w, 4, 3);
            INDArray s = Transforms.sigmoid(z, true);
            INDArray a = z.mul(s);
            INDArray g = columns(n, w, 1, 4);
            INDArray dz0 = Nd4j.create(DataType.FLOAT, new long[]{n, w}, 'f');
            new Nd4jKernels().siluBackward(g, s, a, dz0);
            INDArray dz1 = Nd4j.create(DataType.FLOAT, new long[]{n, w}, 'f');
            k.siluBackward(g, s, a, dz1);
            assertSameValues(dz0, dz1, k.name() + " dZ");

            INDArray x0 = z.dup('c');
            new Nd4jKernels().siluBackprop(x0, g.dup('c'));
            INDArray x1 = z.dup('c');
            k.siluBackprop(x1, g.dup('c'));
            assertSameValues(x0, x1, k.name() + " activation backprop");

            // DL4J's SWISH derivative is other arithmetic (powf): equal within float rounding where it is finite.
            INDArray moderate = columns(200, 9, 3, 5);
            INDArray ones = Nd4j.ones(DataType.FLOAT, 200, 9);
            INDArray ref = new ActivationSwish().backprop(moderate.dup(), ones.dup()).getFirst();
            INDArray ours = moderate.dup();
            k.siluBackprop(ours, ones);
            for (int i = 0; i < ref.length(); i++) {
                double e = ref.getDouble(i);
                if (Double.isFinite(e) && Math.abs(moderate.getDouble(i)) < 30) {
                    assertEquals(e, ours.getDouble(i), 2e-6 * Math.max(1, Math.abs(e)), "SiLU′ at " + moderate.getDouble(i));
                }
            }
        }
    }

    @Test
    void fusedAdamEqualsNd4jsAdamUpdaterAtManyIterations() {
        for (Kernels k : candidates()) {
            int p = 70_001;
            for (int iteration : new int[]{0, 1, 2, 9, 99, 1000, 123_456}) {
                INDArray params = columns(p, 1, 0.3, iteration).reshape(p);
                INDArray state = Nd4j.concat(0, columns(p, 1, 1e-2, 11).reshape(p),
                        Transforms.abs(columns(p, 1, 1e-3, 12).reshape(p)));
                INDArray grad = columns(p, 1, 0.1, 13).reshape(p);
                Kernels.AdamStep step = new Kernels.AdamStep(3e-3, 0.9, 0.999, 1e-8, iteration);
                INDArray p0 = params.dup();
                INDArray st0 = state.dup();
                new Nd4jKernels().adam(p0, grad.dup(), st0, step);
                INDArray p1 = params.dup();
                INDArray st1 = state.dup();
                k.adam(p1, grad.dup(), st1, step);
                assertSameValues(st0, st1, k.name() + " Adam moments, iteration " + iteration);
                assertSameValues(p0, p1, k.name() + " parameters after Adam, iteration " + iteration);
                assertTrue(p1.sub(params).amaxNumber().doubleValue() > 1e-4, "the step moved the parameters");
            }
        }
    }

    @Test
    void forwardModeKernelsEqualTheNd4jOps() {
        for (Kernels k : candidates()) {
            int n = 530;
            int w = 33;
            INDArray stacked = columns(3 * n, w, 3, 21);
            INDArray b = columns(1, w, 1, 22).reshape(1, w);
            INDArray expected = stacked.dup('f');
            new Nd4jKernels().siluTangents(expected, n, b);
            INDArray ours = stacked.dup('f');
            k.siluTangents(ours, n, b);
            assertSameValues(expected, ours, k.name() + " forward-mode SiLU");

            INDArray z = columns(n, w, 3, 23);
            INDArray weights = columns(4, w, 1, 24);
            INDArray first0 = Nd4j.create(DataType.FLOAT, new long[]{3L * n, w}, 'f');
            new Nd4jKernels().siluTangentsFirst(z.dup('f'), b, weights, first0);
            INDArray first1 = Nd4j.create(DataType.FLOAT, new long[]{3L * n, w}, 'f');
            k.siluTangentsFirst(z.dup('f'), b, weights, first1);
            assertSameValues(first0, first1, k.name() + " first layer's forward-mode SiLU");
        }
    }

    /** A short training run: the buffer kernels inside MlpCompute give the ND4J-op path's numbers bit for bit. */
    @Test
    void trainingWithTheKernelsMatchesTheNd4jOpsBitForBit() {
        ModelConfig config = new ModelConfig(NetworkKind.MLP, new int[]{64, 70, 32}, 0, 1.0, "ot", 5);
        for (Kernels k : candidates()) {
            MlpNet net = (MlpNet) Networks.build(config, 3e-3);
            MlpCompute ours = new MlpCompute(net.network(), k);
            MlpNet ref = (MlpNet) Networks.build(config, 3e-3);
            MlpCompute refCompute = new MlpCompute(ref.network(), new Nd4jKernels());
            for (int step = 0; step < 8; step++) {
                int n = step % 3 == 0 ? 1100 : 61 + step;
                INDArray[] batch = batch(n, 40 + step);
                INDArray features = net.features(batch[0], batch[1]);
                double lo = ours.fit(features, batch[2]);
                double lr = refCompute.fit(features, batch[2]);
                assertEquals(lr, lo, EXACT ? 0 : 1e-6 * lr, k.name() + " loss at step " + step);
            }
            assertSameValues(ref.params(), net.params(), k.name() + " parameters after 8 steps");
            assertSameValues(ref.updaterState(), net.updaterState(), k.name() + " Adam state after 8 steps");
            INDArray[] probe = batch(777, 3);
            INDArray f = net.features(probe[0], probe[1]);
            assertSameValues(refCompute.predict(f), ours.predict(f), k.name() + " prediction after training");
        }
    }

    private static INDArray[] batch(int n, long seed) {
        INDArray x = columns(n, 2, 2, seed).dup('c');
        INDArray t = Transforms.sigmoid(columns(n, 1, 1, seed + 1), true).dup('c');
        INDArray u = columns(n, 2, 2, seed + 2).dup('c');
        return new INDArray[]{Transforms.max(Transforms.min(x, 6), -6), t, Transforms.max(Transforms.min(u, 6), -6)};
    }

    @Test
    void workersRunEveryPieceOnceAndReportFailures() {
        int count = 1000;
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        KernelWorkers.run(count, true, runs::incrementAndGet);
        for (int i = 0; i < count; i++) {
            assertEquals(1, runs.get(i), "piece " + i);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelWorkers.run(50, true, p -> {
            if (p == 37) {
                throw new IllegalStateException("piece 37");
            }
        }));
        assertEquals("piece 37", e.getMessage());
    }
}
