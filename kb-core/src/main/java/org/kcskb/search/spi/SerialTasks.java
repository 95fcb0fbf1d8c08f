package org.kcskb.search.spi;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on an executor that may have many threads: the follower's work
 * never runs concurrently with itself, whoever's pool it borrows. Each task runs in its own execution on the pool,
 * so that a follower with a backlog does not hold a shared thread for longer than one task. Thread-safe.
 */
final class SerialTasks {
    private static final System.Logger LOG = System.getLogger(SerialTasks.class.getName());

    private final Executor pool;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;
    /** The thread running a task now, for {@link #interruptRunning}. */
    private Thread running;

    SerialTasks(Executor pool) {
        this.pool = pool;
    }

    /**
     * Queues a task.
     *
     * @throws RejectedExecutionException after {@link #closeWith}, or if the pool refuses
     */
    void execute(Runnable task) {
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            queue.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule();
    }

    /** Queues a task and returns its outcome. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        var result = new CompletableFuture<T>();
        execute(new Outcome<>(result, work));
        return result;
    }

    /**
     * Queues a last task, after which no task is accepted; tasks queued before it still run first.
     *
     * @return its outcome; already done if the tasks were closed before
     */
    CompletableFuture<Void> closeWith(Work<Void> last) {
        var result = new CompletableFuture<Void>();
        synchronized (this) {
            if (closed) {
                result.complete(null);
                return result;
            }
            queue.add(new Outcome<>(result, last));
            closed = true;
            if (scheduled) {
                return result;
            }
            scheduled = true;
        }
        schedule();
        return result;
    }

    /** Interrupts the task running now, if any: for a close that gives up waiting for it. */
    synchronized void interruptRunning() {
        if (running != null) {
            running.interrupt();
        }
    }

    private void schedule() {
        try {
            pool.execute(this::runOne);
        } catch (RejectedExecutionException e) {
            drop();
            throw e;
        }
    }

    private void runOne() {
        Runnable task;
        synchronized (this) {
            task = queue.poll();
            if (task == null) {
                scheduled = false;
                return;
            }
            running = Thread.currentThread();
        }
        // An interrupt left over on a borrowed thread must not reach the index's files (a Lucene file channel closes
        // on interrupt, and its writer with it).
        Thread.interrupted();
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // The tasks handle their failures; one that escapes must not stop the ones after it.
            LOG.log(System.Logger.Level.ERROR, "A search index follower task failed", e);
        } finally {
            boolean more;
            synchronized (this) {
                running = null;
                // An interrupt of this task (interruptRunning) must not outlive it on a thread the pool lends to
                // other work, another knowledge base's files among them.
                Thread.interrupted();
                // Decided under the lock with the flag: a task queued from now on is run by the execution
                // scheduled here, never by a second one (which could run concurrently with it).
                more = !queue.isEmpty();
                scheduled = more;
            }
            if (more) {
                try {
                    pool.execute(this::runOne);
                } catch (RejectedExecutionException e) {
                    // The pool is shutting down: the queued tasks are dropped, as a shut-down executor drops them.
                    drop();
                }
            }
        }
    }

    /** Gives up the queued tasks: their outcomes fail, so that nobody waits for them forever. */
    private void drop() {
        List<Runnable> dropped;
        synchronized (this) {
            scheduled = false;
            closed = true;
            dropped = List.copyOf(queue);
            queue.clear();
        }
        for (Runnable task : dropped) {
            if (task instanceof Outcome<?> outcome) {
                outcome.result.completeExceptionally(
                        new RejectedExecutionException("The search index follower's executor was shut down"));
            }
        }
    }

    /** A queued task whose outcome someone may wait for. */
    private record Outcome<T>(CompletableFuture<T> result, Work<T> work) implements Runnable {
        @Override
        public void run() {
            complete(result, work);
        }
    }

    private static <T> void complete(CompletableFuture<T> result, Work<T> work) {
        try {
            result.complete(work.run());
        } catch (Throwable t) {
            result.completeExceptionally(t);
            if (t instanceof Error error) {
                throw error;
            }
        }
    }

    /** A task with a result; may throw. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }
}
