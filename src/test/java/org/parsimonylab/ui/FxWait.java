package org.parsimonylab.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for a condition read on the FX thread, shared by the whole-app tests. */
final class FxWait {
    private FxWait() {}

    /** Waits up to 60 s until {@code condition}, evaluated on the FX thread, holds. */
    static void until(FxRobot robot, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            Boolean[] ok = {false};
            robot.interact(() -> {
                try {
                    ok[0] = condition.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return ok[0];
        });
    }
}
