package org.flowlab.app.present;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Help ▸ Keyboard shortcuts: {@link Shortcuts#ALL}, grouped by where they work. */
public final class ShortcutsDialog {

    private ShortcutsDialog() {
    }

    /** The table, one row per shortcut under a heading per place (tests look it up by id). */
    public static GridPane table() {
        GridPane g = new GridPane();
        g.setId("shortcutsTable");
        g.setHgap(18);
        g.setVgap(4);
        g.setPadding(new Insets(4, 8, 4, 8));
        int row = 0;
        String where = null;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            if (!s.where().equals(where)) {
                where = s.where();
                Label heading = new Label(where);
                heading.getStyleClass().add("shortcuts-heading");
                heading.setStyle("-fx-font-weight: bold;");
                GridPane.setMargin(heading, new Insets(row == 0 ? 0 : 10, 0, 2, 0));
                g.add(heading, 0, row++, 2, 1);
            }
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("shortcut-keys");
            keys.setStyle("-fx-font-weight: bold;");
            keys.setMinWidth(Label.USE_PREF_SIZE);
            Label action = new Label(s.action());
            action.setMnemonicParsing(false);
            g.addRow(row++, keys, action);
        }
        return g;
    }

    /** Shows the list (not modal, so it can stay open beside the window). */
    public static Alert show(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts (Ctrl is ⌘ on macOS)");
        a.getDialogPane().setContent(table());
        a.initOwner(owner);
        a.initModality(Modality.NONE);
        a.setResizable(true);
        a.show();
        return a;
    }
}
