package org.parsimonylab.checkpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tensors of a checkpoint are analysed. A tensor is taken when its name contains a match of {@code include}
 * (default: every name), contains no match of {@code exclude} (default: none), and it is a matrix: 2-D, or 3-D to 5-D
 * (convolution kernels out × in × kh × kw…, reshaped to out × (in·kh·kw…)). Scalars and vectors (biases, norms) are
 * never taken. The order is the checkpoint's natural name order, which defines "consecutive layers".
 */
public final class TensorSelection {
    private final Pattern include;
    private final Pattern exclude;

    private TensorSelection(Pattern include, Pattern exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /** A selection from the two regular expressions (either may be null); bad syntax is an IllegalArgumentException. */
    public static TensorSelection of(String include, String exclude) {
        return new TensorSelection(compile("--tensors", include), compile("--exclude", exclude));
    }

    /** Every matrix and convolution kernel. */
    public static TensorSelection all() {
        return new TensorSelection(null, null);
    }

    private static Pattern compile(String option, String regex) {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    option + " '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    /** Whether the name passes the include and exclude expressions (shape aside). */
    public boolean nameMatches(String name) {
        return (include == null || include.matcher(name).find())
                && (exclude == null || !exclude.matcher(name).find());
    }

    /**
     * The selected tensors of {@code c}, in its order.
     *
     * @throws CheckpointException naming the file and tensor when a selected tensor has an unsupported dtype or is
     *     too large, or naming the file when nothing is selected
     */
    public List<SelectedTensor> select(Checkpoint c) throws CheckpointException {
        List<SelectedTensor> out = new ArrayList<>();
        for (TensorInfo t : c.tensors()) {
            long[] s = t.shape();
            if (!nameMatches(t.name()) || s.length < 2 || s.length > 5) {
                continue;
            }
            if (t.dtype() == null) {
                throw new CheckpointException(c.path() + ": tensor '" + t.name() + "' has dtype " + t.dtypeName()
                        + ", which is not supported (supported: " + Dtype.SUPPORTED
                        + "; leave it out with --exclude)");
            }
            long cols = 1;
            for (int i = 1; i < s.length; i++) {
                cols *= s[i];
            }
            if (s[0] == 0 || cols == 0) {
                continue;
            }
            if (s[0] > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || s[0] * cols > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(
                        c.path() + ": tensor '" + t.name() + "' of shape " + t.shapeText() + " is too large");
            }
            out.add(new SelectedTensor(t.name(), s, t.dtypeName(), (int) s[0], (int) cols));
        }
        if (out.isEmpty()) {
            throw new CheckpointException(
                    c.path() + ": no tensor is selected (" + c.tensors().size()
                            + " tensors; the selection takes 2-D to 5-D tensors whose names match --tensors and not --exclude)");
        }
        return out;
    }

    /**
     * Checks that {@code c} holds every tensor of {@code selection} with the same shape as when it was selected.
     *
     * @throws CheckpointException naming the file, the tensor and both shapes otherwise
     */
    public static void checkSame(Checkpoint c, List<SelectedTensor> selection, java.nio.file.Path first)
            throws CheckpointException {
        for (SelectedTensor s : selection) {
            TensorInfo t = c.tensor(s.name());
            if (t == null) {
                throw new CheckpointException(
                        c.path() + ": tensor '" + s.name() + "' is missing (it is in " + first + ")");
            }
            if (!java.util.Arrays.equals(t.shape(), s.shape())) {
                throw new CheckpointException(c.path() + ": tensor '" + s.name() + "' has shape " + t.shapeText()
                        + " but " + java.util.Arrays.toString(s.shape()) + " in " + first
                        + " (a tensor's shape must not change between steps)");
            }
            if (t.dtype() == null) {
                throw new CheckpointException(c.path() + ": tensor '" + t.name() + "' has dtype " + t.dtypeName()
                        + ", which is not supported (supported: " + Dtype.SUPPORTED + ")");
            }
        }
    }
}
