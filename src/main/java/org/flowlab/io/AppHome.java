package org.flowlab.io;

import java.nio.file.Path;

/**
 * FlowLab's folder for settings, recovery files and logs: the {@code flowlab.home} system property when set
 * (tests point it into {@code target/}), else {@code ~/.flowlab}. The one place that decides it.
 */
public final class AppHome {

    public static final String PROPERTY = "flowlab.home";

    private AppHome() {
    }

    /** The folder; it may not exist yet. Read on every call, so a property set later takes effect. */
    public static Path home() {
        String h = System.getProperty(PROPERTY);
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".flowlab");
    }
}
