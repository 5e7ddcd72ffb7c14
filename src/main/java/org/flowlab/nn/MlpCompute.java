package org.flowlab.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The MLP's forward pass, MSE gradient and Adam step on arrays allocated once per batch size, working on the
 * parameters and Adam state of a DL4J {@link MultiLayerNetwork} (so the network, its files and its snapshots are
 * unchanged): products as {@code Nd4j.gemm}, the element-wise steps (bias + SiLU, SiLU′, Adam) as {@link Kernels}
 * — the Java Vector API on the CPU, ND4J's ops on CUDA, the same bits either way. Same mathematics as
 * {@code MultiLayerNetwork.fit}; {@code MlpComputeTest} checks parameters against DL4J's after several steps, and
 * {@code KernelsTest} a training run of the buffer kernels against the ND4J ops bit for bit.
 *
 * <p>Why: profiling {@code fit} at batch 1024 (ND4J OpProfiler, perf) showed per step 16 matmuls through
 * libnd4j's Mmul op (≈ 40 GFLOP/s, with a layout copy of every result) where {@code Nd4j.gemm} into an
 * F-ordered array reaches ≈ 140; ten extra assign copies; and DL4J's SWISH derivative costing twice the
 * forward SiLU (it calls {@code powf}). Here every product is one {@code Nd4j.gemm} into its destination,
 * the sigmoid saved in the forward pass gives the SiLU derivative without another exponential, and
 * nothing is allocated per step.
 *
 * <p>Shapes (n = batch, w_i = layer widths, d_0 = input features): A_0 = X [n, d_0];
 * hidden layer i: Z_i = A_{i−1}·W_i + b_i, S_i = σ(Z_i), A_i = Z_i ⊙ S_i, all [n, w_i];
 * output Y = A_{L−1}·W_L + b_L [n, 2]. Loss = mean over the n·2 elements of (Y − U)².
 * Backward: dY = 2(Y − U)/(2n); dZ_i = dA_i ⊙ (S_i + A_i ⊙ (1 − S_i)) (SiLU′ = σ + z·σ·(1 − σ));
 * ∂W_i = A_{i−1}ᵀ·dZ_i, ∂b_i = Σ_rows dZ_i (as 1ᵀ·dZ_i, one gemm: OpenBLAS's summation order, kept so the numbers
 * stay those of earlier versions), dA_{i−1} = dZ_i·W_iᵀ. Adam as DL4J applies it: ND4J's {@code adam_updater} on
 * the flat gradient with DL4J's iteration count, then θ ← θ − update, fused into one pass.
 *
 * <p>Not thread-safe: owned by the thread that owns the network.
 */
final class MlpCompute {

    private final MultiLayerNetwork net;
    private final int layers;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray flatGradient;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    private final long[] widths;
    private final Kernels kernels;

    /** Work arrays for one batch size; the trainer alternates between two (batch and validation set). */
    private final java.util.Map<Integer, Buffers> buffers = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, Buffers> eldest) {
            return size() > 3;
        }
    };
    private INDArray[] z;   // pre-activations Z_i, then reused for dZ_i in the backward pass
    private INDArray[] s;   // σ(Z_i)
    private INDArray[] a;   // activations A_i
    private INDArray[] da;  // dA_i
    private INDArray ones;  // [1, n] of 1: Σ_rows dZ = 1ᵀ·dZ as one gemm (twice as fast as ND4J's column sum)

    MlpCompute(MultiLayerNetwork net) {
        this(net, Kernels.forBackend());
    }

    MlpCompute(MultiLayerNetwork net, Kernels kernels) {
        this.net = net;
        this.kernels = kernels;
        this.layers = net.getnLayers();
        this.weights = new INDArray[layers];
        this.biases = new INDArray[layers];
        this.weightGrads = new INDArray[layers];
        this.biasGrads = new INDArray[layers];
        this.widths = new long[layers];
        INDArray params = net.params();
        this.flatGradient = Nd4j.create(DataType.FLOAT, params.length());
        for (int i = 0; i < layers; i++) {
            Layer layer = net.getLayer(i);
            weights[i] = layer.getParam("W");
            biases[i] = layer.getParam("b");
            if (weights[i].ordering() != 'f' || weights[i].rank() != 2 || biases[i] == null) {
                throw new IllegalStateException("unexpected parameter layout in layer " + i);
            }
            widths[i] = weights[i].size(1);
            weightGrads[i] = gradientView(weights[i], params);
            biasGrads[i] = gradientView(biases[i], params).reshape('f', 1, widths[i]);
        }
    }

    /** The view of the flat gradient at the same place and shape as a parameter view of the flat parameters. */
    private INDArray gradientView(INDArray param, INDArray params) {
        long offset = param.offset() - params.offset();
        INDArray flat = flatGradient.get(NDArrayIndex.interval(offset, offset + param.length()));
        return param.rank() == 2 && param.ordering() == 'f'
                ? flat.reshape('f', param.size(0), param.size(1))
                : flat.reshape(param.shape());
    }

    /**
     * Arrays for one batch size n: Z_i always; S_i, A_i, dA_i and 1ᵀ only once a training step runs
     * at that size (prediction applies SiLU in place on Z_i, so sampling 16 384 particles holds 3 × 16 MB).
     */
    private final class Buffers {
        final INDArray[] z = new INDArray[layers];
        INDArray[] s;
        INDArray[] a;
        INDArray[] da;
        INDArray ones;

        Buffers(int n) {
            for (int i = 0; i < layers; i++) {
                z[i] = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, widths[i]}, 'f');
            }
        }

        void forTraining(int n) {
            if (s != null) {
                return;
            }
            s = new INDArray[layers];
            a = new INDArray[layers];
            da = new INDArray[layers];
            for (int i = 0; i < layers; i++) {
                long[] shape = {n, widths[i]};
                s[i] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
                a[i] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
                da[i] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
            }
            ones = Nd4j.ones(DataType.FLOAT, 1, n);
        }
    }

    private void allocate(int n, boolean training) {
        Buffers b = buffers.computeIfAbsent(n, Buffers::new);
        if (training) {
            b.forTraining(n);
        }
        z = b.z;
        s = b.s;
        a = b.a;
        da = b.da;
        ones = b.ones;
    }

    /**
     * Forward pass into the preallocated arrays. With {@code keepSigmoid} (training) the hidden layers store
     * σ(Z + b) and A for the backward pass; without, SiLU(Z + b) in place on Z. One kernel pass per layer.
     * Returns Y [n, 2] (an internal array, overwritten by the next call).
     */
    private INDArray forward(INDArray features, boolean keepSigmoid) {
        int n = (int) features.size(0);
        allocate(n, keepSigmoid);
        INDArray in = features;
        for (int i = 0; i < layers; i++) {
            Nd4j.gemm(in, weights[i], z[i], false, false, 1.0, 0.0);
            if (i == layers - 1) {
                kernels.biasAdd(z[i], biases[i]);
                return z[i];
            }
            if (keepSigmoid) {
                kernels.siluForward(z[i], biases[i], s[i], a[i]);
                in = a[i];
            } else {
                kernels.siluBias(z[i], biases[i]);
                in = z[i];
            }
        }
        throw new AssertionError("a network has at least one layer");
    }

    /** v for the given features [n, d_0]; a new C-ordered array [n, 2]. */
    INDArray predict(INDArray features) {
        return forward(features, false).dup('c');
    }

    /** Mean squared error of the network on (features, target) without updating anything. */
    double loss(INDArray features, INDArray target) {
        INDArray y = forward(features, false);
        INDArray e = y.sub(target);
        double norm = e.norm2Number().doubleValue();
        return norm * norm / e.length();
    }

    /** One Adam step on the batch; returns the loss before the update. */
    double fit(INDArray features, INDArray target) {
        int n = (int) features.size(0);
        int last = layers - 1;
        INDArray y = forward(features, true);
        // dY = 2(Y − U)/(n·2) = (Y − U)/n: the gradient of the mean over n·2 elements.
        INDArray dy = da[last];
        y.sub(target, dy);
        double norm = dy.norm2Number().doubleValue();
        double loss = norm * norm / dy.length();
        dy.divi(n * (double) widths[last] / 2.0);

        for (int i = last; i >= 0; i--) {
            INDArray dz;
            if (i == last) {
                dz = dy;
            } else {
                // dZ = dA ⊙ ((1 − S) ⊙ A + S); dZ overwrites Z (no longer needed).
                dz = z[i];
                kernels.siluBackward(da[i], s[i], a[i], dz);
            }
            INDArray in = i == 0 ? features : a[i - 1];
            Nd4j.gemm(in, dz, weightGrads[i], true, false, 1.0, 0.0);
            Nd4j.gemm(ones, dz, biasGrads[i], false, false, 1.0, 0.0);
            if (i > 0) {
                Nd4j.gemm(dz, weights[i], da[i - 1], false, true, 1.0, 0.0);
            }
        }

        int iteration = net.getLayerWiseConfigurations().getIterationCount();
        int epoch = net.getLayerWiseConfigurations().getEpochCount();
        Adam adam = adamConfig();
        kernels.adam(net.params(), flatGradient, adamState(), new Kernels.AdamStep(
                adam.getLearningRate(iteration, epoch), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(), iteration));
        net.getLayerWiseConfigurations().setIterationCount(iteration + 1);
        return loss;
    }

    /**
     * The network's own optimiser state [1, 2P] (m then v, so sessions save and resume it), created by DL4J on
     * first use. Read every step: DL4J replaces it when the learning rate changes.
     */
    private INDArray adamState() {
        BaseMultiLayerUpdater<?> u = (BaseMultiLayerUpdater<?>) net.getUpdater(true);
        if (u.getUpdaterBlocks().size() != 1) {
            throw new IllegalStateException("expected one Adam block for all parameters, got "
                    + u.getUpdaterBlocks().size());
        }
        return u.getStateViewArray();
    }

    private Adam adamConfig() {
        IUpdater config = ((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayer(0).conf().getLayer())
                .getIUpdater();
        if (!(config instanceof Adam adam)) {
            throw new IllegalStateException("expected Adam, got " + config);
        }
        return adam;
    }
}
