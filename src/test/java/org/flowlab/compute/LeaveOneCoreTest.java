package org.flowlab.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * While the app plays and trains, products and libnd4j's ops (its master threads) leave one core to the UI, and get every thread
 * back afterwards (the numbers they started with, whatever those were on this machine).
 */
class LeaveOneCoreTest {

    @Test
    void leavesOneThreadOfProductsAndOpsAndGivesThemBack() {
        Nd4jBackend.ensureInitialised();
        int products = Nd4j.factory().blas().getMaxThreads();
        int masters = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Nd4jBackend.leaveOneCoreToTheUi(true);
            assertEquals(Math.max(1, products - 1), Nd4j.factory().blas().getMaxThreads());
            assertEquals(Math.max(1, masters - 1), Nd4j.getEnvironment().maxMasterThreads());
            Nd4jBackend.leaveOneCoreToTheUi(true);      // twice: still one left, not two
            assertEquals(Math.max(1, products - 1), Nd4j.factory().blas().getMaxThreads());
            assertEquals(Math.max(1, masters - 1), Nd4j.getEnvironment().maxMasterThreads());
        } finally {
            Nd4jBackend.leaveOneCoreToTheUi(false);
        }
        assertEquals(products, Nd4j.factory().blas().getMaxThreads());
        assertEquals(masters, Nd4j.getEnvironment().maxMasterThreads());
    }
}
