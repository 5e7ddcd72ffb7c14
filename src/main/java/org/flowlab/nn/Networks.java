package org.flowlab.nn;

import org.flowlab.compute.Nd4jBackend;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds DL4J networks from a {@link ModelConfig}. Weights are initialised U(−1/√fan_in, 1/√fan_in) —
 * PyTorch's default for nn.Linear — from the config's seed, so the same config gives the same network.
 * SiLU is x·sigmoid(x): DL4J's SWISH in the MLP's MultiLayerNetwork (whose passes {@link MlpCompute} runs; DL4J's
 * own {@code fit} stays the tests' oracle) and {@link StableSilu} (on {@link Kernels}) in the U-Net's graph; the
 * JSON written into model files says SWISH for both.
 */
public final class Networks {

    private Networks() {
    }

    /** A new network; call on the thread that will own it (through {@link Network}). */
    static VelocityNet build(ModelConfig config, double learningRate) {
        Nd4jBackend.ensureInitialised();
        return config.kind() == NetworkKind.MLP
                ? new MlpNet(config, mlp(config, learningRate))
                : new UNetNet(config, unet(config, learningRate));
    }

    /**
     * The number of parameters of a config's network, by arithmetic on its layers (nothing is allocated):
     * a dense layer n_in → n_out has n_in·n_out + n_out. MLP: [x, y, time inputs] → widths… → 2. U-Net: the time
     * projection (time inputs → w_0), per block i a dense layer from its input (2, w_{i−1}, or w_{i−1} + w_{L−1−i}
     * after the bottleneck) and one from the time projection, both to w_i, and the output w_{L−1} → 2.
     * Tested against DL4J's own count.
     */
    public static long parameterCount(ModelConfig c) {
        return parameterCount(c.kind(), c.widths(), c.fourierFeatures(), c.classes());
    }

    /**
     * {@link #parameterCount(ModelConfig)} from the parts of a config (what its constructor checks). A conditional
     * network (K classes) has K + 1 more inputs to its first layer (MLP: (K+1)·w_0 weights, the class embedding
     * as rows of W_1) or a class embedding (K+1 → w_0, with bias) added to the U-Net's time projection.
     */
    static long parameterCount(NetworkKind kind, int[] w, int fourierFeatures, int classes) {
        long n = dense(w[w.length - 1], 2);
        int time = timeInputs(fourierFeatures);
        int classInputs = classes == 0 ? 0 : classes + 1;
        if (kind == NetworkKind.MLP) {
            long in = 2 + time + classInputs;
            for (int width : w) {
                n += dense(in, width);
                in = width;
            }
            return n;
        }
        int mid = w.length / 2;
        n += dense(time, w[0]);
        if (classInputs > 0) {
            n += dense(classInputs, w[0]);
        }
        for (int i = 0; i < w.length; i++) {
            long in = i == 0 ? 2 : i <= mid ? w[i - 1] : (long) w[i - 1] + w[w.length - 1 - i];
            n += dense(in, w[i]) + dense(w[0], w[i]);
        }
        return n;
    }

    /**
     * The activation values one row leaves in a forward pass, by arithmetic: the MLP's hidden widths; for the
     * U-Net its time projection, and per block the two dense outputs, their sum and the activation, plus the
     * concatenations after the bottleneck. Times the rows of a pass, it bounds the pass's memory.
     */
    public static long activationsPerRow(ModelConfig c) {
        long n = activationsPerRow(c.kind(), c.widths());
        // The U-Net's class embedding and its sum with the time projection.
        return c.conditional() && c.kind() == NetworkKind.UNET ? n + 2L * c.widths()[0] : n;
    }

    static long activationsPerRow(NetworkKind kind, int[] w) {
        long n = 0;
        for (int width : w) {
            n += width;
        }
        if (kind == NetworkKind.MLP) {
            return n;
        }
        int mid = w.length / 2;
        n = 4 * n + w[0];
        for (int i = mid + 1; i < w.length; i++) {
            n += (long) w[i - 1] + w[w.length - 1 - i];
        }
        return n;
    }

    /**
     * Which element-wise kernels the networks of this JVM run on ({@link Kernels}), for benchmarks and logs:
     * "vector (…lanes…)", "scalar" or "nd4j".
     */
    public static String kernelDescription() {
        String name = Kernels.forBackend().name();
        return name.equals("vector") ? name + " (" + VectorLanes.describe() + ")" : name;
    }

    /** Adam keeps two moments per parameter: the optimiser state's length. */
    public static long optimiserStateLength(ModelConfig c) {
        return 2 * parameterCount(c);
    }

    private static long dense(long in, long out) {
        return in * out + out;
    }

    /** DL4J's JSON description of a config's network (written into model files for other tools); allocates nothing. */
    public static String dl4jJson(ModelConfig c) {
        return c.kind() == NetworkKind.MLP ? mlpConfiguration(c, 1e-3).toJson()
                : unetConfiguration(c, 1e-3, Activation.SWISH.getActivationFunction()).toJson();
    }

    static int timeInputs(ModelConfig c) {
        return timeInputs(c.fourierFeatures());
    }

    private static int timeInputs(int fourierFeatures) {
        return fourierFeatures == 0 ? 1 : 2 * fourierFeatures;
    }

    /**
     * The seed handed to ND4J for a user seed. ND4J treats seed 0 as "no seed" (time-based), so user seeds
     * go through a fixed bijection (xor with the 64-bit golden ratio) that maps no user seed to 0 except one
     * far from any a person types; that one is moved to 1.
     */
    static long nd4jSeed(long userSeed) {
        long s = userSeed ^ 0x9E3779B97F4A7C15L;
        return s == 0 ? 1 : s;
    }

    private static NeuralNetConfiguration.Builder base(ModelConfig c, double lr) {
        return new NeuralNetConfiguration.Builder()
                .seed(nd4jSeed(c.seed()))
                .dataType(DataType.FLOAT)
                .updater(new Adam(lr))
                .weightInit(WeightInit.UNIFORM);
    }

    /** [x, y, time inputs] → widths… (SiLU) → 2 (identity), MSE. */
    private static MultiLayerNetwork mlp(ModelConfig c, double lr) {
        MultiLayerNetwork net = new MultiLayerNetwork(mlpConfiguration(c, lr));
        net.init();
        return net;
    }

    private static MultiLayerConfiguration mlpConfiguration(ModelConfig c, double lr) {
        NeuralNetConfiguration.ListBuilder b = base(c, lr).list();
        int[] widths = c.widths();
        // Inputs [x, y, time features, one-hot class (K+1, conditional only)]: a one-hot row times the first layer's
        // weights is a lookup of that class's row, so those K+1 rows of W_1 are the class embedding of the hidden
        // width — the seed's ConditionalVectorFieldNet (embedding E_y concatenated to [x, t], then Dense) with its
        // product E·W_e folded into one matrix (same functions, since K+1 ≤ w_0 leaves E·W_e unconstrained).
        int in = 2 + timeInputs(c) + c.classInputs();
        for (int i = 0; i < widths.length; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? in : widths[i - 1]).nOut(widths[i])
                    .activation(Activation.SWISH).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(widths[widths.length - 1]).nOut(2)
                .activation(Activation.IDENTITY).build());
        return b.build();
    }

    /**
     * The skip-connected MLP: with γ = SiLU(Dense(Fourier(t))) and widths w_0…w_{L−1} (mid = L/2),
     * h_i = SiLU(Dense_i(in_i) + Dense'_i(γ)), in_0 = x, in_i = h_{i−1} up to the bottleneck and
     * concat(h_{i−1}, h_{L−1−i}) after it; output = Dense(h_{L−1}) → 2.
     */
    private static ComputationGraph unet(ModelConfig c, double lr) {
        ComputationGraph net = new ComputationGraph(unetConfiguration(c, lr, new StableSilu()));
        net.init();
        return net;
    }

    private static ComputationGraphConfiguration unetConfiguration(ModelConfig c, double lr, IActivation silu) {
        int[] w = c.widths();
        int mid = w.length / 2;
        int embed = w[0];
        ComputationGraphConfiguration.GraphBuilder g = base(c, lr).graphBuilder();
        String time = "tproj";
        if (c.conditional()) {
            g.addInputs("x", "temb", "cls")
                    .setInputTypes(InputType.feedForward(2), InputType.feedForward(timeInputs(c)),
                            InputType.feedForward(c.classInputs()));
        } else {
            g.addInputs("x", "temb")
                    .setInputTypes(InputType.feedForward(2), InputType.feedForward(timeInputs(c)));
        }
        g.addLayer("tproj", new DenseLayer.Builder().nOut(embed).activation(silu).build(), "temb");
        if (c.conditional()) {
            // The class embedding e_y = one-hot(y)·E + b [n, w_0] is added where the time embedding is: every
            // block then sees γ = SiLU(Dense(Fourier(t))) + e_y through its Dense'_i.
            g.addLayer("cemb", new DenseLayer.Builder().nOut(embed).activation(Activation.IDENTITY).build(), "cls");
            g.addVertex("tc", new ElementWiseVertex(ElementWiseVertex.Op.Add), "tproj", "cemb");
            time = "tc";
        }
        for (int i = 0; i < w.length; i++) {
            String[] in;
            if (i == 0) {
                in = new String[]{"x"};
            } else if (i <= mid) {
                in = new String[]{"h" + (i - 1)};
            } else {
                g.addVertex("cat" + i, new MergeVertex(), "h" + (i - 1), "h" + (w.length - 1 - i));
                in = new String[]{"cat" + i};
            }
            g.addLayer("d" + i, new DenseLayer.Builder().nOut(w[i]).activation(Activation.IDENTITY).build(), in);
            g.addLayer("dt" + i, new DenseLayer.Builder().nOut(w[i]).activation(Activation.IDENTITY).build(), time);
            g.addVertex("sum" + i, new ElementWiseVertex(ElementWiseVertex.Op.Add), "d" + i, "dt" + i);
            g.addLayer("h" + i, new ActivationLayer.Builder().activation(silu).build(), "sum" + i);
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                .activation(Activation.IDENTITY).build(), "h" + (w.length - 1));
        g.setOutputs("out");
        return g.build();
    }
}
