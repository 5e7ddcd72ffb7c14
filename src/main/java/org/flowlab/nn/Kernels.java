package org.flowlab.nn;

import org.flowlab.compute.Nd4jBackend;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise steps of the networks' passes, over ND4J arrays: SiLU fused with the bias add, its derivative
 * from the saved sigmoid, the forward-mode SiLU of the exact divergence, and Adam fused into one pass over the
 * parameters. ND4J keeps the parameters, the products ({@code Nd4j.gemm}) and the layers; these replace only
 * element-wise ops that libnd4j 1.0.0-M2.1 runs one scalar {@code expf} at a time (≈ 3 ns per value).
 *
 * <p>Three implementations with the same float arithmetic, so the same results bit for bit (the tests check it):
 * <ul>
 *   <li>{@link Nd4jKernels}: ND4J's own ops — on CUDA, where the buffers live on the device, and the tests' oracle;</li>
 *   <li>{@link BufferKernels} with {@code VectorLanes}: the Java Vector API on the arrays' off-heap buffers, in
 *   place (the default on the CPU when the JVM resolves {@code jdk.incubator.vector}; the launcher adds it);</li>
 *   <li>{@link BufferKernels} with {@link ScalarLanes}: the same loops one float at a time, when it does not.</li>
 * </ul>
 * {@code -Dflowlab.kernels=nd4j|scalar|vector} forces one (for benchmarks and tests).
 *
 * <p>Shapes: z, s, a, g, dz are [n, w] in column-major ('f') order — column j is n consecutive floats, which is
 * what {@code Nd4j.gemm} writes — and b is a row [1, w] added to every row. A stacked array [3n, w] holds a
 * layer's pre-activations Z (rows 0…n−1) and their derivatives along the inputs x and y (rows n…2n−1,
 * 2n…3n−1). Arrays in other layouts go to ND4J's ops. Calls may overwrite inputs that are not outputs unless said.
 */
abstract class Kernels {

    /** Adam's constants for one step: DL4J's learning rate, betas, ε, and the iteration (from 0). */
    record AdamStep(double learningRate, double beta1, double beta2, double epsilon, int iteration) {
    }

    /** "vector", "scalar" or "nd4j". */
    abstract String name();

    /** s = σ(z + b), a = (z + b)·s (training: both are kept for the backward pass). z may be overwritten. */
    abstract void siluForward(INDArray z, INDArray b, INDArray s, INDArray a);

    /** z ← SiLU(z + b) in place (prediction). */
    abstract void siluBias(INDArray z, INDArray b);

    /** z ← z + b. */
    abstract void biasAdd(INDArray z, INDArray b);

    /** dz = g ⊙ ((1 − s) ⊙ a + s) = g ⊙ SiLU′(z), from the saved s = σ(z) and a = z·s. dz may be g. */
    abstract void siluBackward(INDArray g, INDArray s, INDArray a, INDArray dz);

    /**
     * One Adam step on flat parameters [P] with gradient [P] and DL4J's state [2P] (m then v), as ND4J's
     * {@code adam_updater} op followed by θ ← θ − update. The gradient may be overwritten.
     */
    abstract void adam(INDArray params, INDArray grad, INDArray state, AdamStep step);

    /**
     * Forward-mode SiLU on a stacked [3n, w] array: with t = Z + b, s = σ(t), d = SiLU′(t): Z ← t·s,
     * Ẋ ← Ẋ ⊙ d, Ẏ ← Ẏ ⊙ d.
     */
    abstract void siluTangents(INDArray stacked, int n, INDArray b);

    /**
     * The first layer's forward-mode SiLU: z [n, w] holds X·W without bias, and the pre-activations' derivatives
     * along x and y are W's rows 0 and 1; writes [t·s; d ⊙ W₀; d ⊙ W₁] into stacked [3n, w].
     */
    abstract void siluTangentsFirst(INDArray z, INDArray b, INDArray w, INDArray stacked);

    /** x ← SiLU(x) element-wise, any shape (DL4J activation). */
    abstract void silu(INDArray x);

    /** x ← e ⊙ SiLU′(x) element-wise, σ recomputed (DL4J activation backprop; x is the pre-activation). */
    abstract void siluBackprop(INDArray x, INDArray e);

    private static volatile Kernels cpu;

    /**
     * The kernels for this backend: ND4J's ops on CUDA, otherwise {@code flowlab.kernels} or the fastest available.
     * A new {@link Nd4jKernels} each time (it has no state shared between owners); the buffer kernels are shared.
     */
    static Kernels forBackend() {
        String forced = System.getProperty("flowlab.kernels", "");
        if (Nd4jBackend.isCuda() || forced.equals("nd4j")) {
            return new Nd4jKernels();
        }
        if (forced.equals("scalar")) {
            return BufferKernels.SCALAR;
        }
        Kernels k = cpu;
        if (k == null) {
            k = BufferKernels.vector();
            cpu = k = k != null ? k : BufferKernels.SCALAR;
        }
        return k;
    }
}
