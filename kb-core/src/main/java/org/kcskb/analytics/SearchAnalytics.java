package org.kcskb.analytics;

import java.util.List;
import java.util.Map;

/**
 * Reports over the recorded searches, clicks, suggestion picks and case links: the signals of the Evolve Loop.
 *
 * <p>Get the administrator's view, over every recorded event, from {@link org.kcskb.KnowledgeBase#analytics()},
 * and one viewer's, over only the searches of audiences the viewer includes and the articles the viewer may read,
 * from {@link org.kcskb.KnowledgeBase#analytics(org.kcskb.actor.Viewer)} (which documents exactly what such a view
 * does and does not depend on):
 *
 * <pre>{@code
 * SearchAnalytics partnerView = kb.analytics(Viewer.partner("acme-manager"));
 * for (ContentGap gap : partnerView.contentGaps(ReportQuery.all().withLimit(10))) {
 *     System.out.println(gap.searches() + " x '" + gap.query() + "' (" + gap.kind() + ")");
 * }
 * }</pre>
 *
 * <p>Every report first writes the events still waiting in the recorder's queue, so it reflects everything
 * recorded before the call. Reports group by the {@linkplain SearchEvent#normalize(String) normalised} query and
 * its language, and run on the store (in SQL for the JDBC stores); their cost grows with the events in the
 * window. Errors: {@link org.kcskb.InvalidInputException} for a bad {@link ReportQuery},
 * {@link org.kcskb.StorageException}. Thread-safe; calls after the knowledge base is closed fail
 * with {@link IllegalStateException}.
 */
public interface SearchAnalytics {

    /**
     * Returns the queries that went unanswered, most searches first (then the latest first): searches without
     * results ({@link ContentGap.Kind#NO_RESULTS}) and searches with results where nothing was clicked, picked
     * or linked ({@link ContentGap.Kind#NO_CLICK}); a query can appear once for each kind. A click counts
     * whenever it happened, also after the window.
     */
    List<ContentGap> contentGaps(ReportQuery query);

    /** Returns the most asked queries: searches plus suggestion picks, most first. */
    List<QueryCount> topQueries(ReportQuery query);

    /**
     * Returns how often hits were chosen at each position, by position. With a language, a click counts when
     * its search was in that language.
     */
    List<PositionCount> clickPositions(ReportQuery query);

    /**
     * Returns which articles answered which queries: per query, language and article, how many searches led to a
     * click on or a case link to that article, most first. Query suggestions are learned from these.
     */
    List<AnsweredQuery> answeredQueries(ReportQuery query);

    /**
     * Returns how many searches in the window were made for each product (the product of their environment filter,
     * else of the asker's context; see {@link ReportQuery#product()}), most first, then by name, at most the query's
     * limit of products; searches made for no product are not counted. Emerging issues use it to tell which
     * products' searches to group apart. The default, for a view that cannot tell, reports none.
     */
    default Map<String, Long> searchesPerProduct(ReportQuery query) {
        java.util.Objects.requireNonNull(query, "query");
        return Map.of();
    }

    /**
     * Returns the recorder's counters now, without writing pending events. They count the events of every
     * audience, so only the administrator's view has them.
     *
     * @throws UnsupportedOperationException on a view for one viewer ({@link
     *     org.kcskb.KnowledgeBase#analytics(org.kcskb.actor.Viewer)})
     */
    RecordingStats recording();
}
