package org.flowlab.app;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.Property;
import javafx.scene.Node;

/**
 * Two-way bindings between a control's boxed value and a view model's primitive property that last as long as
 * the control. JavaFX holds bidirectional bindings weakly: bound to an {@code asObject()} wrapper that nothing
 * else references, a control follows its property only until the next garbage collection. Here the control
 * keeps the wrapper.
 */
public final class ControlBindings {

    private static final Object KEY = new Object();

    private ControlBindings() {
    }

    public static void integer(Node owner, Property<Integer> control, IntegerProperty model) {
        keepBound(owner, control, model.asObject());
    }

    public static void decimal(Node owner, Property<Double> control, DoubleProperty model) {
        keepBound(owner, control, model.asObject());
    }

    public static void whole(Node owner, Property<Long> control, LongProperty model) {
        keepBound(owner, control, model.asObject());
    }

    @SuppressWarnings("unchecked")
    private static <T> void keepBound(Node owner, Property<T> control, Property<T> wrapper) {
        ((List<Object>) owner.getProperties().computeIfAbsent(KEY, k -> new ArrayList<>())).add(wrapper);
        control.bindBidirectional(wrapper);
    }
}
