package org.kcskb.store.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.Reformulation;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.ArticleId;

/**
 * The storage SPI for search analytics: where {@link SearchEvent}s are kept and aggregated into reports.
 *
 * <p>An optional capability of an {@link ArticleStore}: a store that also implements this interface keeps the
 * knowledge base's analytics; for a store that does not, the knowledge base keeps them in memory (the newest
 * 50,000 events, lost on close). Every shipped store implements it. Implementing it is separate so that a host's
 * own store is complete without it, and can add it later.
 *
 * <p>The knowledge base calls {@link #append} from one background thread with batches of up to 500 events, and the
 * report methods when the host asks; implementations must be thread-safe, must satisfy the analytics checks of
 * {@code org.kcskb.store.spi.ArticleStoreContract}, and fail with {@link IllegalStateException} after the store is
 * closed and with {@link org.kcskb.StorageException} when the storage fails. Events need not be durable at once
 * (losing the last batch in a crash is acceptable), but an appended event must be in every later report.
 *
 * <p>Reports follow the documentation of {@link org.kcskb.analytics.SearchAnalytics}: they count only events in
 * the query's window (at microsecond precision), group by the normalised query and the language tag, and
 * break ties as specified on each method, so that every store returns the same rows.
 *
 * <p><b>Scoped reports.</b> Each report also comes with a {@link ReportScope}: the same report over only the
 * events the scope counts (what one viewer may see, see {@link org.kcskb.KnowledgeBase#analytics(
 * org.kcskb.actor.Viewer)}), with the same ordering, and the limit applied after the filtering. The one-argument
 * forms are the administrator's view, {@link ReportScope#everything()}. A store that implements the scoped forms
 * must evaluate the articles' visibility where it keeps them (the shipped JDBC stores join their article tables in
 * the report's statement). The defaults answer the administrator's scope with the one-argument form and refuse
 * every other scope with {@link UnsupportedOperationException}, so that a store written before scopes existed
 * never shows a viewer more than it may see.
 */
public interface AnalyticsStore {

    /** Stores a batch of events, all or none. An empty batch does nothing. */
    void append(List<SearchEvent> events);

    /**
     * Returns the content gaps: per normalised query and language, the {@link SearchEvent.Kind#SEARCH} events
     * in the window with hit count 0 ({@link ContentGap.Kind#NO_RESULTS}), and those with hits whose search id
     * has no other event at all, in or after the window ({@link ContentGap.Kind#NO_CLICK}). Ordered by searches
     * (descending), latest search (descending), query, language tag and kind name; at most {@code limit} rows.
     */
    List<ContentGap> contentGaps(ReportQuery query);

    /**
     * Returns per normalised query and language the {@link SearchEvent.Kind#SEARCH} and
     * {@link SearchEvent.Kind#SUGGESTION_PICK} events in the window. Ordered by their total (descending),
     * searches (descending), query and language tag; at most {@code limit} rows.
     */
    List<QueryCount> topQueries(ReportQuery query);

    /**
     * Returns per position the {@link SearchEvent.Kind#CLICK} and {@link SearchEvent.Kind#SUGGESTION_PICK}
     * events in the window. The language filter applies to a pick's own language and to a click's search (a
     * click whose search is unknown has no language). Ordered by position; at most {@code limit} rows.
     */
    List<PositionCount> clickPositions(ReportQuery query);

    /**
     * Returns per normalised query, language, audience and article the {@link SearchEvent.Kind#SEARCH} events in
     * the window that had hits and whose search id has a {@link SearchEvent.Kind#CLICK} or
     * {@link SearchEvent.Kind#LINK} event on that article (at any time), each search counted once per article, and
     * the number of distinct non-empty {@linkplain SearchEvent#visitor() visitors} among them. The audience is the
     * one of the search's {@linkplain SearchEvent.ViewerKind#audience() viewer kind}. Ordered by that count
     * (descending), latest search (descending), query, language tag, viewer kind name and article id; at most
     * {@code limit} rows.
     */
    List<AnsweredQuery> answeredQueries(ReportQuery query);

    /**
     * Returns the reformulations of searches in the window: every {@link SearchEvent.Kind#SEARCH} event {@code f} in
     * the window (and, with a language, in that language) that has a non-empty {@linkplain SearchEvent#visitor()
     * visitor} and no other event with its search id (nothing clicked, picked or linked: as a {@link
     * ContentGap}), paired with the earliest later search {@code s} of the same visitor, at most {@code within}
     * after it ({@code f.at < s.at <= f.at + within}, in microseconds), with a different normalised query and a
     * {@link SearchEvent.Kind#CLICK} or {@link SearchEvent.Kind#LINK} event on its search id (at any time); of
     * several such searches at the same earliest instant, each. Ordered by {@code s.at} (descending), then {@code
     * f.at} (descending); at most {@link Reformulation#MAX_ROWS} rows (the report query's limit applies to the
     * proposals made of them, not here). The administrator's view: every searcher counts.
     *
     * @param within positive, at most a day; {@link IllegalArgumentException} otherwise
     *
     * <p>The default refuses with {@link UnsupportedOperationException}, for a store written before proposals
     * existed; every shipped store implements it.
     */
    default List<Reformulation> reformulations(ReportQuery query, Duration within) {
        throw new UnsupportedOperationException(
                this + " cannot report reformulated searches: implement AnalyticsStore.reformulations");
    }

    /** Returns {@link #contentGaps(ReportQuery)} over the events {@code scope} counts; see the class comment. */
    default List<ContentGap> contentGaps(ReportQuery query, ReportScope scope) {
        requireEverything(scope);
        return contentGaps(query);
    }

    /** Returns {@link #topQueries(ReportQuery)} over the events {@code scope} counts; see the class comment. */
    default List<QueryCount> topQueries(ReportQuery query, ReportScope scope) {
        requireEverything(scope);
        return topQueries(query);
    }

    /** Returns {@link #clickPositions(ReportQuery)} over the events {@code scope} counts; see the class comment. */
    default List<PositionCount> clickPositions(ReportQuery query, ReportScope scope) {
        requireEverything(scope);
        return clickPositions(query);
    }

    /** Returns {@link #answeredQueries(ReportQuery)} over the events {@code scope} counts; see the class comment. */
    default List<AnsweredQuery> answeredQueries(ReportQuery query, ReportScope scope) {
        requireEverything(scope);
        return answeredQueries(query);
    }

    /**
     * Returns how many {@link SearchEvent.Kind#SEARCH} events in the query's window (and language) {@code scope}
     * counts were made for each product ({@link SearchEvent#product()}, compared exactly), most first (then by
     * product name), at most the query's limit of products; searches made for no product are not counted, and the
     * query's own product, if any, narrows the result to that product. Emerging issues read it to group searches by
     * the product they were made for.
     *
     * <p>The default, for a store written before searches recorded their product, reports none (detection then
     * counts every search as made for no product); every shipped store implements it.
     */
    default Map<String, Long> searchesPerProduct(ReportQuery query, ReportScope scope) {
        java.util.Objects.requireNonNull(query, "query");
        java.util.Objects.requireNonNull(scope, "scope");
        return Map.of();
    }

    private void requireEverything(ReportScope scope) {
        if (!scope.isEverything()) {
            throw new UnsupportedOperationException(this + " cannot scope analytics reports to a viewer: implement the"
                    + " AnalyticsStore methods that take a ReportScope (every shipped store does)");
        }
    }

    /**
     * Forgets which queries article {@code id} answered: deletes every {@link SearchEvent.Kind#CLICK},
     * {@link SearchEvent.Kind#SUGGESTION_PICK} and {@link SearchEvent.Kind#LINK} event on it, so that no report
     * and no later start-up learns a query from it. For an article purged because it held personal data.
     *
     * @return how many events were deleted
     */
    long forgetArticle(ArticleId id);

    /**
     * Enforces retention: deletes every event that happened before {@code before}, then the oldest events (in
     * the order they were appended) beyond the newest {@code maxRows}.
     *
     * @param maxRows at least 1
     * @return how many events were deleted
     */
    long deleteEvents(Instant before, long maxRows);

    /**
     * Adds a normalised query to the suggestions that must never be learned again; durable like the events.
     * Blocking a query that is already blocked does nothing.
     */
    void blockQuery(String normalizedQuery);

    /** Returns every blocked normalised query. */
    Set<String> blockedQueries();

    /**
     * Returns the secret that visitor keys are hashed with, at least 32 bytes: created at random on the first
     * call and the same for every later call on the same storage (across restarts), so that one visitor hashes to
     * one value over time and distinct visitors can be counted. Must not be exposed in any report.
     */
    byte[] visitorHashKey();
}
