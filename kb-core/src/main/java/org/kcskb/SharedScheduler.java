package org.kcskb;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool per JVM (per class loader of kb-core) on which every knowledge base that was given no
 * {@link KnowledgeBaseBuilder#scheduler scheduler} runs its background work, and which search engines are offered
 * for theirs: a handful of daemon threads named {@code kcskb-background-N}, however many knowledge bases are open.
 *
 * <p>Created on first use; its threads are daemons, so it never keeps the JVM alive, and it cannot be shut down
 * (that would stop the background work of every other knowledge base in the JVM): {@code shutdown()},
 * {@code shutdownNow()} and {@code close()} fail. Cancelled tasks leave its queue at once, so knowledge bases that
 * are opened and closed all day leave nothing behind. Thread-safe.
 */
final class SharedScheduler extends ScheduledThreadPoolExecutor {
    /** The prefix of the pool's thread names. */
    static final String THREAD_NAME_PREFIX = "kcskb-background-";

    /**
     * The pool's size: the background work is short rounds (a batch of events, a few reads), so a few threads serve
     * a thousand knowledge bases; more than 8 would only add idle threads on large machines.
     */
    static final int SIZE = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);

    private SharedScheduler() {
        super(SIZE, new Threads());
        setRemoveOnCancelPolicy(true);
        setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Returns the pool, creating it on first use. */
    static SharedScheduler get() {
        return Holder.INSTANCE;
    }

    // The holder idiom: the pool (and its threads) exist only once a knowledge base asks for them.
    private static final class Holder {
        static final SharedScheduler INSTANCE = new SharedScheduler();
    }

    @Override
    public void shutdown() {
        throw refused();
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw refused();
    }

    @Override
    public void close() {
        throw refused();
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("The shared background pool of the knowledge bases in this JVM"
                + " cannot be shut down: closing a knowledge base cancels its own tasks. To own the threads, give"
                + " each knowledge base your scheduler with KnowledgeBase.builder().scheduler(...)");
    }

    @Override
    public String toString() {
        return "SharedScheduler[" + getPoolSize() + " of " + SIZE + " threads, "
                + getQueue().size() + " tasks]";
    }

    private static final class Threads implements ThreadFactory {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return Thread.ofPlatform()
                    .name(THREAD_NAME_PREFIX + created.incrementAndGet())
                    .daemon(true)
                    .unstarted(task);
        }
    }
}
