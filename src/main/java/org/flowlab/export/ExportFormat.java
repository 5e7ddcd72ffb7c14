package org.flowlab.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What an output path asks for, by its extension (or a folder for a PNG sequence). */
public enum ExportFormat {
    MP4, GIF, PNG_SEQUENCE, PNG_STILL, SVG_STILL;

    public boolean isStill() {
        return this == PNG_STILL || this == SVG_STILL;
    }

    /**
     * .mp4 → MP4, .gif → GIF, .png → one still, .svg → one vector still; a path ending in '/' or an existing
     * folder → numbered PNG frames inside it.
     */
    public static ExportFormat forPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mp4")) {
            return MP4;
        }
        if (lower.endsWith(".gif")) {
            return GIF;
        }
        if (lower.endsWith(".png")) {
            return PNG_STILL;
        }
        if (lower.endsWith(".svg")) {
            return SVG_STILL;
        }
        if (path.endsWith("/") || path.endsWith("\\") || Files.isDirectory(Path.of(path)) || !lower.contains(".")) {
            return PNG_SEQUENCE;
        }
        throw new IllegalArgumentException("cannot tell the format of '" + path
                + "': use .mp4, .gif, .png, .svg, or a folder for PNG frames");
    }
}
