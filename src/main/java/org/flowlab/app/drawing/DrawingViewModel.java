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
import org.flowlab.density.GridSampler;
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

    /** The masses for display; the same array until the grid changes (renderers cache on its identity). */
    public float[] mass() {
        if (massCacheVersion != grid.version()) {
            massCache = grid.copyMass();
            massCacheVersion = grid.version();
        }
        return massCache;
    }

    /** An immutable sampler of the current density. @throws DensityException when it is empty */
    public GridSampler sampler() {
        return grid.sampler();
    }

    public void beginStroke(double x, double y) {
        grid.beginEdit();
        stroking = true;
        lastX = x;
        lastY = y;
        grid.stamp(x, y, brushRadius.get(), brushStrength.get(), tool.get() == Tool.ERASER);
        changed(false);
    }

    public void continueStroke(double x, double y) {
        if (!stroking) {
            beginStroke(x, y);
            return;
        }
        grid.strokeSegment(lastX, lastY, x, y, brushRadius.get(), brushStrength.get(), tool.get() == Tool.ERASER);
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
        DensitySources.preset(grid, p);
        source.set(p.displayName());
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
        grid.replace(mass);
        grid.clearHistory();
        leavePreset(sourceName == null || sourceName.isBlank() ? "session" : sourceName);
        changed(true);
    }

    private void changed(boolean committed) {
        canUndo.set(grid.canUndo());
        canRedo.set(grid.canRedo());
        if (committed) {
            committedVersion.set(committedVersion.get() + 1);
        }
    }
}
