package org.flowlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Kernels} running {@link Lanes} loops in place on the arrays' own off-heap memory (ND4J's CPU backend),
 * split by columns or ranges over {@link KernelWorkers}. An array is reached through
 * {@code data().asNio()} — a byte buffer over the whole underlying allocation, so a view's first element is at
 * float index {@code offset()} — and used only while the caller holds the INDArray (which keeps the memory alive).
 * Arrays that are not FLOAT, not contiguous in the expected order, or too large for an int byte index go to
 * {@link Nd4jKernels}, as does everything on CUDA.
 */
final class BufferKernels extends Kernels {

    static final BufferKernels SCALAR = new BufferKernels("scalar", ScalarLanes.INSTANCE);

    /** Floats per piece handed to {@link KernelWorkers}: large enough that a piece costs ≫ handing it out. */
    private static final int PIECE = 1 << 14;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final String name;
    private final Lanes lanes;
    private final Nd4jKernels fallback = new Nd4jKernels();

    private BufferKernels(String name, Lanes lanes) {
        this.name = name;
        this.lanes = lanes;
    }

    /**
     * The Vector API kernels, or null when the JVM does not resolve {@code jdk.incubator.vector} (it is an
     * incubator module: class-path programs get it only with {@code --add-modules}).
     */
    static BufferKernels vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Lanes v = (Lanes) Class.forName("org.flowlab.nn.VectorLanes").getDeclaredField("INSTANCE").get(null);
            return new BufferKernels("vector", v);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    String name() {
        return name;
    }

    private static ByteBuffer buffer(INDArray x) {
        return x.data().asNio().order(NATIVE);
    }

    private static int at(INDArray x) {
        return (int) x.offset();
    }

    /** FLOAT, on the host, and every element addressable with an int byte index. */
    private static boolean addressable(INDArray x) {
        return x.dataType() == DataType.FLOAT && !x.isEmpty()
                && 4L * (x.offset() + x.length()) <= Integer.MAX_VALUE;
    }

    /** [rows, cols] stored column by column without gaps: column j starts at offset + j·rows. */
    private static boolean columns(INDArray x, long rows, long cols) {
        return addressable(x) && x.rank() == 2 && x.size(0) == rows && x.size(1) == cols
                && (x.stride(0) == 1 || rows == 1) && (x.stride(1) == rows || cols == 1);
    }

    /** Contiguous in memory (in its own order), so element-wise work can run over the flat range. */
    private static boolean flat(INDArray x) {
        return addressable(x) && (x.length() == 1 || x.elementWiseStride() == 1);
    }

    /** b as floats; [1, w] or [w]. */
    private static float[] row(INDArray b) {
        return b.dup().data().asFloat();
    }

    /** Splits w columns of n rows into pieces of ≈ PIECE floats and runs body(first column, column count). */
    private static void byColumns(long n, long w, ColumnBody body) {
        int per = (int) Math.max(1, PIECE / n);
        int pieces = (int) ((w + per - 1) / per);
        KernelWorkers.run(pieces, n * w >= KernelWorkers.PARALLEL_THRESHOLD, p -> {
            int first = p * per;
            body.run(first, (int) Math.min(per, w - first));
        });
    }

    /** Splits a flat range of length floats into pieces and runs body(start, count). */
    private static void byRange(long length, ColumnBody body) {
        int pieces = KernelWorkers.pieces(length, PIECE);
        long per = (length + pieces - 1) / pieces;
        KernelWorkers.run(pieces, length >= KernelWorkers.PARALLEL_THRESHOLD, p -> {
            long start = p * per;
            body.run((int) start, (int) Math.min(per, length - start));
        });
    }

    private interface ColumnBody {
        void run(int first, int count);
    }

    @Override
    void siluForward(INDArray z, INDArray b, INDArray s, INDArray a) {
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w) || !columns(s, n, w) || !columns(a, n, w)) {
            fallback.siluForward(z, b, s, a);
            return;
        }
        float[] bias = row(b);
        ByteBuffer zb = buffer(z), sb = buffer(s), ab = buffer(a);
        int zi = at(z), si = at(s), ai = at(a), rows = (int) n;
        byColumns(n, w, (first, count) -> {
            for (int j = first; j < first + count; j++) {
                lanes.siluForward(zb, zi + j * rows, sb, si + j * rows, ab, ai + j * rows, rows, bias[j]);
            }
        });
    }

    @Override
    void siluBias(INDArray z, INDArray b) {
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w)) {
            fallback.siluBias(z, b);
            return;
        }
        float[] bias = row(b);
        ByteBuffer zb = buffer(z);
        int zi = at(z), rows = (int) n;
        byColumns(n, w, (first, count) -> {
            for (int j = first; j < first + count; j++) {
                lanes.siluBias(zb, zi + j * rows, rows, bias[j]);
            }
        });
    }

    @Override
    void biasAdd(INDArray z, INDArray b) {
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w)) {
            fallback.biasAdd(z, b);
            return;
        }
        float[] bias = row(b);
        ByteBuffer zb = buffer(z);
        int zi = at(z), rows = (int) n;
        for (int j = 0; j < w; j++) {
            lanes.biasAdd(zb, zi + j * rows, rows, bias[j]);
        }
    }

    @Override
    void siluBackward(INDArray g, INDArray s, INDArray a, INDArray dz) {
        long n = g.size(0);
        long w = g.size(1);
        if (!columns(g, n, w) || !columns(s, n, w) || !columns(a, n, w) || !columns(dz, n, w)) {
            fallback.siluBackward(g, s, a, dz);
            return;
        }
        ByteBuffer gb = buffer(g), sb = buffer(s), ab = buffer(a), db = buffer(dz);
        int gi = at(g), si = at(s), ai = at(a), di = at(dz);
        long total = n * w;
        byRange(total, (start, count) ->
                lanes.siluBackward(gb, gi + start, sb, si + start, ab, ai + start, db, di + start, count));
    }

    @Override
    void adam(INDArray params, INDArray grad, INDArray state, AdamStep step) {
        long p = params.length();
        if (!flat(params) || !flat(grad) || !flat(state) || grad.length() != p || state.length() != 2 * p) {
            fallback.adam(params, grad, state, step);
            return;
        }
        float beta1 = (float) step.beta1();
        float beta2 = (float) step.beta2();
        float epsilon = (float) step.epsilon();
        float alphaT = alphaT(step, beta1, beta2, epsilon);
        ByteBuffer pb = buffer(params), gb = buffer(grad), stb = buffer(state);
        int pi = at(params), gi = at(grad), mi = at(state), vi = mi + (int) p;
        byRange(p, (start, count) -> lanes.adam(pb, pi + start, gb, gi + start, stb, mi + start, stb, vi + start,
                count, beta1, beta2, epsilon, alphaT));
    }

    /**
     * Adam's bias-corrected step size as {@code adam_updater} computes it in float:
     * α_t = lr·√(1 − β₂^(k+1)) / (1 − β₁^(k+1)) (ε when that is 0 or not finite). β^(k+1) comes from ND4J's own
     * {@code pow} (C's {@code powf}, which is not correctly rounded), so α_t has the op's bits.
     */
    static float alphaT(AdamStep step, float beta1, float beta2, float epsilon) {
        INDArray betas = Nd4j.createFromArray(beta1, beta2);
        float[] pow = Transforms.pow(betas, (float) step.iteration() + 1f, false).data().asFloat();
        float lr = (float) step.learningRate();
        float a = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - pow[1]))) / (1.0 - pow[0]));
        return Float.isNaN(a) || a == 0 || Float.isInfinite(a) ? epsilon : a;
    }

    @Override
    void siluTangents(INDArray stacked, int n, INDArray b) {
        long w = stacked.size(1);
        if (!columns(stacked, 3L * n, w)) {
            fallback.siluTangents(stacked, n, b);
            return;
        }
        float[] bias = row(b);
        ByteBuffer xb = buffer(stacked);
        int xi = at(stacked);
        byColumns(3L * n, w, (first, count) -> {
            for (int j = first; j < first + count; j++) {
                int col = xi + j * 3 * n;
                lanes.siluTangents(xb, col, col + n, col + 2 * n, n, bias[j]);
            }
        });
    }

    @Override
    void siluTangentsFirst(INDArray z, INDArray b, INDArray w, INDArray stacked) {
        long n = z.size(0);
        long cols = z.size(1);
        if (!columns(z, n, cols) || !columns(stacked, 3 * n, cols)) {
            fallback.siluTangentsFirst(z, b, w, stacked);
            return;
        }
        float[] bias = row(b);
        float[] wx = row(w.getRow(0));
        float[] wy = row(w.getRow(1));
        ByteBuffer zb = buffer(z), ob = buffer(stacked);
        int zi = at(z), oi = at(stacked), rows = (int) n;
        byColumns(3 * n, cols, (first, count) -> {
            for (int j = first; j < first + count; j++) {
                int col = oi + j * 3 * rows;
                lanes.siluTangentsFirst(zb, zi + j * rows, ob, col, col + rows, col + 2 * rows, rows, bias[j],
                        wx[j], wy[j]);
            }
        });
    }

    @Override
    void silu(INDArray x) {
        if (!flat(x)) {
            fallback.silu(x);
            return;
        }
        ByteBuffer xb = buffer(x);
        int xi = at(x);
        byRange(x.length(), (start, count) -> lanes.silu(xb, xi + start, count));
    }

    @Override
    void siluBackprop(INDArray x, INDArray e) {
        if (!flat(x) || !flat(e) || !x.equalShapes(e) || x.ordering() != e.ordering()) {
            fallback.siluBackprop(x, e);
            return;
        }
        ByteBuffer xb = buffer(x), eb = buffer(e);
        int xi = at(x), ei = at(e);
        byRange(x.length(), (start, count) -> lanes.siluBackprop(xb, xi + start, eb, ei + start, count));
    }
}
