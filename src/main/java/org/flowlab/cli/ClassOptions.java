package org.flowlab.cli;

import java.util.SplittableRandom;
import org.flowlab.density.ClassSet;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.Condition;
import picocli.CommandLine.Option;

/**
 * {@code --class} and {@code --guidance}, shared by the commands that evaluate a model: which class a
 * class-conditional model generates, and the classifier-free guidance scale w of
 * v_w = v(x, t, ∅) + w·(v(x, t, y) − v(x, t, ∅)).
 */
final class ClassOptions {

    /** Labels of {@code --class all} come from their own generator, so the noise is that of the seed as always. */
    static final long LABEL_SEED_MIX = 0xC1A55E5L;

    @Option(names = "--class", paramLabel = "K|NAME|all",
            description = "A conditional model's class: its index, its name, or 'all' (labels drawn in proportion "
                    + "to the classes' mass). Without it: every class for sample/render, the unconditional field "
                    + "(null class) for density/nll.")
    String cls;

    @Option(names = "--guidance", paramLabel = "W",
            description = "Classifier-free guidance scale w ≥ 0: 0 = the unconditional field, 1 = the plain "
                    + "conditional field (default), > 1 pushes each class away from the others.")
    Double guidance;

    /** w, checked: finite and ≥ 0 (default 1). */
    double scale() {
        double w = guidance == null ? 1.0 : guidance;
        if (!Double.isFinite(w) || w < 0) {
            throw new UserInputException("--guidance must be a finite number ≥ 0, got " + guidance);
        }
        if (w > 1000) {
            throw new UserInputException("--guidance must be at most 1000, got " + guidance);
        }
        return w;
    }

    /** Refuses --class/--guidance on an unconditional model. */
    void requireUsable(ModelFile.Contents model) {
        scale();
        if (model.classes() == null && (cls != null || guidance != null)) {
            throw new UserInputException((cls != null ? "--class" : "--guidance") + ": this model was trained "
                    + "without classes (an unconditional model); train on labelled data (x,y,label CSV, a colour "
                    + "image, or a preset such as moons:labels) to choose a class");
        }
    }

    /** The class index of {@code --class} (not 'all'), or a one-line refusal naming the classes there are. */
    static int classIndex(String spec, ClassSet classes) {
        int k = classes.find(spec);
        if (k < 0) {
            throw new UserInputException("--class: no class '" + spec + "'; this model has " + classes.describe());
        }
        return k;
    }

    boolean all() {
        return cls != null && cls.strip().equalsIgnoreCase("all");
    }

    /**
     * The condition for n rows: {@link Condition#NONE} for an unconditional model; for a conditional one the
     * chosen class, or — with 'all', or when {@code defaultAll} and no class is given — a class per row drawn in
     * proportion to the classes' shares (from the seed), or the null class when no class is given.
     */
    Condition condition(ModelFile.Contents model, int n, long seed, boolean defaultAll) {
        requireUsable(model);
        ClassSet classes = model.classes();
        if (classes == null) {
            return Condition.NONE;
        }
        double w = scale();
        if (all() || (cls == null && defaultAll)) {
            return Condition.perRow(labels(classes, n, seed), w);
        }
        if (cls == null) {
            if (guidance != null) {
                throw new UserInputException("--guidance needs a class: add --class K (or all)");
            }
            return Condition.NONE;
        }
        return Condition.of(classIndex(cls, classes), w);
    }

    /** n labels drawn i.i.d. with P(k) = π_k, from (seed, {@link #LABEL_SEED_MIX}). */
    static int[] labels(ClassSet classes, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ LABEL_SEED_MIX);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double acc = 0;
            int k = 0;
            for (; k < classes.size() - 1; k++) {
                acc += classes.share(k);
                if (u < acc) {
                    break;
                }
            }
            y[i] = k;
        }
        return y;
    }

    /** "class 1 'lower moon', guidance 2.0" or "" for an unconditional model. */
    static String describe(Condition c, ClassSet classes) {
        if (classes == null) {
            return "";
        }
        if (c.perRow() != null) {
            return "all classes in proportion to their mass, guidance " + c.guidance();
        }
        if (c.label() == Condition.NULL) {
            return "unconditional field (null class)";
        }
        return "class " + c.label() + " '" + classes.get(c.label()).name() + "', guidance " + c.guidance();
    }
}
