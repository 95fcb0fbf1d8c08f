package org.kcskb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStore;

/**
 * A hand-written search engine for kb-core tests, which have no Lucene: an article matches when its title contains
 * the query text (ignoring case), read straight from the store, so every write is searchable at once. It "detects"
 * German in any text that contains {@code drucker}, and nothing else.
 */
final class SubstringSearchEngine implements SearchEngine {
    private final ArticleStore store;

    private SubstringSearchEngine(ArticleStore store) {
        this.store = store;
    }

    static SearchEngineProvider provider() {
        return (SearchEngineContext context) -> new SubstringSearchEngine(context.store());
    }

    @Override
    public SearchResult search(SearchRequest request, Visibility visibility) {
        String text = request.text().toLowerCase(Locale.ROOT);
        var hits = new ArrayList<SearchHit>();
        Optional<ArticleId> after = Optional.empty();
        for (List<ArticleId> page; !(page = store.articleIds(after, 100)).isEmpty(); ) {
            for (ArticleId id : page) {
                Article article = store.article(id).orElseThrow();
                if (visibility.permits(article)
                        && article.title().toLowerCase(Locale.ROOT).contains(text)) {
                    hits.add(new SearchHit(
                            id,
                            article.revision(),
                            article.title(),
                            article.title(),
                            1f,
                            article.state(),
                            article.audience(),
                            article.language(),
                            article.modified(),
                            Optional.empty()));
                }
            }
            after = Optional.of(page.getLast());
        }
        int from = Math.min(request.offset(), hits.size());
        int to = Math.min(from + request.limit(), hits.size());
        return new SearchResult(
                hits.subList(from, to), hits.size(), true, Map.of(), Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<Locale> detectLanguage(String text) {
        return text.toLowerCase(Locale.ROOT).contains("drucker") ? Optional.of(Locale.GERMAN) : Optional.empty();
    }

    @Override
    public boolean awaitSearchable(long sequence, Duration timeout) {
        return true;
    }

    @Override
    public long searchableSequence() {
        return store.lastSequence();
    }

    @Override
    public void rebuild() {}

    @Override
    public void close() {}
}
