package org.kcskb.examples.helpsite;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ForwardingArticleStore;
import org.kcskb.store.spi.Mutation;

/** A store that notes on which thread every commit and every article read happened; delegates everything. */
final class CountingStore extends ForwardingArticleStore {
    final Queue<String> commitThreads = new ConcurrentLinkedQueue<>();
    final Queue<String> readThreads = new ConcurrentLinkedQueue<>();

    CountingStore(ArticleStore delegate) {
        super(delegate);
    }

    void reset() {
        commitThreads.clear();
        readThreads.clear();
    }

    @Override
    public long commit(List<Mutation> mutations) {
        commitThreads.add(Thread.currentThread().getName());
        return super.commit(mutations);
    }

    @Override
    public Optional<Article> article(ArticleId id) {
        readThreads.add(Thread.currentThread().getName());
        return super.article(id);
    }
}
