package org.flowlab.app.drawing;

import org.flowlab.app.Notification;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flowlab.density.DensityException;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.ClassSet;
import org.flowlab.density.DensityClass;
import org.flowlab.density.GridSampler;
import org.flowlab.density.LabelledSampler;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;

/**
 * The target density and the tools that edit it. Lives on the FX thread; other threads get an immutable
 * {@link GridSampler} or a mass copy. Every completed edit (stroke, clear, load, undo) bumps
 * {@link #committedVersionProperty()}, which is what training reacts to; strokes in progress change only
 * {@link #mass()}, which the screen reads every pulse.
 */
public final class DrawingViewModel {

    public enum Tool { BRUSH, ERASER }

    private final DensityGrid grid = new DensityGrid();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.BRUSH);
    /** Brush radius in domain units. */
    private final DoubleProperty brushRadius = new SimpleDoubleProperty(0.35);
    private final DoubleProperty brushStrength = new SimpleDoubleProperty(0.6);
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(Preset.MOONS);
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final LongProperty committedVersion = new SimpleLongProperty();
    private final StringProperty source = new SimpleStringProperty("");
    /** The class the brush paints (0 … K−1; painting class K adds it). */
    private final javafx.beans.property.IntegerProperty activeClass = new javafx.beans.property.SimpleIntegerProperty(0);
    /** The eraser removes every class (true) or only the active one. */
    private final BooleanProperty eraseAll = new SimpleBooleanProperty(true);
    /** Presets load with their classes ({@code moons:labels}) when on. */
    private final BooleanProperty presetClasses = new SimpleBooleanProperty(false);
    /** The classes of the density, refreshed on every change (one class: the unlabelled case). */
    private final ObjectProperty<java.util.List<DensityClass>> classes =
            new SimpleObjectProperty<>(java.util.List.of(DensityClass.standard(0)));
    private float[][] layersCache;
    private long layersCacheVersion = -1;
    private final Consumer<Notification> notify;
    private boolean applyingPreset;
    private boolean stroking;
    private double lastX;
    private double lastY;
    private float[] massCache;
    private long massCacheVersion = -1;

    public DrawingViewModel(Consumer<Notification> notify) {
        this.notify = notify;
        loadPreset(Preset.MOONS);
        // The first preset is the starting point, not an edit to undo.
        grid.clearHistory();
        changed(false);
        preset.addListener((o, a, b) -> {
            if (b != null && !applyingPreset) {
                loadPreset(b);
            }
        });
        presetClasses.addListener((o, a, b) -> {
            if (preset.get() != null) {
                loadPreset(preset.get());
            }
        });
    }

    public DensityGrid grid() {
        return grid;
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public DoubleProperty brushRadiusProperty() {
        return brushRadius;
    }

    public DoubleProperty brushStrengthProperty() {
        return brushStrength;
    }

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public LongProperty committedVersionProperty() {
        return committedVersion;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public javafx.beans.property.IntegerProperty activeClassProperty() {
        return activeClass;
    }

    public BooleanProperty eraseAllProperty() {
        return eraseAll;
    }

    public BooleanProperty presetClassesProperty() {
        return presetClasses;
    }

    /** The density's classes (names and colours), one entry when it is unlabelled. */
    public ObjectProperty<java.util.List<DensityClass>> classesProperty() {
        return classes;
    }

    /** Adds a class to paint with (up to {@link DensityClass#MAX}) and selects it; it has no mass until painted. */
    public void addClass() {
        int k = grid.classCount() > 1 || activeClass.get() > 0 ? grid.classCount() : 1;
        if (k >= DensityClass.MAX) {
            notify.accept(Notification.info("FlowLab handles at most " + DensityClass.MAX + " classes."));
            return;
        }
        activeClass.set(k);
    }

    /** The per-class masses for display (same arrays until the grid changes), or null with one class. */
    public float[][] classLayers() {
        if (!grid.labelled()) {
            return null;
        }
        if (layersCacheVersion != grid.version()) {
            layersCache = new float[grid.classCount()][];
            for (int k = 0; k < layersCache.length; k++) {
                layersCache[k] = grid.copyClassMass(k);
            }
            layersCacheVersion = grid.version();
        }
        return layersCache;
    }

    /**
     * The classes of a conditional model of K classes, for its files: the density's (names, colours and masses)
     * when it has K classes with mass, else K palette classes of equal mass.
     */
    public ClassSet classSet(int k) {
        if (k == 0) {
            return null;
        }
        if (grid.classCount() == k) {
            try {
                return ClassSet.of(grid);
            } catch (DensityException e) {
                // a class was erased after training: fall through
            }
        }
        java.util.List<DensityClass> cs = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            cs.add(j < grid.classCount() ? grid.classes().get(j) : DensityClass.standard(j));
        }
        double[] shares = new double[k];
        java.util.Arrays.fill(shares, 1);
        return new ClassSet(cs, shares);
    }

    /** The class of the brush (painting) or of the eraser (−1 = every class). */
    private int strokeClass() {
        if (tool.get() == Tool.ERASER) {
            return eraseAll.get() ? -1 : activeClass.get();
        }
        return activeClass.get();
    }

    /** The masses for display; the same array until the grid changes (renderers cache on its identity). */
    public float[] mass() {
        if (massCacheVersion != grid.version()) {
            massCache = grid.copyMass();
            massCacheVersion = grid.version();
        }
        return massCache;
    }

    /**
     * An immutable sampler of the current density: labelled (a {@link LabelledSampler}) when it has several
     * classes. @throws DensityException when it is empty, or a class has no mass
     */
    public PointSampler sampler() {
        if (grid.labelled()) {
            ClassSet.of(grid);      // names the class without mass
            return grid.labelledSampler();
        }
        return grid.sampler();
    }

    public void beginStroke(double x, double y) {
        grid.beginEdit();
        stroking = true;
        lastX = x;
        lastY = y;
        grid.stamp(x, y, brushRadius.get(), brushStrength.get(), tool.get() == Tool.ERASER, strokeClass());
        changed(false);
    }

    public void continueStroke(double x, double y) {
        if (!stroking) {
            beginStroke(x, y);
            return;
        }
        grid.strokeSegment(lastX, lastY, x, y, brushRadius.get(), brushStrength.get(), tool.get() == Tool.ERASER,
                strokeClass());
        lastX = x;
        lastY = y;
        changed(false);
    }

    public void endStroke() {
        if (stroking) {
            stroking = false;
            leavePreset("drawing");
            changed(true);
        }
    }

    public void clear() {
        grid.clear();
        leavePreset("empty");
        changed(true);
    }

    /** The density is no longer exactly a preset: deselect it, so choosing that preset again reloads it. */
    private void leavePreset(String newSource) {
        source.set(newSource);
        applyingPreset = true;
        preset.set(null);
        applyingPreset = false;
    }

    public void undo() {
        if (grid.undo()) {
            leavePreset("drawing (undo)");
            changed(true);
        }
    }

    public void redo() {
        if (grid.redo()) {
            leavePreset("drawing (redo)");
            changed(true);
        }
    }

    public void loadPreset(Preset p) {
        if (presetClasses.get()) {
            DensitySources.labelledPreset(grid, p);
        } else {
            DensitySources.preset(grid, p);
        }
        source.set(p.displayName() + (presetClasses.get() ? " (classes)" : ""));
        applyingPreset = true;
        preset.set(p);
        applyingPreset = false;
        changed(true);
    }

    /**
     * Loads an image or a CSV of points. On failure the density is unchanged and the user told why.
     *
     * @return whether the density changed
     */
    public boolean loadFile(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
                DensitySources.csv(grid, file);
            } else {
                DensitySources.image(grid, file);
            }
        } catch (DensityException e) {
            notify.accept(Notification.error("Could not load " + name + ": " + e.getMessage()
                    + ". Your density is unchanged."));
            return false;
        } catch (RuntimeException e) {
            notify.accept(Notification.error("Could not load " + name + ". Your density is unchanged."));
            return false;
        }
        leavePreset(name);
        changed(true);
        return true;
    }

    /** Replaces the density with a saved one (not undoable: it is a new document). */
    public void restore(float[] mass, String sourceName) {
        restore(mass, null, null, sourceName);
    }

    /** As {@link #restore(float[], String)} with the classes of a labelled density (null: one class). */
    public void restore(float[] mass, java.util.List<DensityClass> densityClasses, float[] layers, String sourceName) {
        if (densityClasses == null) {
            grid.replace(mass);
        } else {
            int cells = mass.length;
            float[][] l = new float[densityClasses.size()][];
            for (int k = 0; k < l.length; k++) {
                l[k] = java.util.Arrays.copyOfRange(layers, k * cells, (k + 1) * cells);
            }
            grid.replaceLabelled(densityClasses, l);
        }
        grid.clearHistory();
        leavePreset(sourceName == null || sourceName.isBlank() ? "session" : sourceName);
        changed(true);
    }

    private void changed(boolean committed) {
        if (!classes.get().equals(grid.classes())) {
            classes.set(grid.classes());
        }
        if (activeClass.get() > grid.classCount() && !stroking) {
            activeClass.set(grid.classCount() - 1);
        }
        canUndo.set(grid.canUndo());
        canRedo.set(grid.canRedo());
        if (committed) {
            committedVersion.set(committedVersion.get() + 1);
        }
    }
}
