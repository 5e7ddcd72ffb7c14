package org.flowlab.app;

import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * The seed spinner's values: any long, as sessions and the CLI may use (an integer spinner would clamp a restored
 * seed and so change the model), typed in or stepped by the arrows (not below 0). Text that is not a number
 * leaves the seed as it was.
 */
final class SeedValueFactory extends SpinnerValueFactory<Long> {

    SeedValueFactory() {
        setConverter(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Long fromString(String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return getValue();
                }
            }
        });
        setValue(0L);
    }

    @Override
    public void decrement(int steps) {
        setValue(Math.max(0, getValue() - steps));
    }

    @Override
    public void increment(int steps) {
        setValue(getValue() + steps);
    }
}
