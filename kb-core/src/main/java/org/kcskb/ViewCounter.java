package org.kcskb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/**
 * Counts article views in memory and writes them to the store in batches, so that reading an article is not a
 * store commit: {@link #add} only increments a counter, {@link #flush()} (on the recorder's thread, every
 * {@value #FLUSH_INTERVAL_MILLIS} ms, and on close) commits one {@link Mutation.AddViews} per viewed article in one
 * transaction.
 *
 * <p>Memory is bounded: at most {@value #MAX_ARTICLES} articles with pending views; views of further articles are
 * dropped (and counted) until the next flush. A crash loses the views counted since the last flush, at most one
 * interval's. A batch the store refuses is retried article by article, so that one article deleted meanwhile does
 * not lose the others' views; what still fails is dropped and logged. Thread-safe.
 */
final class ViewCounter {
    static final int MAX_ARTICLES = 100_000;
    static final long FLUSH_INTERVAL_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger(ViewCounter.class.getName());

    private final ArticleStore store;
    private final ConcurrentHashMap<ArticleId, LongAdder> pending = new ConcurrentHashMap<>();
    private final AtomicInteger articles = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private long lastFlush = System.nanoTime();

    ViewCounter(ArticleStore store) {
        this.store = store;
    }

    /** Counts one view of {@code id}; never blocks on the store. */
    void add(ArticleId id) {
        if (!pending.containsKey(id) && articles.get() >= MAX_ARTICLES) {
            dropped.increment();
            return;
        }
        // Incremented inside compute, which excludes the flush's remove of the same key: no view lands in a
        // counter that was already written.
        pending.compute(id, (k, views) -> {
            if (views == null) {
                articles.incrementAndGet();
                views = new LongAdder();
            }
            views.increment();
            return views;
        });
    }

    /** Views dropped because too many articles had pending views. */
    long dropped() {
        return dropped.sum();
    }

    /** Flushes when the interval has passed since the last flush; for the recorder's rounds. */
    void maybeFlush() {
        if (System.nanoTime() - lastFlush >= FLUSH_INTERVAL_MILLIS * 1_000_000) {
            flush();
        }
    }

    /** Writes every view counted so far. Called by one thread at a time. */
    void flush() {
        lastFlush = System.nanoTime();
        var views = new ArrayList<Mutation>();
        for (ArticleId id : pending.keySet()) {
            // Once removed, nobody increments this counter again (see add): its sum is final.
            LongAdder counted = pending.remove(id);
            if (counted != null) {
                articles.decrementAndGet();
                long count = counted.sum();
                while (count > 0) {
                    int part = (int) Math.min(count, Integer.MAX_VALUE);
                    views.add(new Mutation.AddViews(id, part));
                    count -= part;
                }
            }
        }
        if (views.isEmpty()) {
            return;
        }
        try {
            store.commit(views);
        } catch (RuntimeException batch) {
            int lost = 0;
            for (Mutation view : views) {
                try {
                    store.commit(List.of(view));
                } catch (RuntimeException e) {
                    lost += ((Mutation.AddViews) view).count();
                }
            }
            if (lost > 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Could not store " + lost + " article views; they are lost, counting goes on: " + batch);
            }
        }
    }
}
