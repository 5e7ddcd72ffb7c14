package org.flowlab.app.present;

import java.util.List;

/** Every keyboard shortcut of the app, as Help ▸ Keyboard shortcuts lists them. The one list to keep up to date. */
public final class Shortcuts {

    /** One shortcut: the keys as shown, what they do, and where they work. */
    public record Shortcut(String keys, String action, String where) {
    }

    public static final String EVERYWHERE = "Anywhere";
    public static final String MAIN_WINDOW = "Main window";
    public static final String PRESENTER = "Presenter mode";

    public static final List<Shortcut> ALL = List.of(
            new Shortcut("F11", "Presenter mode on / off (the canvas full screen, large captions)", EVERYWHERE),
            new Shortcut("F1", "This list of shortcuts", MAIN_WINDOW),
            new Shortcut("Ctrl+Z", "Undo the last brush stroke", MAIN_WINDOW),
            new Shortcut("Ctrl+Shift+Z / Ctrl+Y", "Redo", MAIN_WINDOW),
            new Shortcut("Ctrl+Space", "Play / pause the particles", MAIN_WINDOW),
            new Shortcut("Ctrl+Enter", "Train", MAIN_WINDOW),
            new Shortcut("Ctrl+N / Ctrl+O", "New / open a session", MAIN_WINDOW),
            new Shortcut("Ctrl+S / Ctrl+Shift+S", "Save / save as", MAIN_WINDOW),
            new Shortcut("Ctrl+E", "Export an animation", MAIN_WINDOW),
            new Shortcut("Ctrl+Q", "Quit", MAIN_WINDOW),
            new Shortcut("Space", "Play / pause the particles", PRESENTER),
            new Shortcut("← / →", "Step t by " + PresenterViewModel.T_STEP + " (pauses playing)", PRESENTER),
            new Shortcut("Shift+← / Shift+→", "Previous / next checkpoint of the training history", PRESENTER),
            new Shortcut("T", "Train, or pause training", PRESENTER),
            new Shortcut("R", "Reset the model (fresh weights)", PRESENTER),
            new Shortcut("O", "Overlays menu (trails, field, paths, density, …)", PRESENTER),
            new Shortcut("Esc", "Leave presenter mode", PRESENTER));

    private Shortcuts() {
    }
}
