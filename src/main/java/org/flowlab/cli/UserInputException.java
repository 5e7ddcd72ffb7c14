package org.flowlab.cli;

import java.util.function.Supplier;

/** Bad input from the user: reported as one line with exit code 2. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds a core object from the user's option values: the IllegalArgumentException its constructor throws
     * for a value out of range is then the user's mistake, named by {@code options} (e.g. "--batch"). Only for
     * constructions that merely check values, so an IllegalArgumentException from real work stays an internal error.
     */
    static <T> T fromOptions(String options, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(options + ": " + e.getMessage(), e);
        }
    }
}
