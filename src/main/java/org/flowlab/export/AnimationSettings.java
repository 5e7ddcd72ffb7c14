package org.flowlab.export;

import java.util.Locale;

/**
 * How an animation maps frames to times and what it shows.
 *
 * @param width      pixels (even for MP4)
 * @param height     pixels (even for MP4)
 * @param fps        frames per second
 * @param seconds    duration; frames = round(fps · seconds)
 * @param tFrom      first t of the range (0 = noise)
 * @param tTo        last t of the range (1 = data)
 * @param direction  forward plays tFrom → tTo, backward tTo → tFrom, ping-pong there and back
 * @param trails     draw particle trails
 * @param field      draw the velocity field (needs a field evaluator)
 * @param target     draw the target density underneath
 * @param caption    text in the bottom-left corner, or null; "{t}" is replaced by the frame's t
 */
public record AnimationSettings(int width, int height, double fps, double seconds, double tFrom, double tTo,
                                Direction direction, boolean trails, boolean field, boolean target, String caption) {

    public enum Direction {
        FORWARD, BACKWARD, PING_PONG;

        public static Direction byId(String id) {
            return switch (id.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "forward", "noisetodata" -> FORWARD;
                case "backward", "datatonoise" -> BACKWARD;
                case "pingpong" -> PING_PONG;
                default -> throw new IllegalArgumentException("unknown direction '" + id
                        + "'; choose forward, backward or ping-pong");
            };
        }
    }

    public AnimationSettings {
        if (width < 16 || height < 16 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("size must be between 16×16 and 7680×4320, got " + width + "×" + height);
        }
        if (!(fps >= 1 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in [1, 120]");
        }
        if (!(seconds > 0 && seconds <= 600)) {
            throw new IllegalArgumentException("duration must be in (0, 600] seconds");
        }
        if (!(tFrom >= 0 && tTo <= 1 && tFrom <= tTo)) {
            throw new IllegalArgumentException("t range must satisfy 0 ≤ from ≤ to ≤ 1");
        }
        if (direction == null) {
            direction = Direction.FORWARD;
        }
    }

    public static AnimationSettings defaults() {
        return new AnimationSettings(1280, 720, 30, 6, 0, 1, Direction.FORWARD, false, false, true, null);
    }

    public int frameCount() {
        return Math.max(1, (int) Math.round(fps * seconds));
    }

    /** The time shown in frame k of {@link #frameCount()}. */
    public double timeOf(int k) {
        int n = frameCount();
        double u = n == 1 ? 1 : (double) k / (n - 1);
        double s = switch (direction) {
            case FORWARD -> u;
            case BACKWARD -> 1 - u;
            case PING_PONG -> u <= 0.5 ? 2 * u : 2 - 2 * u;
        };
        return tFrom + s * (tTo - tFrom);
    }

    public AnimationSettings withSize(int w, int h) {
        return new AnimationSettings(w, h, fps, seconds, tFrom, tTo, direction, trails, field, target, caption);
    }

    public AnimationSettings withTiming(double newFps, double newSeconds) {
        return new AnimationSettings(width, height, newFps, newSeconds, tFrom, tTo, direction, trails, field, target,
                caption);
    }

    public AnimationSettings withOverlays(boolean tr, boolean fi, boolean ta) {
        return new AnimationSettings(width, height, fps, seconds, tFrom, tTo, direction, tr, fi, ta, caption);
    }

    public AnimationSettings withRange(double from, double to) {
        return new AnimationSettings(width, height, fps, seconds, from, to, direction, trails, field, target, caption);
    }

    public AnimationSettings withDirection(Direction d) {
        return new AnimationSettings(width, height, fps, seconds, tFrom, tTo, d, trails, field, target, caption);
    }

    public AnimationSettings withCaption(String c) {
        return new AnimationSettings(width, height, fps, seconds, tFrom, tTo, direction, trails, field, target, c);
    }

    /** Parses "1280x720" (also 720p, 1080p, square). */
    public static int[] parseSize(String s) {
        String v = s.toLowerCase(Locale.ROOT).strip();
        switch (v) {
            case "720p":
                return new int[]{1280, 720};
            case "1080p":
                return new int[]{1920, 1080};
            case "square", "square1080":
                return new int[]{1080, 1080};
            default:
                break;
        }
        String[] parts = v.split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("size must look like 1280x720, 720p, 1080p or square, got '" + s + "'");
        }
        try {
            return new int[]{Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size must look like 1280x720, got '" + s + "'");
        }
    }
}
