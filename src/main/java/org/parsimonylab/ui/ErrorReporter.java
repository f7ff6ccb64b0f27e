package org.parsimonylab.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;

/**
 * Any exception nobody caught, on any thread: logged, and shown in a dialog, and the app goes on. One dialog at a
 * time, so a failure repeated every frame cannot bury the window in dialogs.
 */
public final class ErrorReporter implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = Logger.getLogger("org.parsimonylab");
    private final AtomicInteger reported = new AtomicInteger();
    private volatile boolean showing;

    /** Installs the reporter as the default handler and as the FX thread's handler. */
    public static ErrorReporter install() {
        ErrorReporter r = new ErrorReporter();
        Thread.setDefaultUncaughtExceptionHandler(r);
        if (Platform.isFxApplicationThread()) {
            Thread.currentThread().setUncaughtExceptionHandler(r);
        } else {
            Platform.runLater(() -> Thread.currentThread().setUncaughtExceptionHandler(r));
        }
        return r;
    }

    /** How many exceptions were reported. */
    public int reported() {
        return reported.get();
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        reported.incrementAndGet();
        LOG.log(Level.SEVERE, "uncaught exception on thread " + thread.getName(), error);
        try {
            Platform.runLater(() -> show(thread, error));
        } catch (IllegalStateException toolkitGone) {
            // The FX toolkit is not running (shutting down): the log line is all we can do.
        }
    }

    private void show(Thread thread, Throwable error) {
        if (showing) {
            return;
        }
        showing = true;
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Parsimony Lab: unexpected error");
        alert.setHeaderText("Something went wrong on thread “" + thread.getName() + "”. The app keeps running.");
        alert.setContentText(String.valueOf(error.getMessage() == null ? error : error.getMessage()));
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setPrefRowCount(12);
        alert.getDialogPane().setExpandableContent(details);
        alert.setOnHidden(e -> showing = false);
        alert.show();
    }
}
