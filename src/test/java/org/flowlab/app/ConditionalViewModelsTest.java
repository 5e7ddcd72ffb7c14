package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.flowlab.app.drawing.DrawingViewModel;
import org.flowlab.app.overlay.OverlayViewModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.density.ClassSet;
import org.flowlab.density.DensityClass;
import org.flowlab.density.LabelledSampler;
import org.flowlab.density.Preset;
import org.flowlab.nn.Condition;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/**
 * The class palette, conditional particles and the guidance overlay, on the same-thread runner with analytic
 * fields: for weights a, v(x, t, ∅) = −a·x and v(x, t, y) = −a·x + (y + 1, 0), so the guided field is
 * −a·x + w·(y + 1, 0) and a test can tell which class and scale were asked for.
 */
class ConditionalViewModelsTest {

    /** TestModel's fields, plus the conditional ones. */
    static final class ConditionalModel extends TestModel {
        final List<Condition> asked = new ArrayList<>();

        @Override
        public VectorField velocity(WeightsSnapshot w, Condition c) {
            asked.add(c);
            double a = w.params()[0];
            return new VectorField() {
                @Override
                public int dimension() {
                    return 2;
                }

                @Override
                public void evaluate(double t, double[] x, int n, double[] out) {
                    for (int i = 0; i < n; i++) {
                        int y = c.labelOf(i);
                        double shift = y == Condition.NULL || c.unconditional() ? 0 : c.guidance() * (y + 1);
                        out[2 * i] = -a * x[2 * i] + shift;
                        out[2 * i + 1] = -a * x[2 * i + 1];
                    }
                }
            };
        }
    }

    static WeightsSnapshot conditional(long step, float a) {
        return new WeightsSnapshot(ModelConfig.defaults(NetworkKind.MLP, 0).withClasses(2),
                new float[]{a, 0.5f, -0.25f}, null, step);
    }

    static final ClassSet TWO = new ClassSet(List.of(new DensityClass("red", 0xFF0000),
            new DensityClass("blue", 0x0000FF)), new double[]{1, 3});

    @Test
    void theBrushPaintsTheChosenClassTheEraserOneOrAllAndUndoRestores() {
        List<Notification> notes = new ArrayList<>();
        DrawingViewModel d = new DrawingViewModel(notes::add);
        d.clear();
        d.beginStroke(-2, 0);
        d.endStroke();
        assertEquals(1, d.classesProperty().get().size(), "one colour is the unlabelled case");
        d.addClass();
        assertEquals(1, d.activeClassProperty().get());
        d.beginStroke(2, 0);
        d.continueStroke(2.5, 0);
        d.endStroke();
        assertEquals(2, d.classesProperty().get().size());
        assertTrue(d.sampler() instanceof LabelledSampler ls && ls.classes() == 2);
        assertEquals(2, d.classLayers().length);
        double class0 = d.grid().classMass(0);
        d.eraseAllProperty().set(false);
        d.toolProperty().set(DrawingViewModel.Tool.ERASER);
        d.beginStroke(2, 0);
        d.endStroke();
        assertEquals(class0, d.grid().classMass(0), 0, "the eraser of class 1 leaves class 0");
        d.eraseAllProperty().set(true);
        d.activeClassProperty().set(0);
        d.beginStroke(2.25, 0);
        d.endStroke();
        d.undo();
        d.undo();
        d.undo();
        assertEquals(1, d.classesProperty().get().size(), "undo goes back before the second class");
        assertTrue(d.canRedoProperty().get());
        d.redo();
        assertEquals(2, d.classesProperty().get().size());
        assertEquals(2, d.classSet(2).size());

        d.presetClassesProperty().set(true);
        d.loadPreset(Preset.EIGHT_GAUSSIANS);
        assertEquals(8, d.classesProperty().get().size());
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void conditionalParticlesTakeTheirClassColourAndEveryGuidanceChangeReSimulates() {
        ConditionalModel model = new ConditionalModel();
        PlaybackViewModel p = new PlaybackViewModel(SameThreadTaskRunner.immediate(), model, model.inputs(),
                n -> { });
        p.setClasses(k -> k == 2 ? TWO : null);
        p.particlesProperty().set(400);
        p.stepsProperty().set(20);
        model.weights.set(conditional(5, 1f));
        int[] colours = p.colorsProperty().get();
        int red = 0;
        for (int c : colours) {
            assertTrue(c == 0xFFFF0000 || c == 0xFF0000FF, Integer.toHexString(c));
            red += c == 0xFFFF0000 ? 1 : 0;
        }
        assertTrue(red > 60 && red < 140, "all classes, in proportion to mass (1 : 3): " + red + " of 400");
        assertTrue(p.descriptionProperty().get().contains("all classes"), p.descriptionProperty().get());

        int before = model.asked.size();
        p.generateProperty().set(1);
        p.guidanceProperty().set(3);
        assertEquals(before + 2, model.asked.size(), "each change re-simulates");
        Condition last = model.asked.get(model.asked.size() - 1);
        assertEquals(1, last.label());
        assertEquals(3.0, last.guidance());
        assertTrue(p.descriptionProperty().get().contains("class blue · guidance 3"),
                p.descriptionProperty().get());
        for (int c : p.colorsProperty().get()) {
            assertEquals(0xFF0000FF, c);
        }
        // An unconditional model ignores class and guidance: no condition is asked for.
        model.weights.set(TestModel.weights(6, 1f));
        int n = model.asked.size();
        p.guidanceProperty().set(5);
        assertEquals(n, model.asked.size());
        assertEquals(Condition.NONE, p.condition(10));
    }

    @Test
    void theOverlayShowsTheNullTheClassAndTheGuidedFieldOfTheChosenClass() {
        ConditionalModel model = new ConditionalModel();
        SimpleDoubleProperty t = new SimpleDoubleProperty(0.5);
        OverlayViewModel o = new OverlayViewModel(SameThreadTaskRunner.immediate(), model, model.inputs(), t,
                new SimpleBooleanProperty(false), new SimpleBooleanProperty(false));
        javafx.beans.property.SimpleIntegerProperty generate = new javafx.beans.property.SimpleIntegerProperty(1);
        SimpleDoubleProperty w = new SimpleDoubleProperty(2.5);
        o.followGuidance(generate, w);
        model.weights.set(conditional(1, 0.5f));
        assertNull(o.guidanceFieldsProperty().get(), "off until asked for");
        o.showGuidanceProperty().set(true);
        SceneLayers.GuidanceFields g = o.guidanceFieldsProperty().get();
        assertNotNull(g);
        assertEquals(1, g.label());
        float[] none = g.unconditional().vectors();
        float[] cond = g.conditional().vectors();
        float[] guided = g.guided().vectors();
        for (int e = 0; e < none.length; e += 2) {
            assertEquals(2.0, cond[e] - none[e], 1e-5, "class 1 shifts by (2, 0)");
            assertEquals(none[e] + 2.5 * (cond[e] - none[e]), guided[e], 1e-5);
            assertEquals(none[e + 1], guided[e + 1], 1e-6);
        }
        w.set(0);
        assertArrayEquals(none, o.guidanceFieldsProperty().get().guided().vectors(), 1e-6f, "w = 0: the null field");
        model.weights.set(TestModel.weights(2, 0.5f));
        assertNull(o.guidanceFieldsProperty().get(), "an unconditional model has no classes to guide");
        assertFalse(o.showGuidanceProperty().get() && o.guidanceFieldsProperty().get() != null);
    }
}
