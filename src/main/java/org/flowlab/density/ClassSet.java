package org.flowlab.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The classes a conditional model was trained on: names, colours and each class's share of the target's mass
 * (π_k, summing to 1; {@code sample --class all} draws labels in these proportions). Stored in model files and
 * sessions as {@code classes.count} and {@code classes.<k>.name|color|share}.
 */
public record ClassSet(List<DensityClass> classes, double[] shares) {

    public ClassSet {
        if (classes.size() != shares.length || classes.isEmpty()) {
            throw new IllegalArgumentException("need one share per class");
        }
        if (classes.size() > DensityClass.MAX) {
            throw new IllegalArgumentException(classes.size() + " classes; at most " + DensityClass.MAX);
        }
        double sum = 0;
        for (double s : shares) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("every class needs a positive mass, got " + s);
            }
            sum += s;
        }
        double[] norm = new double[shares.length];
        for (int k = 0; k < norm.length; k++) {
            norm[k] = shares[k] / sum;
        }
        shares = norm;
        classes = List.copyOf(classes);
    }

    /** The classes of a grid and their shares of its mass; fails naming a class without mass. */
    public static ClassSet of(DensityGrid grid) {
        double[] s = new double[grid.classCount()];
        for (int k = 0; k < s.length; k++) {
            s[k] = grid.classMass(k);
            if (!(s[k] > 0)) {
                throw new DensityException("class '" + grid.classes().get(k).name() + "' has no mass: paint some, "
                        + "or erase the class");
            }
        }
        return new ClassSet(grid.classes(), s);
    }

    public int size() {
        return classes.size();
    }

    public DensityClass get(int k) {
        return classes.get(k);
    }

    @Override
    public double[] shares() {
        return shares.clone();
    }

    public double share(int k) {
        return shares[k];
    }

    /** The class with this name, or with this index when {@code spec} is one; −1 when none. */
    public int find(String spec) {
        for (int k = 0; k < classes.size(); k++) {
            if (classes.get(k).name().equalsIgnoreCase(spec.strip())) {
                return k;
            }
        }
        try {
            int k = Integer.parseInt(spec.strip());
            return k >= 0 && k < classes.size() ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "0 upper moon (50%), 1 lower moon (50%)". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            parts.add(k + " " + classes.get(k).name() + String.format(java.util.Locale.ROOT, " (%.0f%%)",
                    100 * shares[k]));
        }
        return String.join(", ", parts);
    }

    public void store(Properties p, String prefix) {
        p.setProperty(prefix + "count", Integer.toString(classes.size()));
        for (int k = 0; k < classes.size(); k++) {
            p.setProperty(prefix + k + ".name", classes.get(k).name());
            p.setProperty(prefix + k + ".color", classes.get(k).hex());
            p.setProperty(prefix + k + ".share", Double.toString(shares[k]));
        }
    }

    /** The classes under {@code prefix}, or null when there are none; IllegalArgumentException when malformed. */
    public static ClassSet load(Properties p, String prefix) {
        String count = p.getProperty(prefix + "count");
        if (count == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(count.strip());
            if (n < 1 || n > DensityClass.MAX) {
                throw new IllegalArgumentException("a class count of " + n + " (1 to " + DensityClass.MAX + ")");
            }
            List<DensityClass> cs = new ArrayList<>();
            double[] shares = new double[n];
            for (int k = 0; k < n; k++) {
                String name = p.getProperty(prefix + k + ".name");
                String color = p.getProperty(prefix + k + ".color");
                String share = p.getProperty(prefix + k + ".share");
                if (name == null || color == null || share == null) {
                    throw new IllegalArgumentException("class " + k + " is incomplete");
                }
                cs.add(new DensityClass(name, DensityClass.parseHex(color)));
                shares[k] = Double.parseDouble(share.strip());
            }
            return new ClassSet(cs, shares);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed classes: a count or share is not a number", e);
        }
    }
}
