package org.flowlab.density;

/** A density that cannot be built or sampled: empty drawing, unreadable image, CSV without points. */
public class DensityException extends RuntimeException {
    public DensityException(String message) {
        super(message);
    }

    public DensityException(String message, Throwable cause) {
        super(message, cause);
    }
}
