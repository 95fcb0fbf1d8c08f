package org.kcskb.bench.relevance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.spi.ArticleStore;

/**
 * A naive search engine for tests: ranks visible articles by how many distinct query words (lower case) occur in
 * their title and resolution, ties by article id. Reads the store on every search, so it is always up to date.
 */
final class TermOverlapSearchEngine implements SearchEngine {
    private final ArticleStore store;

    private TermOverlapSearchEngine(ArticleStore store) {
        this.store = store;
    }

    static SearchEngineProvider provider() {
        return context -> new TermOverlapSearchEngine(context.store());
    }

    @Override
    public SearchResult search(SearchRequest request, Visibility visibility) {
        Set<String> query = words(request.text());
        record Scored(Article article, int score) {}
        var scored = new ArrayList<Scored>();
        Optional<ArticleId> after = Optional.empty();
        for (List<ArticleId> page = store.articleIds(after, 100);
                !page.isEmpty();
                page = store.articleIds(after, 100)) {
            for (ArticleId id : page) {
                Article article = store.article(id).orElseThrow();
                Set<String> words =
                        words(article.title() + " " + article.content().resolution());
                int score = (int) query.stream().filter(words::contains).count();
                if (score > 0 && visibility.permits(article)) {
                    scored.add(new Scored(article, score));
                }
            }
            after = Optional.of(page.get(page.size() - 1));
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparing(s -> s.article()
                .id()));
        var hits = new ArrayList<SearchHit>();
        for (Scored s : scored.subList(0, Math.min(request.limit(), scored.size()))) {
            Article a = s.article();
            hits.add(new SearchHit(
                    a.id(),
                    a.revision(),
                    a.title(),
                    a.title(),
                    s.score(),
                    a.state(),
                    a.audience(),
                    a.content().language(),
                    a.modified(),
                    Optional.empty()));
        }
        return new SearchResult(hits, scored.size(), true, Map.of(), Optional.empty(), Optional.empty());
    }

    private static Set<String> words(String text) {
        var words = new HashSet<String>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3) {
                words.add(word);
            }
        }
        return words;
    }

    @Override
    public List<Suggestion> suggest(String prefix, Visibility visibility, int limit) {
        throw new UnsupportedOperationException("The relevance harness does not suggest");
    }

    @Override
    public void learnQueries(List<AnsweredQuery> answered) {
        // The harness records no clicks, so there is nothing to learn.
    }

    @Override
    public List<SimilarArticle> similar(ArticleContent draft, Visibility visibility, int limit) {
        throw new UnsupportedOperationException("The relevance harness does not look for duplicates");
    }

    @Override
    public List<SearchHit> related(ArticleId id, Visibility visibility, int limit) {
        throw new UnsupportedOperationException("The relevance harness does not ask for related articles");
    }

    @Override
    public QueryCacheStats queryCacheStats() {
        return QueryCacheStats.disabled();
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
