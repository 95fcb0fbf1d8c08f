package org.kcskb.search.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;

/**
 * The search side of a knowledge base, implemented by a search module such as {@code kb-index}.
 *
 * <p>An engine is a projection of the {@link org.kcskb.store.spi.ArticleStore}: it follows the store's change feed
 * by itself, and can always be rebuilt from the store. An engine need not write that orchestration: it implements
 * the writes of its index as a {@link SearchIndexWriter} and lets a {@link ChangeFeedFollower} drive it (as
 * {@code kb-index} does), then answers {@link #awaitSearchable}, {@link #searchableSequence} and {@link #rebuild}
 * through the follower. Implementations are thread-safe; calls after {@link #close()} fail with
 * {@link IllegalStateException}.
 *
 * <p>An implementation checks itself against the contract test {@code org.kcskb.search.spi.SearchEngineContract} in
 * the {@code kb-core} test-jar, which {@code kb-index}'s Lucene engine passes.
 */
public interface SearchEngine extends AutoCloseable {

    /**
     * Runs a search. {@code visibility} is what the request's viewer may see and must be enforced inside the
     * engine's query so that no hit, snippet, facet count or total reveals anything else.
     *
     * <p>A query that matches nothing visible as typed should not be a dead end: the engine answers with the results
     * of a relaxed form of it (typos corrected, unknown words dropped) and says so with
     * {@link SearchResult#withRelaxation}, deciding whether and how to relax from visible articles only. Every page
     * of such a search is relaxed alike, so that offsets and cursors page through one result list.
     *
     * <p>Translations ({@link org.kcskb.article.Article#translationGroup()}): when visible articles of one group
     * match, only one is a hit, the one in the request's language where one is (else the engine's choice, such as
     * the better score), and the totals, facets and pages count it once; each hit names its visible translations in
     * {@link org.kcskb.search.SearchHit#translations()}. A translation the viewer may not see changes nothing.
     */
    SearchResult search(SearchRequest request, Visibility visibility);

    /**
     * Completes what a person is typing from article titles and from {@linkplain #learnQueries answered queries},
     * most popular first. Like {@link #search}, only what {@code visibility} allows may be suggested: a title only
     * when its article is visible, a query only when at least one article that answered it is visible.
     *
     * @param prefix what was typed so far; its last word may be incomplete
     * @param limit at most this many suggestions, at least 1
     */
    List<Suggestion> suggest(String prefix, Visibility visibility, int limit);

    /**
     * Adds answered queries to the suggestions: the knowledge base passes what its analytics hold when it
     * opens, and then each new answer as it is recorded, only for queries that passed its rules (enough distinct
     * visitors, nothing personal, not blocked). Counts add up; an answer for an article the engine does not know
     * is kept until the article appears. A learned query may be suggested only to viewers whose
     * {@link org.kcskb.actor.Viewer#audience() audience} is the answer's {@link AnsweredQuery#audience()} (see
     * {@link Visibility#viewer()}), and only when its article is visible to them.
     */
    void learnQueries(List<AnsweredQuery> answered);

    /**
     * Forgets a learned query for every article and audience, at once: a host blocked it. {@code normalizedQuery}
     * is {@linkplain org.kcskb.analytics.SearchEvent#normalize normalised}; the engine forgets learned queries
     * whose normalised form equals it. The knowledge base also drops blocked queries from what {@link #suggest}
     * returns, so the default, which does nothing, is safe but may return fewer suggestions than asked.
     */
    default void forgetQuery(String normalizedQuery) {}

    /**
     * Returns existing articles that resemble a draft's issue and environment, most similar first, each with the
     * terms that matched; only articles {@code visibility} allows.
     */
    List<SimilarArticle> similar(ArticleContent draft, Visibility visibility, int limit);

    /**
     * Returns articles related to article {@code id} (sharing its most telling terms, product and tags), best
     * first, without the article itself; only articles {@code visibility} allows. Empty when the article is not
     * in the index.
     */
    List<SearchHit> related(ArticleId id, Visibility visibility, int limit);

    /**
     * Returns the distinct words of {@code text} as this engine matches a query in {@code language}: folded,
     * stemmed, compounds split into their parts beside the whole, stopwords dropped, in order of first appearance.
     * Features that match or group text outside a search (known-issue notices against a query, similar failed
     * searches counted as one emerging issue) use it, so that they agree with search ("Druckertreiber" meets
     * "Drucker", "druckt" meets "drucken" where the engine's stemmer says so).
     *
     * <p>Like every answer, the words may depend only on what {@code visibility} allows: an engine that learns its
     * analysis from articles (compound parts) uses what it learned from articles the viewer may see.
     *
     * <p>The default, for engines without an analysis of their own, lower-cases, removes accents and umlaut dots and
     * splits at every character that is neither a letter nor a digit.
     *
     * @param language the text's language; {@link Locale#ROOT} for a language-neutral analysis
     */
    default List<String> words(String text, Locale language, Visibility visibility) {
        return EngineText.plainWords(text);
    }

    /** Returns the counters of the engine's search result cache ({@link QueryCacheStats#disabled()} without one). */
    QueryCacheStats queryCacheStats();

    /**
     * Waits until every store change up to {@code sequence} is searchable.
     *
     * @return whether it became searchable within {@code timeout}
     */
    boolean awaitSearchable(long sequence, Duration timeout);

    /** Returns the sequence number of the newest store change that is searchable. */
    long searchableSequence();

    /** Discards the index and rebuilds it from the store; searches keep working on the old index meanwhile. */
    void rebuild();

    /**
     * Rebuilds as {@link #rebuild()} does, reporting its progress to {@code listener} in articles: the total is the
     * number of the store's articles, and the last call has every one done ({@link
     * ChangeFeedFollower#rebuild(org.kcskb.transfer.TransferListener)} reports so for an engine built on it). An engine
     * with several indexes reports the whole rebuild as one (see {@link
     * org.kcskb.transfer.TransferListener#share}). The default rebuilds without reporting, for engines that cannot
     * tell.
     */
    default void rebuild(org.kcskb.transfer.TransferListener listener) {
        rebuild();
    }

    /**
     * Returns how many articles the index holds now (each language version once), for the index-size gauge of
     * {@link org.kcskb.KnowledgeBase#indexStatus()}; empty, the default, when the engine cannot tell cheaply. Called
     * on every metrics scrape: it must not search or read the store.
     */
    default OptionalLong indexedArticles() {
        return OptionalLong.empty();
    }

    /**
     * Returns the engine's short name, lower case ({@code lucene}, {@code opensearch}), for the {@code engine} tag
     * of metrics and the health details ({@link org.kcskb.metrics.IndexStatus#engine()}). The default is the class's
     * simple name without a trailing {@code SearchEngine} (or {@code Engine}), lower case.
     */
    default String name() {
        String name = getClass().getSimpleName();
        for (String suffix : List.of("SearchEngine", "Engine")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return name.isEmpty() ? "custom" : name.toLowerCase(Locale.ROOT);
    }

    @Override
    void close();
}
