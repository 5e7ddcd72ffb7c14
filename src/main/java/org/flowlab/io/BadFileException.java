package org.flowlab.io;

import java.io.IOException;

/**
 * A file the user gave is missing, damaged or not what it claims to be (a truncated model, a newer session
 * format, …). Its message names the file and can be shown as it is; the command line reports it as the user's
 * input (exit code 2), unlike an IOException that stems from FlowLab itself.
 */
public class BadFileException extends IOException {

    public BadFileException(String message) {
        super(message);
    }

    public BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
