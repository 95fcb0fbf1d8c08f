package org.kcskb.index;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.ForwardingArticleStore;

/**
 * A host's store that fails, hangs or pretends to be another store on demand, over a real one that outlives it
 * ({@link #close} is a no-op, so that a test can reopen a knowledge base over the same data).
 */
final class FaultyStore extends ForwardingArticleStore {
    private final String storeId;

    /** Article reads left before {@link #article} fails; negative for no limit. */
    final AtomicInteger articleReadsLeft = new AtomicInteger(-1);
    /** Whether {@link #articleIds} fails. */
    volatile boolean failArticleIds;
    /** Whether {@link #changesAfter} and {@link #lastSequence} fail, as a store whose database is down. */
    volatile boolean down;
    /** Run before every {@link #changesAfter}, on the caller's (the follower's) thread. */
    volatile Runnable beforeChangesAfter = () -> {};
    /** When set, {@link #changesAfter} blocks until it is counted down, ignoring interrupts: a network black hole. */
    volatile CountDownLatch hang;
    /** Counted down when a call starts to hang. */
    final CountDownLatch hanging = new CountDownLatch(1);

    FaultyStore(ArticleStore delegate) {
        this(delegate, delegate.storeId());
    }

    FaultyStore(ArticleStore delegate, String storeId) {
        super(delegate);
        this.storeId = storeId;
    }

    /** The real store, open to the tests of this package: they write to the data behind the faults. */
    @Override
    protected ArticleStore delegate() {
        return super.delegate();
    }

    @Override
    public Optional<Article> article(ArticleId id) {
        if (articleReadsLeft.get() >= 0 && articleReadsLeft.getAndDecrement() <= 0) {
            throw new StorageException("The store failed reading " + id + " (a test fault)");
        }
        return super.article(id);
    }

    @Override
    public List<Change> changesAfter(long sequence, int limit) {
        CountDownLatch latch = hang;
        if (latch != null) {
            hanging.countDown();
            boolean interrupted = false;
            while (latch.getCount() > 0) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (down) {
            throw new StorageException("The store is down (a test fault)");
        }
        beforeChangesAfter.run();
        return super.changesAfter(sequence, limit);
    }

    @Override
    public long lastSequence() {
        if (down) {
            throw new StorageException("The store is down (a test fault)");
        }
        return super.lastSequence();
    }

    @Override
    public List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        if (failArticleIds) {
            throw new StorageException("The store failed listing articles (a test fault)");
        }
        return super.articleIds(after, limit);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public void close() {
        // The data outlives this knowledge base: the test closes the delegate.
    }
}
