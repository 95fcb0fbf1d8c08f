package org.kcskb.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.store.spi.ReportScope;

/**
 * The SQL of the search analytics in the JDBC store: the insert, the three report queries with their
 * parameters, and the row readers. Every report is one statement that aggregates with {@code GROUP BY} in the
 * database, in SQL that H2 and PostgreSQL both accept; the orderings are the ones {@link
 * org.kcskb.store.spi.AnalyticsStore} specifies, so that the database and the in-memory store agree row for row.
 */
final class SqlAnalytics {
    private SqlAnalytics() {}

    static final String INSERT = "INSERT INTO kb_search_events (kind, at_micros, search_id, query_text,"
            + " normalized_query, viewer_kind, viewer_id, language, hit_count, article_id, result_position,"
            + " visitor_hash, product) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String FORGET_ARTICLE =
            "DELETE FROM kb_search_events WHERE article_id = ? AND kind IN ('CLICK', 'SUGGESTION_PICK', 'LINK')";

    static final String DELETE_BEFORE = "DELETE FROM kb_search_events WHERE at_micros < ?";

    /** The ordinal of the newest event beyond the newest {@code ?} rows: it and everything before it go. */
    static final String OLDEST_KEPT_BOUNDARY =
            "SELECT ordinal FROM kb_search_events ORDER BY ordinal DESC OFFSET ? ROWS FETCH FIRST 1 ROW ONLY";

    static final String DELETE_UP_TO = "DELETE FROM kb_search_events WHERE ordinal <= ?";

    static final String BLOCK = "INSERT INTO kb_blocked_queries (normalized_query, blocked_at_micros) SELECT ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM kb_blocked_queries WHERE normalized_query = ?)";

    static final String BLOCKED = "SELECT normalized_query FROM kb_blocked_queries";

    static final String KEY = "SELECT key_hex FROM kb_analytics_keys WHERE name = 'visitor'";

    static final String INSERT_KEY = "INSERT INTO kb_analytics_keys (name, key_hex) VALUES ('visitor', ?)";

    static void bind(PreparedStatement ps, SearchEvent event) throws SQLException {
        ps.setString(1, event.kind().name());
        ps.setLong(2, EventTimes.micros(event.at()));
        ps.setString(3, event.searchId().value());
        ps.setString(4, event.query());
        ps.setString(5, event.normalizedQuery());
        ps.setString(6, event.viewerKind().name());
        ps.setString(7, event.viewerId());
        ps.setString(8, Languages.tag(event.language()));
        ps.setLong(9, event.hitCount());
        if (event.article().isPresent()) {
            ps.setString(10, event.article().get().value());
        } else {
            ps.setNull(10, Types.VARCHAR);
        }
        ps.setInt(11, event.position());
        if (event.visitor().isEmpty()) {
            ps.setNull(12, Types.VARCHAR);
        } else {
            ps.setString(12, event.visitor());
        }
        ps.setString(13, event.product());
    }

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {}

    static Statement contentGaps(ReportQuery query, ReportScope scope) {
        var parameters = new ArrayList<Object>();
        String noResults = "SELECT s.normalized_query, s.language, COUNT(*) AS searches,"
                + " MAX(s.at_micros) AS last_micros, 'NO_RESULTS' AS gap"
                + " FROM kb_search_events s WHERE s.kind = 'SEARCH' AND s.hit_count = 0"
                + window("s", query, parameters)
                + searchers("s", scope, parameters)
                + " GROUP BY s.normalized_query, s.language";
        String noClick = "SELECT s.normalized_query, s.language, COUNT(*), MAX(s.at_micros), 'NO_CLICK'"
                + " FROM kb_search_events s WHERE s.kind = 'SEARCH' AND s.hit_count > 0"
                + window("s", query, parameters)
                + searchers("s", scope, parameters)
                // Any other event of the search answers it, also one after the window: in a scoped report only
                // one the scope counts (a click on an article the viewer may not see answers nothing for them).
                + " AND NOT EXISTS (SELECT 1 FROM kb_search_events c"
                + " WHERE c.search_id = s.search_id AND c.kind <> 'SEARCH'"
                + scoped("c", scope, parameters) + ")"
                + " GROUP BY s.normalized_query, s.language";
        parameters.add(query.limit());
        return new Statement(
                "SELECT normalized_query, language, searches, last_micros, gap FROM (" + noResults + " UNION ALL "
                        + noClick + ") g ORDER BY searches DESC, last_micros DESC, normalized_query, language, gap"
                        + " FETCH FIRST ? ROWS ONLY",
                parameters);
    }

    static ContentGap contentGap(ResultSet rs) throws SQLException {
        return new ContentGap(
                rs.getString(1),
                Languages.parse(rs.getString(2)),
                rs.getLong(3),
                EventTimes.instant(rs.getLong(4)),
                // strip(): a database may pad the shorter literal of the UNION to the longer one's length.
                ContentGap.Kind.valueOf(rs.getString(5).strip()));
    }

    /**
     * The condition that the search {@code alias} has a click or a link. Written with {@code <>} rather than
     * {@code kind IN ('CLICK', 'LINK')}, so that no planner can answer it from the (kind, time) index, scanning
     * every click per search, instead of the search-id index.
     */
    private static String clicked(String alias) {
        return "EXISTS (SELECT 1 FROM kb_search_events c WHERE c.search_id = " + alias + ".search_id"
                + " AND c.kind <> 'SEARCH' AND c.kind <> 'SUGGESTION_PICK')";
    }

    /**
     * The reformulation report of {@link org.kcskb.store.spi.AnalyticsStore#reformulations}. Only searches carry a
     * visitor hash, so the later searches ({@code s}, {@code e}) are found by visitor and time alone: the only
     * index that serves them is (visitor_hash, at_micros), which keeps the plan linear in the failed searches even
     * where the planner has no statistics yet (a fresh table; with {@code kind = 'SEARCH'} PostgreSQL then nested
     * the (kind, time) index and ran for minutes over 40,000 events instead of half a second).
     */
    static Statement reformulations(ReportQuery query, long withinMicros) {
        var parameters = new ArrayList<Object>();
        parameters.add(withinMicros);
        String sql = "SELECT f.normalized_query, f.language, s.normalized_query, s.language, f.visitor_hash,"
                + " s.at_micros"
                + " FROM kb_search_events f JOIN kb_search_events s ON s.visitor_hash = f.visitor_hash"
                + " AND s.at_micros > f.at_micros AND s.at_micros <= f.at_micros + ?"
                + " AND s.normalized_query <> f.normalized_query"
                + " WHERE f.kind = 'SEARCH' AND f.visitor_hash IS NOT NULL"
                + window("f", query, parameters)
                + " AND NOT EXISTS (SELECT 1 FROM kb_search_events a WHERE a.search_id = f.search_id"
                + " AND a.kind <> 'SEARCH')"
                + " AND " + clicked("s")
                // The earliest such search only.
                + " AND NOT EXISTS (SELECT 1 FROM kb_search_events e WHERE e.visitor_hash = f.visitor_hash"
                + " AND e.at_micros > f.at_micros AND e.at_micros < s.at_micros"
                + " AND e.normalized_query <> f.normalized_query AND " + clicked("e") + ")"
                + " ORDER BY s.at_micros DESC, f.at_micros DESC FETCH FIRST ? ROWS ONLY";
        parameters.add(Reformulation.MAX_ROWS);
        return new Statement(sql, parameters);
    }

    static Reformulation reformulation(ResultSet rs) throws SQLException {
        return new Reformulation(
                rs.getString(1),
                Languages.parse(rs.getString(2)),
                rs.getString(3),
                Languages.parse(rs.getString(4)),
                rs.getString(5),
                EventTimes.instant(rs.getLong(6)));
    }

    static Statement topQueries(ReportQuery query, ReportScope scope) {
        var parameters = new ArrayList<Object>();
        String groups = "SELECT s.normalized_query, s.language,"
                + " SUM(CASE WHEN s.kind = 'SEARCH' THEN 1 ELSE 0 END) AS searches,"
                + " SUM(CASE WHEN s.kind = 'SEARCH' AND s.hit_count = 0 THEN 1 ELSE 0 END) AS without_results,"
                + " SUM(CASE WHEN s.kind = 'SUGGESTION_PICK' THEN 1 ELSE 0 END) AS picks"
                + " FROM kb_search_events s WHERE s.kind IN ('SEARCH', 'SUGGESTION_PICK')"
                + window("s", query, parameters)
                + scoped("s", scope, parameters)
                + " GROUP BY s.normalized_query, s.language";
        parameters.add(query.limit());
        return new Statement(
                "SELECT normalized_query, language, searches, without_results, picks FROM (" + groups + ") g"
                        + " ORDER BY searches + picks DESC, searches DESC, normalized_query, language"
                        + " FETCH FIRST ? ROWS ONLY",
                parameters);
    }

    /** The searches per product in the window: see {@link org.kcskb.store.spi.AnalyticsStore#searchesPerProduct}. */
    static Statement searchesPerProduct(ReportQuery query, ReportScope scope) {
        var parameters = new ArrayList<Object>();
        String groups = "SELECT s.product, COUNT(*) AS searches FROM kb_search_events s"
                + " WHERE s.kind = 'SEARCH' AND s.product IS NOT NULL AND s.product <> ''"
                + window("s", query, parameters)
                + scoped("s", scope, parameters)
                + " GROUP BY s.product";
        parameters.add(query.limit());
        return new Statement(
                "SELECT product, searches FROM (" + groups
                        + ") g ORDER BY searches DESC, product FETCH FIRST ? ROWS ONLY",
                parameters);
    }

    static QueryCount queryCount(ResultSet rs) throws SQLException {
        return new QueryCount(
                rs.getString(1), Languages.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    static Statement clickPositions(ReportQuery query, ReportScope scope) {
        var parameters = new ArrayList<Object>();
        parameters.add(EventTimes.micros(query.from()));
        parameters.add(EventTimes.micros(query.to()));
        String language = "";
        if (query.language().isPresent()) {
            String tag = Languages.tag(query.language().get());
            // A pick knows its language; a click only through its search (in a scoped report, one it counts).
            parameters.add(tag);
            parameters.add(tag);
            language = " AND ((c.kind = 'SUGGESTION_PICK' AND c.language = ?)"
                    + " OR (c.kind = 'CLICK' AND EXISTS (SELECT 1 FROM kb_search_events s"
                    + " WHERE s.search_id = c.search_id AND s.kind = 'SEARCH' AND s.language = ?"
                    + searchers("s", scope, parameters) + ")))";
        }
        String scopedClicks = scoped("c", scope, parameters);
        parameters.add(query.limit());
        return new Statement(
                "SELECT c.result_position,"
                        + " SUM(CASE WHEN c.kind = 'CLICK' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN c.kind = 'SUGGESTION_PICK' THEN 1 ELSE 0 END)"
                        + " FROM kb_search_events c WHERE c.kind IN ('CLICK', 'SUGGESTION_PICK')"
                        + " AND c.at_micros >= ? AND c.at_micros < ?" + language + scopedClicks
                        + " GROUP BY c.result_position ORDER BY c.result_position FETCH FIRST ? ROWS ONLY",
                parameters);
    }

    static PositionCount positionCount(ResultSet rs) throws SQLException {
        return new PositionCount(rs.getInt(1), rs.getLong(2), rs.getLong(3));
    }

    static Statement answeredQueries(ReportQuery query, ReportScope scope) {
        var parameters = new ArrayList<Object>();
        // hit_count > 0: a search without hits answered nothing, whatever a (forged) click says.
        String groups = "SELECT s.normalized_query, s.language, s.viewer_kind, c.article_id,"
                + " COUNT(DISTINCT s.search_id) AS answers, COUNT(DISTINCT s.visitor_hash) AS visitors,"
                + " MAX(s.at_micros) AS last_micros"
                + " FROM kb_search_events s JOIN kb_search_events c ON c.search_id = s.search_id"
                + " AND c.kind IN ('CLICK', 'LINK')"
                + " WHERE s.kind = 'SEARCH' AND s.hit_count > 0"
                + window("s", query, parameters)
                + searchers("s", scope, parameters)
                + scoped("c", scope, parameters)
                + " GROUP BY s.normalized_query, s.language, s.viewer_kind, c.article_id";
        parameters.add(query.limit());
        return new Statement(
                "SELECT normalized_query, language, viewer_kind, article_id, answers, visitors, last_micros FROM ("
                        + groups + ") g ORDER BY answers DESC, last_micros DESC, normalized_query, language,"
                        + " viewer_kind, article_id FETCH FIRST ? ROWS ONLY",
                parameters);
    }

    static AnsweredQuery answeredQuery(ResultSet rs) throws SQLException {
        return new AnsweredQuery(
                rs.getString(1),
                Languages.parse(rs.getString(2)),
                SearchEvent.ViewerKind.valueOf(rs.getString(3).strip()).audience(),
                ArticleId.of(rs.getString(4)),
                rs.getLong(5),
                rs.getLong(6),
                EventTimes.instant(rs.getLong(7)));
    }

    /** Returns the window (and language and product) conditions on the search {@code alias}, adding parameters. */
    private static String window(String alias, ReportQuery query, List<Object> parameters) {
        parameters.add(EventTimes.micros(query.from()));
        parameters.add(EventTimes.micros(query.to()));
        String sql = " AND " + alias + ".at_micros >= ? AND " + alias + ".at_micros < ?";
        if (query.language().isPresent()) {
            parameters.add(Languages.tag(query.language().get()));
            sql += " AND " + alias + ".language = ?";
        }
        if (query.product().isPresent()) {
            parameters.add(query.product().get());
            sql += " AND " + alias + ".product = ?";
        }
        return sql;
    }

    /**
     * Returns the condition that the event {@code alias} is one of a searcher the scope counts, and adds its
     * parameters; empty for the administrator's view. For events that never name an article (searches).
     */
    private static String searchers(String alias, ReportScope scope, List<Object> parameters) {
        if (scope.searchers().size() == SearchEvent.ViewerKind.values().length) {
            return "";
        }
        if (scope.searchers().isEmpty()) {
            return " AND 1 = 0";
        }
        var sql = new StringBuilder(" AND ").append(alias).append(".viewer_kind IN (");
        String separator = "";
        for (SearchEvent.ViewerKind kind : SearchEvent.ViewerKind.values()) {
            if (scope.searchers().contains(kind)) {
                sql.append(separator).append('?');
                parameters.add(kind.name());
                separator = ", ";
            }
        }
        return sql.append(')').toString();
    }

    /**
     * Returns the condition that the scope counts the event {@code alias}: its searcher's kind, and for an event that
     * names an article, that the article exists and a grant of the scope's visibility permits its current state and
     * audience (and, for an own-only grant, its author: the first revision's). One lookup by primary key in
     * {@code kb_articles} and {@code kb_revisions} per event that names an article; grants are grouped by state
     * (one audience list each), and a visibility that grants every state and audience outright only asks that the
     * article exist. Empty for the administrator's view. (On PostgreSQL with 170,000 events and 3,000 articles a
     * scoped report took one to two times as long as the administrator's.)
     */
    private static String scoped(String alias, ReportScope scope, List<Object> parameters) {
        String sql = searchers(alias, scope, parameters);
        if (scope.articles().isEmpty()) {
            return sql;
        }
        Visibility visibility = scope.articles().get();
        // Per state, the audiences granted outright and those granted for the viewer's own articles only.
        Map<ArticleState, Set<Audience>> outright = new EnumMap<>(ArticleState.class);
        Map<ArticleState, Set<Audience>> own = new EnumMap<>(ArticleState.class);
        for (Visibility.Grant grant : visibility.grants()) {
            (grant.ownOnly() ? own : outright)
                    .computeIfAbsent(grant.state(), k -> EnumSet.noneOf(Audience.class))
                    .add(grant.audience());
        }
        own.forEach((state, audiences) -> audiences.removeAll(outright.getOrDefault(state, Set.of())));
        own.values().removeIf(Set::isEmpty);
        boolean everything = outright.size() == ArticleState.values().length
                && outright.values().stream().allMatch(a -> a.size() == Audience.values().length);
        var exists = new StringBuilder(" AND (")
                .append(alias)
                .append(".article_id IS NULL OR EXISTS (SELECT 1 FROM kb_articles va");
        if (everything) {
            // Every state and audience: the article only has to exist.
            return sql + exists.append(" WHERE va.id = ").append(alias).append(".article_id))");
        }
        exists.append(" JOIN kb_revisions vr ON vr.article_id = va.id AND vr.number = va.head");
        if (!own.isEmpty()) {
            exists.append(" JOIN kb_revisions vf ON vf.article_id = va.id AND vf.number = 1");
        }
        exists.append(" WHERE va.id = ").append(alias).append(".article_id AND (");
        String separator = "";
        for (boolean ownOnly : new boolean[] {false, true}) {
            for (Map.Entry<ArticleState, Set<Audience>> entry : (ownOnly ? own : outright).entrySet()) {
                exists.append(separator).append("(vr.state = ?");
                parameters.add(entry.getKey().name());
                if (entry.getValue().size() < Audience.values().length) {
                    exists.append(" AND vr.audience IN (");
                    String comma = "";
                    for (Audience audience : entry.getValue()) {
                        exists.append(comma).append('?');
                        parameters.add(audience.name());
                        comma = ", ";
                    }
                    exists.append(')');
                }
                if (ownOnly) {
                    exists.append(" AND vf.author_id = ?");
                    parameters.add(visibility.authorId());
                }
                exists.append(')');
                separator = " OR ";
            }
        }
        if (separator.isEmpty()) {
            exists.append("1 = 0");
        }
        return sql + exists.append(")))");
    }
}
