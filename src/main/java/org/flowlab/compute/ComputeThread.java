package org.flowlab.compute;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Where network work runs. One instance is created at start-up (by the app or a CLI command) and handed to
 * everything that builds or evaluates networks; nothing here is global.
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>direct</b> (ND4J's CPU backend): work runs on the calling thread, so each thread may own networks of its
 *   own and the app samples in parallel with training; every job (a training loop) gets a thread of its own.</li>
 *   <li><b>serialized</b> (CUDA, or forced for tests with {@link #serial}): one thread owns every network and every
 *   array a network touches. Jobs run there one after another; a job calls {@link #serveQueued()} between two
 *   units of work (two training steps), where the tasks other threads queued with {@link #call} run, so a task
 *   waits at most one unit. Only heap arrays cross threads.</li>
 * </ul>
 *
 * <p>The networks ({@code org.flowlab.nn.Network}) hold their compute thread and route every call through
 * {@link #call}; no other code can reach an ND4J network, so a path that forgets to route its work cannot be
 * written. Tasks never start jobs, and a job never waits for another job.
 */
public final class ComputeThread {

    /** The name of the serialized mode's thread (and of the jobs' threads in direct mode, with a suffix). */
    public static final String THREAD_NAME = "flowlab-device";

    private final boolean serialized;
    private final String name;
    private final Object lock = new Object();
    private final ArrayDeque<FutureTask<?>> tasks = new ArrayDeque<>();
    private final ArrayDeque<FutureTask<?>> jobs = new ArrayDeque<>();
    private Thread thread;                       // serialized mode: the owner, started on first use; guarded by lock

    private ComputeThread(boolean serialized, String name) {
        this.serialized = serialized;
        this.name = name;
    }

    /** Work runs on the caller's thread; jobs get threads of their own. */
    public static ComputeThread direct() {
        return new ComputeThread(false, THREAD_NAME);
    }

    /** One thread, {@code name}, owns all network work (started on first use; a daemon). */
    public static ComputeThread serial(String name) {
        return new ComputeThread(true, name);
    }

    /**
     * The mode the backend needs: serialized on CUDA or when {@code -Dflowlab.device=serial} is set, direct on
     * the CPU.
     */
    public static ComputeThread forBackend() {
        boolean serial = "serial".equalsIgnoreCase(System.getProperty("flowlab.device")) || Nd4jBackend.isCuda();
        return serial ? serial(THREAD_NAME) : direct();
    }

    /** True when one thread owns all network work. */
    public boolean serialized() {
        return serialized;
    }

    /** True when the current thread may touch networks directly: always in direct mode, else only the owner. */
    public boolean isOwner() {
        if (!serialized) {
            return true;
        }
        synchronized (lock) {
            return Thread.currentThread() == thread;
        }
    }

    /**
     * Runs {@code work} where network work belongs and returns its result: on the calling thread when that thread
     * may own networks, otherwise as a task on the owner thread while the caller waits. An exception thrown by
     * the work is rethrown here; interrupting the waiting caller gives a CancellationException (a task that has
     * started finishes on the owner thread).
     */
    public <T> T call(Callable<T> work) {
        if (isOwner()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        FutureTask<T> task = new FutureTask<>(work);
        enqueue(tasks, task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the compute thread");
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
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Starts a long job (a training loop) and returns at once. Serialized: queued for the owner thread, after the
     * jobs before it. Direct: on a new daemon thread named {@code threadName}. The job should call
     * {@link #serveQueued()} between units of work.
     */
    public Future<?> startJob(String threadName, Runnable job) {
        FutureTask<Void> f = new FutureTask<>(job, null);
        if (serialized) {
            enqueue(jobs, f);
        } else {
            Thread t = new Thread(f, threadName);
            t.setDaemon(true);
            t.start();
        }
        return f;
    }

    /** On the owner thread, runs the tasks queued so far (never jobs); elsewhere returns at once. */
    public void serveQueued() {
        if (!serialized || !isOwner()) {
            return;
        }
        while (true) {
            FutureTask<?> next;
            synchronized (lock) {
                next = tasks.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    private void enqueue(ArrayDeque<FutureTask<?>> queue, FutureTask<?> work) {
        synchronized (lock) {
            queue.add(work);
            if (thread == null) {
                Thread t = new Thread(this::loop, name);
                t.setDaemon(true);
                thread = t;
                t.start();
            }
            lock.notifyAll();
        }
    }

    /** The owner thread: queued tasks first, then the next job; sleeps while both queues are empty. */
    private void loop() {
        while (true) {
            FutureTask<?> next;
            synchronized (lock) {
                while (tasks.isEmpty() && jobs.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // The owner thread lives as long as the JVM (a daemon); interrupts are not a shutdown signal.
                    }
                }
                next = tasks.isEmpty() ? jobs.poll() : tasks.poll();
            }
            next.run();
            Thread.interrupted();
        }
    }
}
