package org.flowlab.app.warp;

import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.flowlab.flow.GridWarp;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeSolver;
import org.flowlab.render.SceneLayers;

/**
 * The warped grid: {@value #LINES} + {@value #LINES} lines of {@value #POINTS} points over [−3, 3]² in noise space,
 * carried by the shown weights' ODE with the on-screen solver (in the {@value #LANE} lane; a newer request
 * replaces an older one). The canvas draws them at the playhead's t, so play and scrub move the grid.
 */
public final class GridWarpViewModel {

    static final String LANE = "warp";
    public static final int LINES = 13;
    public static final int POINTS = 61;
    public static final double HALF_WIDTH = 3.0;

    public static final String EXPLANATION = "The image of a regular grid under the flow map φ_t: straight lines "
            + "through noise space (t = 0), carried by the flow to t. The flow bends space smoothly and invertibly — "
            + "lines stretch and curve but never cross or tear.";

    private final BooleanProperty show = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<SceneLayers.WarpedGrid> warped = new ReadOnlyObjectWrapper<>();
    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final Supplier<OdeSolver> solver;
    private final Consumer<Notification> notify;
    private TaskRunner.Handle running;

    /** @param solver the on-screen solver (called on the FX thread when a recomputation is requested) */
    public GridWarpViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, Supplier<OdeSolver> solver,
                             Consumer<Notification> notify) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.solver = solver;
        this.notify = notify;
        show.addListener((o, a, b) -> {
            if (b) {
                recompute();
            }
        });
        model.weights().addListener((o, a, b) -> {
            if (show.get()) {
                recompute();
            }
        });
    }

    public BooleanProperty showProperty() {
        return show;
    }

    /** The grid carried by the flow (all t), or null before the first computation. */
    public ReadOnlyObjectProperty<SceneLayers.WarpedGrid> warpedProperty() {
        return warped.getReadOnlyProperty();
    }

    /** Recomputes when the grid is shown (the solver or its steps changed). */
    public void recomputeIfShown() {
        if (show.get()) {
            recompute();
        }
    }

    /** Carries the grid with the current weights and solver. */
    public void recompute() {
        WeightsSnapshot w = model.weights().getValue();
        if (w == null) {
            return;
        }
        OdeSolver s;
        try {
            s = solver.get();
        } catch (IllegalArgumentException e) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        GridWarp.Grid grid = GridWarp.grid(LINES, POINTS, HALF_WIDTH);
        running = runner.submit(LANE, p -> new SceneLayers.WarpedGrid(GridWarp.carry(fields.velocity(w), s, grid),
                        grid.lines(), grid.pointsPerLine()), warped::set,
                e -> notify.accept(Notification.error("Could not warp the grid: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
    }
}
