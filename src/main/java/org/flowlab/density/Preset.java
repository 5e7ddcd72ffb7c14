package org.flowlab.density;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Built-in target densities, each an exact sampler in domain units (all fit well inside [−4, 4]²).
 * {@link DensitySources#preset} rasterises one onto a {@link DensityGrid} for display and editing.
 */
public enum Preset implements PointSampler {

    /** scikit-learn's two moons with noise 0.05, centred and scaled by 1.5 exactly as the PyTorch reference. */
    MOONS("Two moons") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                double a = Math.PI * rng.nextDouble();
                double x;
                double y;
                boolean upper = rng.nextBoolean();
                label(labels, i, upper ? 0 : 1);
                if (upper) {
                    x = Math.cos(a);
                    y = Math.sin(a);
                } else {
                    x = 1 - Math.cos(a);
                    y = 1 - Math.sin(a) - 0.5;
                }
                x += 0.05 * rng.nextGaussian();
                y += 0.05 * rng.nextGaussian();
                out[2 * i] = (float) ((x - 0.5) * 1.5);
                out[2 * i + 1] = (float) ((y - 0.25) * 1.5);
            }
        }
    },

    /** Eight Gaussians (σ 0.2) evenly on a circle of radius 2.5. */
    EIGHT_GAUSSIANS("8 Gaussians") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(8);
                label(labels, i, k);
                double a = 2 * Math.PI * k / 8;
                out[2 * i] = (float) (2.5 * Math.cos(a) + 0.2 * rng.nextGaussian());
                out[2 * i + 1] = (float) (2.5 * Math.sin(a) + 0.2 * rng.nextGaussian());
            }
        }
    },

    /** The PyTorch reference's mixture: four Gaussians at (±2, ±2) with σ 0.3. */
    FOUR_GAUSSIANS("4 Gaussians") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(4);
                label(labels, i, k);
                out[2 * i] = (float) ((k % 2 == 0 ? -2 : 2) + 0.3 * rng.nextGaussian());
                out[2 * i + 1] = (float) ((k < 2 ? -2 : 2) + 0.3 * rng.nextGaussian());
            }
        }
    },

    /** A 4×4 checkerboard on [−3, 3]², the 8 squares with even (col + row) filled uniformly. */
    CHECKERBOARD("Checkerboard") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(8);
                label(labels, i, k % 2);   // left half (columns 0, 1) and right half (columns 2, 3)
                int row = k / 2;
                int col = 2 * (k % 2) + (row % 2);
                out[2 * i] = (float) (-3 + 1.5 * (col + rng.nextDouble()));
                out[2 * i + 1] = (float) (-3 + 1.5 * (row + rng.nextDouble()));
            }
        }
    },

    /** Three concentric rings of radius 1, 2, 3 (radial noise 0.08), mass proportional to circumference. */
    RINGS("Concentric rings") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                double u = 6 * rng.nextDouble();
                double r = u < 1 ? 1 : (u < 3 ? 2 : 3);
                label(labels, i, (int) r - 1);
                r += 0.08 * rng.nextGaussian();
                double a = 2 * Math.PI * rng.nextDouble();
                out[2 * i] = (float) (r * Math.cos(a));
                out[2 * i + 1] = (float) (r * Math.sin(a));
            }
        }
    },

    /** Two interleaved spiral arms of 1.5 turns, radius up to 3, noise 0.08. */
    SPIRAL("Spiral") {
        @Override
        void draw(int n, RandomGenerator rng, float[] out, int[] labels) {
            double turns = 3 * Math.PI;
            for (int i = 0; i < n; i++) {
                double s = Math.sqrt(rng.nextDouble()) * turns;
                double r = 3 * s / turns;
                double sign = rng.nextBoolean() ? 1 : -1;
                label(labels, i, sign > 0 ? 0 : 1);
                out[2 * i] = (float) (sign * r * Math.cos(s) + 0.08 * rng.nextGaussian());
                out[2 * i + 1] = (float) (sign * r * Math.sin(s) + 0.08 * rng.nextGaussian());
            }
        }
    };

    private final String displayName;

    Preset(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Draws n points, and their classes into labels when not null. The generator is used exactly as by
     * {@link #sample}, so the points are the same with or without labels.
     */
    abstract void draw(int n, RandomGenerator rng, float[] out, int[] labels);

    private static void label(int[] labels, int i, int k) {
        if (labels != null) {
            labels[i] = k;
        }
    }

    @Override
    public void sample(int n, RandomGenerator rng, float[] out) {
        draw(n, rng, out, null);
    }

    /** Points with their classes (see {@link #classNames()}). */
    public void sample(int n, RandomGenerator rng, float[] out, int[] labels) {
        draw(n, rng, out, labels);
    }

    /** The classes of the labelled preset ({@code <id>:labels}): how it is naturally split. */
    public List<String> classNames() {
        return switch (this) {
            case MOONS -> List.of("upper moon", "lower moon");
            case EIGHT_GAUSSIANS -> List.of("0°", "45°", "90°", "135°", "180°", "225°", "270°", "315°");
            case FOUR_GAUSSIANS -> List.of("lower left", "lower right", "upper left", "upper right");
            case CHECKERBOARD -> List.of("left", "right");
            case RINGS -> List.of("inner ring", "middle ring", "outer ring");
            case SPIRAL -> List.of("arm A", "arm B");
        };
    }

    public String displayName() {
        return displayName;
    }

    /** The CLI and file name of the preset: lower case with dashes ("moons", "8gaussians", …). */
    public String id() {
        return switch (this) {
            case MOONS -> "moons";
            case EIGHT_GAUSSIANS -> "8gaussians";
            case FOUR_GAUSSIANS -> "4gaussians";
            case CHECKERBOARD -> "checkerboard";
            case RINGS -> "rings";
            case SPIRAL -> "spiral";
        };
    }

    /** The preset with this id, or null. */
    public static Preset byId(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.id().equals(key) || p.name().equalsIgnoreCase(key)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
