package org.parsimonylab.ui;

import java.util.Arrays;
import javafx.application.Application;

/**
 * The jar's main class. It does not extend {@link Application}, so that a plain class path (the shaded jar) can start
 * JavaFX (ecosystem.md §3). No arguments: the app. {@code gui [options]}: the app with options (see {@link App}).
 * Anything else: the command line, {@link org.parsimonylab.cli.Main}.
 */
public final class Launcher {
    private Launcher() {}

    /** Starts the app or the command line. */
    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(App.class);
        } else if (args[0].equals("gui")) {
            Application.launch(App.class, Arrays.copyOfRange(args, 1, args.length));
        } else {
            org.parsimonylab.cli.Main.main(args);
        }
    }
}
