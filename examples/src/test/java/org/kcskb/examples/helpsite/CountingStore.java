package org.kcskb.examples.helpsite;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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

/** A store that notes on which thread every commit and every article read happened; delegates everything. */
final class CountingStore implements ArticleStore {
    private final ArticleStore delegate;
    final Queue<String> commitThreads = new ConcurrentLinkedQueue<>();
    final Queue<String> readThreads = new ConcurrentLinkedQueue<>();

    CountingStore(ArticleStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        commitThreads.clear();
        readThreads.clear();
    }

    @Override
    public ArticleId allocateId() {
        return delegate.allocateId();
    }

    @Override
    public long commit(List<Mutation> mutations) {
        commitThreads.add(Thread.currentThread().getName());
        return delegate.commit(mutations);
    }

    @Override
    public Optional<Article> article(ArticleId id) {
        readThreads.add(Thread.currentThread().getName());
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
        return delegate.changesAfter(sequence, limit);
    }

    @Override
    public long lastSequence() {
        return delegate.lastSequence();
    }

    @Override
    public List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        return delegate.articleIds(after, limit);
    }

    @Override
    public String storeId() {
        return delegate.storeId();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
