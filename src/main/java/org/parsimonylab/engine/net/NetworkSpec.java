package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * The {@code network} section of a preset (DESIGN.md §5). Layer shapes: W1 width×in, W2…W_{L−1} width×width, W_L
 * out×width; with depth 1 the single layer is out×in (docs/science.md §1.1 init_net).
 *
 * @param kind linear or mlp
 * @param depth L, the number of weight matrices
 * @param width hidden width
 * @param activation φ after every layer except the last (identity for linear networks)
 * @param bias whether layers have biases (linear networks have none; MLP biases start at 0)
 * @param init initialisation
 * @param trainLast whether W_L is trained
 * @param compression compressed form
 */
public record NetworkSpec(
        NetworkKind kind,
        int depth,
        int width,
        Activation activation,
        boolean bias,
        InitSpec init,
        boolean trainLast,
        CompressionSpec compression) {

    /** Largest depth accepted. */
    public static final int MAX_DEPTH = 200;

    /** Largest width accepted. */
    public static final int MAX_WIDTH = 10_000;

    public NetworkSpec {
        Check.present("kind", kind);
        Check.present("activation", activation);
        Check.present("init", init);
        Check.present("compression", compression);
        Check.range("depth", depth, 1, MAX_DEPTH);
        Check.range("width", width, 1, MAX_WIDTH);
        if (kind == NetworkKind.LINEAR) {
            Check.that(
                    activation == Activation.IDENTITY,
                    "activation must be identity for a linear network (got '" + activation.label() + "')");
            Check.that(!bias, "bias must be false for a linear network");
            Check.that(
                    compression.kind() != CompressionKind.LOWRANK
                            && compression.kind() != CompressionKind.LOWRANK_RANDOM,
                    "compression.kind '" + compression.kind().label() + "' needs network.kind mlp");
        }
        if (kind == NetworkKind.MLP) {
            Check.range("depth", depth, 2, MAX_DEPTH);
            Check.that(
                    compression.kind() == CompressionKind.NONE
                            || compression.kind() == CompressionKind.LOWRANK
                            || compression.kind() == CompressionKind.LOWRANK_RANDOM,
                    "compression.kind '" + compression.kind().label() + "' needs network.kind linear");
        }
    }

    /** The defaults of DESIGN.md §5: a 3-layer linear network of width 30, orthogonal init with ε = 1. */
    public static NetworkSpec defaults() {
        return new NetworkSpec(
                NetworkKind.LINEAR,
                3,
                30,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, 1.0),
                true,
                new CompressionSpec(CompressionKind.NONE, 3));
    }

    /** This spec with width {@code newWidth}. */
    public NetworkSpec withWidth(int newWidth) {
        return new NetworkSpec(kind, depth, newWidth, activation, bias, init, trainLast, compression);
    }

    /** This spec with activation {@code newActivation}. */
    public NetworkSpec withActivation(Activation newActivation) {
        return new NetworkSpec(kind, depth, width, newActivation, bias, init, trainLast, compression);
    }

    /** This spec with initialisation {@code newInit}. */
    public NetworkSpec withInit(InitSpec newInit) {
        return new NetworkSpec(kind, depth, width, activation, bias, newInit, trainLast, compression);
    }

    /** This spec with compression {@code newCompression}. */
    public NetworkSpec withCompression(CompressionSpec newCompression) {
        return new NetworkSpec(kind, depth, width, activation, bias, init, trainLast, newCompression);
    }

    /** Shape {rows, cols} of weight {@code l} (0-based) for the given input and output dimensions. */
    public int[] layerShape(int l, int inputDim, int outputDim) {
        int rows = l == depth - 1 ? outputDim : width;
        int cols = l == 0 ? inputDim : width;
        return new int[] {rows, cols};
    }
}
