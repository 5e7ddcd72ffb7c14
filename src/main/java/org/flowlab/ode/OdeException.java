package org.flowlab.ode;

/** An integration that could not be completed: step cap reached or a non-finite state. */
public class OdeException extends RuntimeException {
    public OdeException(String message) {
        super(message);
    }
}
