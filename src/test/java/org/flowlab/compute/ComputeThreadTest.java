package org.flowlab.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two modes of {@link ComputeThread}: where work runs, how jobs serve queued tasks, how failures travel. */
class ComputeThreadTest {

    @Test
    void directModeRunsWorkOnTheCaller() {
        ComputeThread c = ComputeThread.direct();
        assertFalse(c.serialized());
        assertTrue(c.isOwner());
        assertEquals(Thread.currentThread().getName(), c.call(() -> Thread.currentThread().getName()));
    }

    @Test
    void serialModeRunsWorkOnItsOwnThread() {
        ComputeThread c = ComputeThread.serial("test-owner");
        assertTrue(c.serialized());
        assertFalse(c.isOwner(), "the test thread does not own the networks");
        assertEquals("test-owner", c.call(() -> Thread.currentThread().getName()));
        assertTrue(c.call(c::isOwner), "work runs where the owner is");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> c.run(() -> { throw new IllegalStateException("boom"); }));
        assertEquals("boom", e.getMessage(), "the work's exception reaches the caller");
    }

    @Test
    void twoInstancesAreIndependent() {
        ComputeThread a = ComputeThread.serial("owner-a");
        ComputeThread b = ComputeThread.serial("owner-b");
        assertEquals("owner-a", a.call(() -> Thread.currentThread().getName()));
        assertEquals("owner-b", b.call(() -> Thread.currentThread().getName()));
    }

    @Test
    void aJobServesQueuedTasksBetweenItsUnitsOfWork() throws Exception {
        ComputeThread c = ComputeThread.serial("test-owner");
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch taskQueued = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Future<?> job = c.startJob("unused", () -> {
            int unit = 0;
            while (stop.getCount() > 0) {
                order.add("unit");
                unit++;
                if (unit == 3) {
                    taskQueued.countDown();
                }
                c.serveQueued();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        assertTrue(taskQueued.await(10, TimeUnit.SECONDS));
        String ranOn = c.call(() -> {
            order.add("task");
            return Thread.currentThread().getName();
        });
        stop.countDown();
        job.get(10, TimeUnit.SECONDS);
        // call() returned while the job was still looping (it ends only after stop): the job served the task.
        assertEquals("test-owner", ranOn, "a task queued while a job runs is served by the job's thread");
        int task = order.indexOf("task");
        assertTrue(task >= 3, "served after the job's third unit, while it ran: " + order);
    }

    @Test
    void directJobsGetThreadsOfTheirOwn() throws Exception {
        ComputeThread c = ComputeThread.direct();
        String[] name = new String[1];
        c.startJob("job-thread", () -> name[0] = Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        assertEquals("job-thread", name[0]);
    }
}
