package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The latest request in a lane wins, on the test runner and on the threaded one the app uses. */
class TaskRunnerTest {

    private final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    @Test
    void aNewerRequestReplacesTheOlderOnesResult() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
        List<String> delivered = new ArrayList<>();
        TaskRunner.Handle first = runner.submit("lane", p -> "first", delivered::add, e -> delivered.add("error"));
        TaskRunner.Handle second = runner.submit("lane", p -> "second", delivered::add, e -> delivered.add("error"));
        runner.submit("other", p -> "other lane", delivered::add, e -> delivered.add("error"));
        assertTrue(first.isCancelled());
        assertFalse(second.isCancelled());
        assertEquals(3, runner.runPending());
        assertEquals(List.of("second", "other lane"), delivered);
        assertTrue(first.isDone() && second.isDone());
    }

    @Test
    void aCancelledRequestNeverDeliversButStillReportsThatItStopped() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
        List<String> delivered = new ArrayList<>();
        AtomicBoolean ran = new AtomicBoolean();
        TaskRunner.Handle h = runner.submit("lane", p -> {
            ran.set(true);
            return "x";
        }, delivered::add, e -> delivered.add("error"));
        List<String> stopped = new ArrayList<>();
        h.whenStopped(() -> stopped.add("stopped"));
        h.cancel();
        runner.runPending();
        assertFalse(ran.get(), "cancelled before it started: never runs");
        assertEquals(List.of(), delivered);
        assertEquals(List.of("stopped"), stopped);
    }

    @Test
    void errorsAreDeliveredButCancellationIsNot() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();
        List<Throwable> errors = new ArrayList<>();
        runner.submit("lane", p -> {
            throw new IllegalStateException("broken");
        }, v -> { }, errors::add);
        runner.submit("lane", p -> {
            throw new java.util.concurrent.CancellationException();
        }, v -> { }, errors::add);
        assertEquals(1, errors.size());
        assertEquals("broken", errors.get(0).getMessage());
    }

    @Test
    void progressIsReportedOnTheHandle() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();
        TaskRunner.Handle h = runner.submit("lane", p -> {
            p.progress(0.25);
            p.progress(0.75);
            return null;
        }, v -> { }, e -> { });
        assertEquals(0.75, h.progressProperty().get());
    }

    @Test
    void nothingIsDeliveredAfterClose() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
        List<String> delivered = new ArrayList<>();
        runner.submit("lane", p -> "before", delivered::add, e -> { });
        runner.close();
        TaskRunner.Handle after = runner.submit("lane", p -> "after", delivered::add, e -> { });
        runner.runPending();
        assertEquals(List.of(), delivered);
        assertTrue(after.isDone() && after.isCancelled());
    }

    /** Runs {@code r} on the fake UI thread and waits for it. */
    private void onUi(Runnable r) throws Exception {
        ui.submit(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theThreadedRunnerCancelsRunningWorkAndDeliversOnlyTheLatestOnTheDeliveryThread() throws Exception {
        LaneTaskRunner runner = new LaneTaskRunner(ui);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondDelivered = new CountDownLatch(1);
        AtomicBoolean firstSawCancel = new AtomicBoolean();
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> uiThread = new AtomicReference<>();
        AtomicReference<Thread> deliveredOn = new AtomicReference<>();
        AtomicReference<Thread> workedOn = new AtomicReference<>();
        onUi(() -> {
            uiThread.set(Thread.currentThread());
            runner.submit("lane", p -> {
                firstStarted.countDown();
                long end = System.nanoTime() + 10_000_000_000L;
                while (!p.isCancelled() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                firstSawCancel.set(p.isCancelled());
                return "first";
            }, delivered::add, e -> delivered.add("error"));
        });
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        onUi(() -> runner.submit("lane", p -> {
            workedOn.set(Thread.currentThread());
            return "second";
        }, v -> {
            deliveredOn.set(Thread.currentThread());
            delivered.add(v);
            secondDelivered.countDown();
        }, e -> delivered.add("error")));
        assertTrue(secondDelivered.await(10, TimeUnit.SECONDS));
        onUi(() -> { });
        assertTrue(firstSawCancel.get(), "the running request saw it was replaced");
        assertEquals(List.of("second"), delivered);
        assertEquals(uiThread.get(), deliveredOn.get(), "results arrive on the delivery thread");
        assertNotEquals(uiThread.get(), workedOn.get(), "work runs off the delivery thread");
        onUi(runner::close);
    }

    @Test
    void lanesOfAGroupShareAThreadButEachKeepsItsOwnLatestRequest() throws Exception {
        LaneTaskRunner runner = new LaneTaskRunner(ui);
        CountDownLatch both = new CountDownLatch(2);
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        onUi(() -> {
            for (String lane : List.of("group/a", "group/b")) {
                runner.submit(lane, p -> {
                    threads.add(Thread.currentThread());
                    return lane;
                }, v -> {
                    delivered.add(v);
                    both.countDown();
                }, e -> { });
            }
        });
        assertTrue(both.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("group/a", "group/b"), delivered, "neither replaced the other, in order");
        assertEquals(threads.get(0), threads.get(1), "one thread for the group");
        assertEquals("flowlab-group", threads.get(0).getName());
        onUi(runner::close);
    }
}
