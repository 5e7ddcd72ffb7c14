package org.flowlab.app.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The schedules panel without a window: α and σ of each path, and the other convention's relabelling. */
class SchedulesViewModelTest {

    @Test
    void showsTheActivePathInEitherConvention() {
        var path = new SimpleStringProperty("ot");
        var t = new SimpleDoubleProperty(0.25);
        SchedulesViewModel vm = new SchedulesViewModel(path, t);
        SchedulesViewModel.Schedules s = vm.schedulesProperty().get();
        assertEquals(0.25, s.alpha()[25], 1e-12, "OT: α_t = t");
        assertEquals(0.75, s.sigma()[25], 1e-12, "OT: σ_t = 1 − t");
        assertTrue(s.formulas().contains("u_t = x1 − x0"), s.formulas());
        assertTrue(s.convention().contains("noise at t = 0, data at t = 1"), s.convention());
        assertTrue(vm.timeLabelProperty().get().startsWith("t = 0.25"), vm.timeLabelProperty().get());

        vm.otherConventionProperty().set(true);
        s = vm.schedulesProperty().get();
        assertEquals("s = 1 − t", s.axis());
        assertEquals(0.75, s.alpha()[25], 1e-12, "at s = 0.25, t = 0.75");
        assertTrue(s.convention().contains("data at s = 0, noise at s = 1"), s.convention());
        assertTrue(vm.timeLabelProperty().get().startsWith("s = 0.75"), vm.timeLabelProperty().get());

        path.set("vp");
        s = vm.schedulesProperty().get();
        for (int i = 0; i < s.alpha().length; i++) {
            assertEquals(1, s.alpha()[i] * s.alpha()[i] + s.sigma()[i] * s.sigma()[i], 1e-9, "VP keeps variance");
        }
        assertTrue(s.alpha()[0] > 0.99 && s.alpha()[100] < 0.01, "data at s = 0, noise at s = 1");
        path.set("sigma-min");
        vm.otherConventionProperty().set(false);
        assertEquals(1e-4, vm.schedulesProperty().get().sigma()[100], 1e-12, "σ_1 = σ_min");
    }
}
