package org.kcskb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.spi.ArticleStore;

/**
 * A hand-written search engine for kb-core tests, which have no Lucene: an article matches when its title contains
 * the query text (ignoring case), read straight from the store, so every write is searchable at once. Its
 * {@link #detectLanguage} is a language detector for tests: German in any text that contains {@code drucker}. It
 * relaxes one typo, as a real engine relaxes queries that find nothing: a query with {@code logn} that matches no
 * title is answered by the same query with {@code login}, with a {@link Relaxation}.
 */
final class SubstringSearchEngine implements SearchEngine {
    private final ArticleStore store;
    private final List<AnsweredQuery> learned = new CopyOnWriteArrayList<>();

    private SubstringSearchEngine(ArticleStore store) {
        this.store = store;
    }

    static SearchEngineProvider provider() {
        return (SearchEngineContext context) -> new SubstringSearchEngine(context.store());
    }

    /** Returns a provider that hands every engine it opens to {@code opened}, for tests that inspect it. */
    static SearchEngineProvider provider(java.util.function.Consumer<SubstringSearchEngine> opened) {
        return (SearchEngineContext context) -> {
            var engine = new SubstringSearchEngine(context.store());
            opened.accept(engine);
            return engine;
        };
    }

    @Override
    public SearchResult search(SearchRequest request, Visibility visibility) {
        SearchResult typed = search(request.text().toLowerCase(Locale.ROOT), request, visibility);
        if (typed.totalHits() > 0 || !request.text().toLowerCase(Locale.ROOT).contains("logn")) {
            return typed;
        }
        String relaxed = request.text().toLowerCase(Locale.ROOT).replace("logn", "login");
        SearchResult result = search(relaxed, request, visibility);
        return result.totalHits() == 0
                ? typed
                : result.withRelaxation(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, relaxed));
    }

    private SearchResult search(String text, SearchRequest request, Visibility visibility) {
        List<SearchHit> hits = visible(visibility).stream()
                .filter(article -> article.title().toLowerCase(Locale.ROOT).contains(text))
                .map(SubstringSearchEngine::hit)
                .toList();
        int from = Math.min(request.offset(), hits.size());
        int to = Math.min(from + request.limit(), hits.size());
        return new SearchResult(
                hits.subList(from, to), hits.size(), true, Map.of(), Optional.empty(), Optional.empty());
    }

    /** Titles that contain the prefix, then learned queries of the viewer's audience that start with it (without
     * visibility checks). */
    @Override
    public List<Suggestion> suggest(String prefix, Visibility visibility, int limit) {
        String typed = prefix.strip().toLowerCase(Locale.ROOT);
        var suggestions = new ArrayList<Suggestion>();
        for (Article article : visible(visibility)) {
            if (article.title().toLowerCase(Locale.ROOT).contains(typed)) {
                suggestions.add(new Suggestion(
                        article.title(), article.title(), Suggestion.Kind.TITLE, Optional.of(article.id()), 1));
            }
        }
        learned.stream()
                .filter(answer -> answer.audience() == visibility.viewer().audience())
                .map(AnsweredQuery::query)
                .filter(query -> query.startsWith(typed))
                .distinct()
                .forEach(query ->
                        suggestions.add(new Suggestion(query, query, Suggestion.Kind.QUERY, Optional.empty(), 1)));
        return suggestions.stream().limit(limit).toList();
    }

    @Override
    public void learnQueries(List<AnsweredQuery> answered) {
        learned.addAll(answered);
    }

    /** Returns every answered query the knowledge base passed in, in order. */
    List<AnsweredQuery> learned() {
        return List.copyOf(learned);
    }

    /** Articles whose title shares a word with the draft's title. */
    @Override
    public List<SimilarArticle> similar(ArticleContent draft, Visibility visibility, int limit) {
        var words = Set.of(draft.title().toLowerCase(Locale.ROOT).split("\\W+"));
        var similar = new ArrayList<SimilarArticle>();
        for (Article article : visible(visibility)) {
            List<String> matched = Stream.of(
                            article.title().toLowerCase(Locale.ROOT).split("\\W+"))
                    .filter(words::contains)
                    .toList();
            if (!matched.isEmpty()) {
                similar.add(new SimilarArticle(
                        article.id(),
                        article.title(),
                        article.state(),
                        (double) matched.size() / words.size(),
                        matched));
            }
        }
        return similar.stream().limit(limit).toList();
    }

    /** Every other visible article. */
    @Override
    public List<SearchHit> related(ArticleId id, Visibility visibility, int limit) {
        return visible(visibility).stream()
                .filter(article -> !article.id().equals(id))
                .limit(limit)
                .map(SubstringSearchEngine::hit)
                .toList();
    }

    @Override
    public QueryCacheStats queryCacheStats() {
        return QueryCacheStats.disabled();
    }

    private List<Article> visible(Visibility visibility) {
        var articles = new ArrayList<Article>();
        Optional<ArticleId> after = Optional.empty();
        for (List<ArticleId> page; !(page = store.articleIds(after, 100)).isEmpty(); ) {
            for (ArticleId id : page) {
                Article article = store.article(id).orElseThrow();
                if (visibility.permits(article)) {
                    articles.add(article);
                }
            }
            after = Optional.of(page.getLast());
        }
        return articles;
    }

    private static SearchHit hit(Article article) {
        return new SearchHit(
                article.id(),
                article.revision(),
                article.title(),
                article.title(),
                1f,
                article.state(),
                article.audience(),
                article.language(),
                article.modified(),
                Optional.empty());
    }

    /** A language detector for tests: German for any text that contains {@code drucker}, and nothing else. */
    static Optional<Locale> detectLanguage(String text) {
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
