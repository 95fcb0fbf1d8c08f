package org.kcskb.store;

import java.util.List;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;

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
 * {@code org.kcskb.store.ArticleStoreContract}, and fail with {@link IllegalStateException} after the store is
 * closed and with {@link org.kcskb.StorageException} when the storage fails. Events need not be durable at once
 * (losing the last batch in a crash is acceptable), but an appended event must be in every later report.
 *
 * <p>Reports follow the documentation of {@link org.kcskb.analytics.SearchAnalytics}: they count only events in
 * the query's window (at microsecond precision), group by the normalised query and the language tag, and
 * break ties as specified on each method, so that every store returns the same rows.
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
     * Returns per normalised query, language and article the {@link SearchEvent.Kind#SEARCH} events in the window
     * whose search id has a {@link SearchEvent.Kind#CLICK} or {@link SearchEvent.Kind#LINK} event on that article
     * (at any time), each search counted once per article. Ordered by that count (descending), latest search
     * (descending), query, language tag and article id; at most {@code limit} rows.
     */
    List<AnsweredQuery> answeredQueries(ReportQuery query);
}
