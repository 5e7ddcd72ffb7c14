package org.flowlab.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.flowlab.nn.ModelConfig;
import org.flowlab.train.TrainingConfig;

/** Small configurations and a polling wait shared by the core tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A small net keeps tests fast; the behaviour under test does not depend on size. */
    public static ModelConfig smallMlp(long seed) {
        return ModelConfig.referenceMlp(seed).withWidths(new int[]{32, 32});
    }

    /** Batch 128, Adam 1e-3, {@code steps} steps (0 = until stopped), training seed 5. */
    public static TrainingConfig quick(long steps) {
        return new TrainingConfig(128, 1e-3, steps, 5, 256, 10, 20);
    }

    /** Polls every 5 ms until the condition holds; fails after 60 s. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
