package org.flowlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Kernels} on the arrays' own off-heap memory (ND4J's CPU backend): each array is reached through
 * {@code data().asNio()} — a byte buffer over its whole allocation, so a view's element 0 is at float index
 * {@code offset()} — and used only while the caller holds the INDArray (which keeps the memory alive). Work is cut
 * into chunks of {@value #CHUNK} floats, copied into per-thread scratch arrays, run through {@link Lanes}, and copied
 * back (bulk copies: ≈ 0.1 ns per float, see {@link Lanes} for why not in place); columns or ranges are spread over
 * idle cores by {@link KernelWorkers}. Arrays that are not FLOAT, not contiguous in the expected order, or too large
 * for an int index go to {@link Nd4jKernels}, as does everything on CUDA. While the Vector API kernels are still
 * being compiled ({@link KernelWarmUp}) the scalar loops run instead; the results are the same bits either way.
 */
final class BufferKernels extends Kernels {

    static final BufferKernels SCALAR = new BufferKernels("scalar", ScalarLanes.INSTANCE, null);

    /** Floats per scratch array: three or four of them stay in the core's L1/L2 cache. */
    static final int CHUNK = 2048;
    /** Floats per piece handed to {@link KernelWorkers}: large enough that a piece costs ≫ handing it out. */
    private static final int PIECE = 1 << 14;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private final String name;
    private final Lanes lanes;
    private final Nd4jKernels fallback = new Nd4jKernels();

    private static BufferKernels vector;

    /** Null when nothing needs warming up (the scalar loops are plain Java, fast from C1 on). */
    private final KernelWarmUp warmUp;

    private BufferKernels(String name, Lanes lanes, KernelWarmUp warmUp) {
        this.name = name;
        this.lanes = lanes;
        this.warmUp = warmUp;
    }

    /**
     * False while the Vector API kernels are still being compiled: the scalar loops (same bits; plain Java, fast
     * from the first JIT tier on) run meanwhile.
     */
    boolean ready() {
        return warmUp == null || warmUp.ready();
    }

    /** Returns once the kernels run compiled, so tests and benchmarks measure them rather than ND4J's ops. */
    BufferKernels awaitWarm() {
        if (warmUp != null) {
            warmUp.await();
        }
        return this;
    }

    /**
     * The Vector API kernels, or null when the JVM does not resolve {@code jdk.incubator.vector} (it is an
     * incubator module: class-path programs get it only with {@code --add-modules}). One per JVM; the first call
     * starts its {@link KernelWarmUp}.
     */
    static synchronized BufferKernels vector() {
        if (vector != null || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return vector;
        }
        try {
            Lanes v = (Lanes) Class.forName("org.flowlab.nn.VectorLanes").getDeclaredField("INSTANCE").get(null);
            vector = new BufferKernels("vector", v, KernelWarmUp.start(v));
        } catch (ReflectiveOperationException | LinkageError e) {
            vector = null;
        }
        return vector;
    }

    @Override
    String name() {
        return name;
    }

    /**
     * The floats of one array: element k of the array is float {@code base + k} of the buffers (for the orders
     * checked below); {@code bytes} for the in-place kernels, {@code buf} for the chunk copies.
     */
    private record Mem(ByteBuffer bytes, FloatBuffer buf, int base) {
        static Mem of(INDArray x) {
            ByteBuffer b = x.data().asNio().order(NATIVE);
            return new Mem(b, b.asFloatBuffer(), (int) x.offset());
        }

        Mem plus(int floats) {
            return new Mem(bytes, buf, base + floats);
        }

        void get(int k, float[] dst, int n) {
            buf.get(base + k, dst, 0, n);
        }

        void put(int k, float[] src, int n) {
            buf.put(base + k, src, 0, n);
        }
    }

    /** FLOAT, on the host, and every element addressable with an int byte index. */
    private static boolean addressable(INDArray x) {
        return x.dataType() == DataType.FLOAT && !x.isEmpty()
                && 4L * (x.offset() + x.length()) <= Integer.MAX_VALUE;
    }

    /** [rows, cols] stored column by column without gaps: column j starts at element j·rows. */
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
        return HostFloats.rowMajor(b);
    }

    /** Work on floats [start, start + count) of one column or range, in chunks, with this thread's scratch. */
    private interface Chunk {
        void run(int start, int count, float[][] scratch);
    }

    /**
     * Runs chunk(j, r, count, scratch) for rows r … r + count − 1 of every column j of w columns of {@code rows}
     * rows, in chunks; pieces of whole columns go to the workers. The chunk computes its own element indices.
     */
    private static void byColumns(long rows, long w, ColumnChunk chunk) {
        int per = (int) Math.max(1, PIECE / rows);
        int pieces = (int) ((w + per - 1) / per);
        int n = (int) rows;
        KernelWorkers.run(pieces, rows * w >= KernelWorkers.PARALLEL_THRESHOLD, p -> {
            float[][] scratch = SCRATCH.get();
            for (int j = p * per; j < Math.min(w, (long) (p + 1) * per); j++) {
                for (int c = 0; c < n; c += CHUNK) {
                    chunk.run(j, c, Math.min(CHUNK, n - c), scratch);
                }
            }
        });
    }

    private interface ColumnChunk {
        void run(int column, int row, int count, float[][] scratch);
    }

    /** Runs chunk over [0, length) in chunks; pieces of ≈ PIECE floats go to the workers. */
    private static void byRange(long length, Chunk chunk) {
        int pieces = KernelWorkers.pieces(length, PIECE);
        long per = (length + pieces - 1) / pieces;
        KernelWorkers.run(pieces, length >= KernelWorkers.PARALLEL_THRESHOLD, p -> {
            float[][] scratch = SCRATCH.get();
            long end = Math.min(length, (p + 1) * per);
            for (long c = p * per; c < end; c += CHUNK) {
                chunk.run((int) c, (int) Math.min(CHUNK, end - c), scratch);
            }
        });
    }

    @Override
    void siluForward(INDArray z, INDArray b, INDArray s, INDArray a) {
        if (!ready()) {
            SCALAR.siluForward(z, b, s, a);
            return;
        }
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w) || !columns(s, n, w) || !columns(a, n, w)) {
            fallback.siluForward(z, b, s, a);
            return;
        }
        float[] bias = row(b);
        Mem zm = Mem.of(z), sm = Mem.of(s), am = Mem.of(a);
        int rows = (int) n;
        byColumns(n, w, (j, r, count, x) -> {
            int k = j * rows + r;
            zm.get(k, x[0], count);
            lanes.siluForward(x[0], x[1], x[2], count, bias[j]);
            sm.put(k, x[1], count);
            am.put(k, x[2], count);
        });
    }

    @Override
    void siluBias(INDArray z, INDArray b) {
        if (!ready()) {
            SCALAR.siluBias(z, b);
            return;
        }
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w)) {
            fallback.siluBias(z, b);
            return;
        }
        float[] bias = row(b);
        Mem zm = Mem.of(z);
        int rows = (int) n;
        byColumns(n, w, (j, r, count, x) -> {
            int k = j * rows + r;
            zm.get(k, x[0], count);
            lanes.siluBias(x[0], count, bias[j]);
            zm.put(k, x[0], count);
        });
    }

    @Override
    void biasAdd(INDArray z, INDArray b) {
        if (!ready()) {
            SCALAR.biasAdd(z, b);
            return;
        }
        long n = z.size(0);
        long w = z.size(1);
        if (!columns(z, n, w)) {
            fallback.biasAdd(z, b);
            return;
        }
        float[] bias = row(b);
        Mem zm = Mem.of(z);
        int rows = (int) n;
        for (int j = 0; j < w; j++) {
            lanes.biasAdd(zm.bytes(), zm.base() + j * rows, rows, bias[j]);
        }
    }

    @Override
    void siluBackward(INDArray g, INDArray s, INDArray a, INDArray dz) {
        if (!ready()) {
            SCALAR.siluBackward(g, s, a, dz);
            return;
        }
        long n = g.size(0);
        long w = g.size(1);
        if (!columns(g, n, w) || !columns(s, n, w) || !columns(a, n, w) || !columns(dz, n, w)) {
            fallback.siluBackward(g, s, a, dz);
            return;
        }
        Mem gm = Mem.of(g), sm = Mem.of(s), am = Mem.of(a), dm = Mem.of(dz);
        byRange(n * w, (k, count, x) -> lanes.siluBackward(gm.bytes(), gm.base() + k, sm.bytes(), sm.base() + k,
                am.bytes(), am.base() + k, dm.bytes(), dm.base() + k, count));
    }

    @Override
    void adam(INDArray params, INDArray grad, INDArray state, AdamStep step) {
        if (!ready()) {
            SCALAR.adam(params, grad, state, step);
            return;
        }
        long p = params.length();
        if (!flat(params) || !flat(grad) || !flat(state) || grad.length() != p || state.length() != 2 * p) {
            fallback.adam(params, grad, state, step);
            return;
        }
        float beta1 = (float) step.beta1();
        float beta2 = (float) step.beta2();
        float epsilon = (float) step.epsilon();
        float alphaT = alphaT(step, beta1, beta2, epsilon);
        Mem pm = Mem.of(params), gm = Mem.of(grad), mm = Mem.of(state);
        Mem vm = mm.plus((int) p);
        byRange(p, (k, count, x) -> lanes.adam(pm.bytes(), pm.base() + k, gm.bytes(), gm.base() + k, mm.bytes(),
                mm.base() + k, vm.bytes(), vm.base() + k, count, beta1, beta2, epsilon, alphaT));
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
        if (!ready()) {
            SCALAR.siluTangents(stacked, n, b);
            return;
        }
        long w = stacked.size(1);
        if (!columns(stacked, 3L * n, w)) {
            fallback.siluTangents(stacked, n, b);
            return;
        }
        float[] bias = row(b);
        Mem xm = Mem.of(stacked);
        byColumns(n, w, (j, r, count, x) -> {
            int k = j * 3 * n + r;
            xm.get(k, x[0], count);
            xm.get(k + n, x[1], count);
            xm.get(k + 2 * n, x[2], count);
            lanes.siluTangents(x[0], x[1], x[2], count, bias[j]);
            xm.put(k, x[0], count);
            xm.put(k + n, x[1], count);
            xm.put(k + 2 * n, x[2], count);
        });
    }

    @Override
    void siluTangentsFirst(INDArray z, INDArray b, INDArray w, INDArray stacked) {
        if (!ready()) {
            SCALAR.siluTangentsFirst(z, b, w, stacked);
            return;
        }
        long n = z.size(0);
        long cols = z.size(1);
        if (!columns(z, n, cols) || !columns(stacked, 3 * n, cols)) {
            fallback.siluTangentsFirst(z, b, w, stacked);
            return;
        }
        float[] bias = row(b);
        float[] wx = row(w.getRow(0));
        float[] wy = row(w.getRow(1));
        Mem zm = Mem.of(z), om = Mem.of(stacked);
        int rows = (int) n;
        byColumns(n, cols, (j, r, count, x) -> {
            int k = j * 3 * rows + r;
            zm.get(j * rows + r, x[0], count);
            lanes.siluTangentsFirst(x[0], x[1], x[2], count, bias[j], wx[j], wy[j]);
            om.put(k, x[0], count);
            om.put(k + rows, x[1], count);
            om.put(k + 2 * rows, x[2], count);
        });
    }

    @Override
    void silu(INDArray x) {
        if (!ready()) {
            SCALAR.silu(x);
            return;
        }
        if (!flat(x)) {
            fallback.silu(x);
            return;
        }
        Mem xm = Mem.of(x);
        byRange(x.length(), (k, count, sc) -> {
            xm.get(k, sc[0], count);
            lanes.siluBias(sc[0], count, -0f);      // + (−0) is the identity: plain SiLU
            xm.put(k, sc[0], count);
        });
    }

    @Override
    void siluBackprop(INDArray x, INDArray e) {
        if (!ready()) {
            SCALAR.siluBackprop(x, e);
            return;
        }
        if (!flat(x) || !flat(e) || !x.equalShapes(e) || x.ordering() != e.ordering()) {
            fallback.siluBackprop(x, e);
            return;
        }
        Mem xm = Mem.of(x), em = Mem.of(e);
        byRange(x.length(), (k, count, sc) -> {
            xm.get(k, sc[0], count);
            em.get(k, sc[1], count);
            lanes.siluBackprop(sc[0], sc[1], count);
            xm.put(k, sc[0], count);
        });
    }
}
