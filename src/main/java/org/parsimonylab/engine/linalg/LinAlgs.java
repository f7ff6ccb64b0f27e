package org.parsimonylab.engine.linalg;

import java.util.Locale;

/** Chooses a {@link LinAlg} backend by name: {@code auto} (netlib, native when installed), {@code netlib}, {@code ejml}. */
public final class LinAlgs {
    /** System property that overrides the default backend name. */
    public static final String PROPERTY = "parsimony.backend";

    private LinAlgs() {}

    /** A fresh backend instance named by the system property {@value #PROPERTY}, default {@code auto}. */
    public static LinAlg create() {
        return create(System.getProperty(PROPERTY, "auto"));
    }

    /** A fresh backend instance; each trainer thread takes its own because backends keep workspaces. */
    public static LinAlg create(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "auto", "netlib" -> NetlibLinAlg.best();
            case "ejml" -> new EjmlLinAlg();
            default -> throw new IllegalArgumentException(
                    "backend must be one of auto, netlib, ejml (got '" + name + "')");
        };
    }
}
