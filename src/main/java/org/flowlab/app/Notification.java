package org.flowlab.app;

/** A message for the user: what happened, in words, never a stack trace. */
public record Notification(Severity severity, String text) {

    public enum Severity { INFO, ERROR }

    public static Notification info(String text) {
        return new Notification(Severity.INFO, text);
    }

    public static Notification error(String text) {
        return new Notification(Severity.ERROR, text);
    }
}
