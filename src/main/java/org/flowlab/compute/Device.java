package org.flowlab.compute;

import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.Trainer;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The one thread that talks to the compute device when the device wants a single owner.
 *
 * <p>On ND4J's CUDA backend every network, every array a network touches and every evaluation lives on one
 * thread, {@value #THREAD_NAME}: a {@link Trainer}'s loop runs there as a <em>job</em> and serves queued
 * <em>tasks</em> (a sampler's velocity evaluation, a density step, building a network from a snapshot) between
 * two training steps, so a task waits at most one step. Everyone else holds only heap copies
 * ({@link WeightsSnapshot}, {@code double[]} states). That mode is {@link #serialized()}: always on CUDA; on the
 * CPU only when asked ({@code -Dflowlab.device=serial}, or by tests), because on the CPU each thread may own a
 * network of its own and the app samples in parallel with training.
 *
 * <p>Invariants in serialized mode: {@link #checkThread()} throws on any other thread (the networks call it),
 * so a path that forgets to route its work fails loudly on the CPU in tests instead of silently on a GPU. One
 * job runs at a time; a second job waits until the first returns. Tasks never nest jobs.
 */
public final class Device {

    public static final String THREAD_NAME = "flowlab-device";

    private static final Object LOCK = new Object();
    private static final ArrayDeque<FutureTask<?>> TASKS = new ArrayDeque<>();
    private static final ArrayDeque<FutureTask<?>> JOBS = new ArrayDeque<>();
    private static volatile Boolean forced;
    private static volatile Thread thread;
    private static final boolean SERIAL_PROPERTY = "serial".equalsIgnoreCase(System.getProperty("flowlab.device"));

    private Device() {
    }

    /** True when all device work goes through the device thread (CUDA, or forced). */
    public static boolean serialized() {
        Boolean f = forced;
        if (f != null) {
            return f;
        }
        return SERIAL_PROPERTY || Backend.isCuda();
    }

    /**
     * Forces serialized mode on or off (null: decide from the backend), for tests on machines without a GPU.
     * Work already queued still runs on the device thread.
     */
    public static void force(Boolean serialized) {
        forced = serialized;
    }

    /** True on the device thread. */
    public static boolean isDeviceThread() {
        return Thread.currentThread() == thread;
    }

    /** In serialized mode, throws unless called on the device thread; elsewhere a no-op. */
    public static void checkThread() {
        if (thread != Thread.currentThread() && serialized()) {
            throw new IllegalStateException("device work on thread '" + Thread.currentThread().getName()
                    + "': only '" + THREAD_NAME + "' may touch the networks when the device is serialized");
        }
    }

    /**
     * Runs {@code work} where device work belongs and returns its result: on the calling thread when not
     * serialized or already on the device thread, otherwise as a task on the device thread (the caller waits).
     * An exception thrown by the work is rethrown here; interrupting the caller gives a CancellationException
     * (the task, once started, finishes on the device thread).
     */
    public static <T> T call(Callable<T> work) {
        if (!serialized() || isDeviceThread()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        FutureTask<T> task = new FutureTask<>(work);
        enqueue(TASKS, task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the device");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** {@link #call} for work without a result. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Queues a long job (a training loop) for the device thread. The job should call {@link #serveQueued()}
     * between units of work. Returns at once.
     */
    public static Future<?> startJob(Runnable job) {
        FutureTask<Void> f = new FutureTask<>(job, null);
        enqueue(JOBS, f);
        return f;
    }

    /** On the device thread, runs the tasks queued so far (never jobs); elsewhere returns at once. */
    public static void serveQueued() {
        if (!isDeviceThread()) {
            return;
        }
        while (true) {
            FutureTask<?> next;
            synchronized (LOCK) {
                next = TASKS.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    private static void enqueue(ArrayDeque<FutureTask<?>> queue, FutureTask<?> work) {
        synchronized (LOCK) {
            queue.add(work);
            if (thread == null) {
                Thread t = new Thread(Device::loop, THREAD_NAME);
                t.setDaemon(true);
                thread = t;
                t.start();
            }
            LOCK.notifyAll();
        }
    }

    /** The device thread: tasks first, then the next job; sleeps while both queues are empty. */
    private static void loop() {
        while (true) {
            FutureTask<?> next;
            synchronized (LOCK) {
                while (TASKS.isEmpty() && JOBS.isEmpty()) {
                    try {
                        LOCK.wait();
                    } catch (InterruptedException e) {
                        // The device thread lives as long as the JVM; interrupts are not a shutdown signal.
                    }
                }
                next = TASKS.isEmpty() ? JOBS.poll() : TASKS.poll();
            }
            next.run();
            Thread.interrupted();
        }
    }
}
