package org.kcskb.store.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.article.ArticleId;

/**
 * An {@link AnalyticsStore} for tests of the recording side, which implement {@link #append} only: every report is
 * empty, nothing is forgotten, deleted or blocked, and the visitor hash key is 32 zero bytes.
 */
public interface ReportlessAnalyticsStore extends AnalyticsStore {

    @Override
    default List<ContentGap> contentGaps(ReportQuery query) {
        return List.of();
    }

    @Override
    default List<QueryCount> topQueries(ReportQuery query) {
        return List.of();
    }

    @Override
    default List<PositionCount> clickPositions(ReportQuery query) {
        return List.of();
    }

    @Override
    default List<AnsweredQuery> answeredQueries(ReportQuery query) {
        return List.of();
    }

    @Override
    default long forgetArticle(ArticleId id) {
        return 0;
    }

    @Override
    default long deleteEvents(Instant before, long maxRows) {
        return 0;
    }

    @Override
    default void blockQuery(String normalizedQuery) {}

    @Override
    default Set<String> blockedQueries() {
        return Set.of();
    }

    @Override
    default byte[] visitorHashKey() {
        return new byte[32];
    }
}
