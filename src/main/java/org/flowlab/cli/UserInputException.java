package org.flowlab.cli;

/** Bad input from the user: reported as one line with exit code 2. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
