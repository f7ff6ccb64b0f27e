package org.parsimonylab.ui;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** Messages for the user after a file action: errors are shown here, never thrown at them. */
final class Dialogs {
    private Dialogs() {}

    /** A non-blocking error dialog: what failed ({@code header}) and why ({@code message}). */
    static Alert error(Window owner, String header, String message) {
        return show(Alert.AlertType.ERROR, owner, header, message);
    }

    /** A non-blocking information dialog. */
    static Alert info(Window owner, String header, String message) {
        return show(Alert.AlertType.INFORMATION, owner, header, message);
    }

    private static Alert show(Alert.AlertType type, Window owner, String header, String message) {
        Alert alert = new Alert(type);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Parsimony Lab");
        alert.setHeaderText(header);
        alert.setContentText(message);
        alert.show();
        return alert;
    }
}
