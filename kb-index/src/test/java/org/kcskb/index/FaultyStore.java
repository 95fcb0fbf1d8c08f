package org.kcskb.index;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.store.ArticleStore;
import org.kcskb.store.Change;
import org.kcskb.store.Mutation;

/**
 * A host's store that fails, hangs or pretends to be another store on demand, over a real one that outlives it
 * ({@link #close} is a no-op, so that a test can reopen a knowledge base over the same data).
 */
final class FaultyStore implements ArticleStore {
    private final ArticleStore delegate;
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
        this.delegate = delegate;
        this.storeId = storeId;
    }

    ArticleStore delegate() {
        return delegate;
    }

    @Override
    public ArticleId allocateId() {
        return delegate.allocateId();
    }

    @Override
    public long commit(List<Mutation> mutations) {
        return delegate.commit(mutations);
    }

    @Override
    public Optional<Article> article(ArticleId id) {
        if (articleReadsLeft.get() >= 0 && articleReadsLeft.getAndDecrement() <= 0) {
            throw new StorageException("The store failed reading " + id + " (a test fault)");
        }
        return delegate.article(id);
    }

    @Override
    public List<Revision> revisions(ArticleId id) {
        return delegate.revisions(id);
    }

    @Override
    public Optional<Revision> revision(ArticleId id, int number) {
        return delegate.revision(id, number);
    }

    @Override
    public List<CaseLink> links(ArticleId id) {
        return delegate.links(id);
    }

    @Override
    public List<CaseLink> linksOfCase(CaseId caseId) {
        return delegate.linksOfCase(caseId);
    }

    @Override
    public List<Flag> flags(ArticleId id) {
        return delegate.flags(id);
    }

    @Override
    public Optional<Flag> flag(String flagId) {
        return delegate.flag(flagId);
    }

    @Override
    public List<Feedback> feedback(ArticleId id) {
        return delegate.feedback(id);
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
        return delegate.changesAfter(sequence, limit);
    }

    @Override
    public long lastSequence() {
        if (down) {
            throw new StorageException("The store is down (a test fault)");
        }
        return delegate.lastSequence();
    }

    @Override
    public List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        if (failArticleIds) {
            throw new StorageException("The store failed listing articles (a test fault)");
        }
        return delegate.articleIds(after, limit);
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
