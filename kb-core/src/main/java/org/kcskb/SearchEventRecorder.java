package org.kcskb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.kcskb.analytics.RecordingStats;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.store.spi.AnalyticsStore;

/**
 * Records search events without ever holding up the caller: {@link #record} offers the event to a bounded queue
 * and returns; a periodic task on a scheduler (shared with other knowledge bases; the recorder owns no thread)
 * writes the queue to the {@link AnalyticsStore} in batches. The task's rounds never overlap, whichever of the
 * scheduler's threads runs them.
 *
 * <p>Memory is bounded by the queue's capacity plus one batch in flight: when the store falls behind, the queue
 * fills up and further events are dropped and counted, never buffered. A failing store loses the failed batch
 * (counted and logged) and nothing else; the rounds go on. {@link #flush()} writes everything recorded
 * before it was called, which is what makes reports deterministic.
 *
 * <p>The same rounds do the knowledge base's other background writes through a {@link Housekeeping}: batched
 * view counts and analytics retention, each round after the events.
 *
 * <p>Thread-safe. Closing cancels the task, waits for a round in flight and writes what is queued on the closing
 * thread; it never shuts the scheduler down. Events recorded after close are dropped (and counted).
 */
final class SearchEventRecorder implements AutoCloseable {
    /** The queue's capacity: at 500 bytes an event, about 5 MB. */
    static final int DEFAULT_CAPACITY = 10_000;

    /** The most events written to the store in one call. */
    static final int BATCH_SIZE = 500;

    /** How long the writer waits between rounds, unless a full batch wakes it earlier. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(SearchEventRecorder.class.getName());

    private final ArrayBlockingQueue<SearchEvent> queue;
    private final int capacity;
    private final AnalyticsStore store;
    private final UnaryOperator<SearchEvent> complete;
    private final Consumer<List<SearchEvent>> afterWrite;
    private final Housekeeping housekeeping;
    /** Held while events are taken from the queue and written, so that a flush waits for a batch in flight. */
    private final ReentrantLock writing = new ReentrantLock();

    private final LongAdder offered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService scheduler;
    /** Held by a round, so that rounds never overlap and close() can wait for the one in flight. */
    private final ReentrantLock round = new ReentrantLock();
    /** Set when a round was asked for while one was running: the running one goes round once more. */
    private final AtomicBoolean again = new AtomicBoolean();
    /** The periodic rounds, once started; cancelled by close(). */
    private volatile ScheduledFuture<?> rounds;

    /**
     * Creates a recorder on the {@linkplain SharedScheduler shared pool}; {@link #start()} it.
     *
     * @param complete applied to every event in the writer's rounds before it is stored, for work that must not
     *     slow down the caller (language detection); must not fail
     * @param afterWrite told in the writer's rounds of every batch once it is stored; a failure is logged
     */
    SearchEventRecorder(
            AnalyticsStore store,
            int capacity,
            UnaryOperator<SearchEvent> complete,
            Consumer<List<SearchEvent>> afterWrite) {
        this(store, capacity, complete, afterWrite, Housekeeping.NONE, SharedScheduler.get());
    }

    /**
     * Creates a recorder that also runs {@code housekeeping} in its rounds; {@link #start()} it.
     *
     * @param housekeeping run after each round's events, and once more on close after the last events
     * @param scheduler runs the rounds; not shut down by close()
     */
    SearchEventRecorder(
            AnalyticsStore store,
            int capacity,
            UnaryOperator<SearchEvent> complete,
            Consumer<List<SearchEvent>> afterWrite,
            Housekeeping housekeeping,
            ScheduledExecutorService scheduler) {
        this.housekeeping = housekeeping;
        this.scheduler = scheduler;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.store = store;
        this.capacity = capacity;
        this.complete = complete;
        this.afterWrite = afterWrite;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Schedules the rounds.
     *
     * @throws RejectedExecutionException if the scheduler was shut down
     */
    void start() {
        long every = INTERVAL.toNanos();
        rounds = scheduler.scheduleWithFixedDelay(this::runRounds, every, every, TimeUnit.NANOSECONDS);
    }

    /** Queues an event, or drops it when the queue is full or the recorder closed; never blocks, never fails. */
    void record(SearchEvent event) {
        offered.increment();
        if (!closed.get() && queue.offer(event)) {
            // Write early once a full batch is waiting, so that bursts do not fill the queue.
            if (accepted.incrementAndGet() % BATCH_SIZE == 0) {
                wake();
            }
        } else {
            dropped.increment();
        }
    }

    /** Writes every event that was queued when this was called; returns once they are stored (or failed). */
    void flush() {
        writing.lock();
        try {
            // Only what is queued now: under a steady stream of new events a flush must still end.
            int remaining = queue.size();
            var batch = new ArrayList<SearchEvent>(Math.min(remaining, BATCH_SIZE));
            while (remaining > 0 && queue.drainTo(batch, Math.min(remaining, BATCH_SIZE)) > 0) {
                remaining -= batch.size();
                write(batch);
                batch.clear();
            }
        } finally {
            writing.unlock();
        }
    }

    RecordingStats stats() {
        return new RecordingStats(
                offered.sum(), accepted.get(), dropped.sum(), written.get(), failed.get(), queue.size(), capacity);
    }

    /** Asks for a round now, besides the periodic ones; never blocks the caller (a search). */
    private void wake() {
        if (round.isLocked()) {
            again.set(true);
            return;
        }
        try {
            scheduler.execute(this::runRounds);
        } catch (RejectedExecutionException e) {
            // The scheduler is shutting down; the events stay queued for flush() and close().
        }
    }

    /**
     * Runs a round; returns at once when another round is running, which then asks for one more. The extra round
     * goes to the back of the scheduler's queue rather than running at once, so that a knowledge base under a burst
     * of searches does not keep a shared thread from the others. A wake-up that comes just as a round ends waits for
     * the next periodic round, at most {@link #INTERVAL}.
     */
    private void runRounds() {
        if (!round.tryLock()) {
            again.set(true);
            return;
        }
        try {
            again.set(false);
            if (closed.get()) {
                return;
            }
            roundOnce();
        } finally {
            round.unlock();
        }
        if (again.get() && !closed.get()) {
            wake();
        }
    }

    private void roundOnce() {
        // Nothing may escape: an exception would end the periodic task for good.
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Writing search analytics events failed; it runs again", e);
        }
        try {
            housekeeping.round();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Background analytics housekeeping failed; it runs again", e);
        }
    }

    /**
     * Work for the recorder's rounds besides the events; must be quick when there is nothing to do. Its calls never
     * overlap (a lock orders them), though they may come from different threads.
     */
    interface Housekeeping {
        Housekeeping NONE = new Housekeeping() {
            @Override
            public void round() {}

            @Override
            public void last() {}
        };

        /** Runs after each round's events. */
        void round();

        /** Runs once when the recorder closes, after the last events. */
        void last();
    }

    private void write(List<SearchEvent> batch) {
        int size = batch.size();
        List<SearchEvent> events = new ArrayList<>(size);
        try {
            for (SearchEvent event : batch) {
                events.add(complete.apply(event));
            }
            store.append(events);
            written.addAndGet(size);
        } catch (RuntimeException e) {
            failed.addAndGet(size);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not store " + size + " search analytics events in " + store
                            + "; they are lost, recording goes on",
                    e);
            return;
        }
        try {
            afterWrite.accept(events);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Learning from " + size + " stored search analytics events failed", e);
        }
    }

    /**
     * Cancels the rounds, waits for the one in flight, and writes what is queued on the calling thread. Idempotent;
     * leaves the scheduler running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> scheduled = rounds;
        if (scheduled != null) {
            // Not interrupted: the thread is shared, and an interrupt can close an H2 file channel under the store.
            scheduled.cancel(false);
        }
        // A round in flight finishes first: rounds never overlap, and none starts after this (closed is set).
        round.lock();
        try {
            flush();
            try {
                housekeeping.last();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Background analytics housekeeping failed on close", e);
            }
        } finally {
            round.unlock();
        }
    }

    @Override
    public String toString() {
        return "SearchEventRecorder[" + stats() + "]";
    }
}
