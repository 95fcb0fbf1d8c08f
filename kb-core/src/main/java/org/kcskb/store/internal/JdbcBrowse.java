package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.article.Signals;
import org.kcskb.browse.ArticleSummary;
import org.kcskb.browse.BrowseCounts;
import org.kcskb.browse.BrowseCursor;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.browse.TimeRange;
import org.kcskb.lifecycle.Visibility;

/**
 * Browsing in SQL for the JDBC stores: one statement over the current heads ({@code kb_revisions} joined with
 * {@code kb_articles.head}) that reads only the columns a summary needs (no issue, resolution or cause text), with
 * reuse, last reuse, open flags and votes aggregated per article in the database, and with the viewer's
 * visibility, the states, audiences, author, created and updated ranges, view and vote limits, least reuse and open flags in
 * its {@code WHERE} clause, the product through the indexed {@code kb_articles.product} column (V12), other environment
 * attributes as a pre-filter on their encoded lines. The remaining filters
 * (environment exactly, tags, language, last reuse and oldest flag times) and the page after the cursor are applied
 * while the rows stream by ({@link Browsing}: a bounded heap, no full
 * sort); without such filters, a listing by updated, created or id is ordered, cut after the cursor and limited in
 * the database, and counts are grouped there. Table names are all
 * {@code kb_...} and no alias is, so the schema-qualified rewrite applies.
 */
final class JdbcBrowse {
    private static final String SELECT = "SELECT a.id, h.number, h.title, h.environment_attributes, h.language,"
            + " h.tags, h.state, h.audience, f.author_id, f.at_seconds, f.at_nanos, h.author_id, h.at_seconds,"
            + " h.at_nanos, a.view_count,"
            + " (SELECT COUNT(*) FROM kb_links l WHERE l.article_id = a.id),"
            + " (SELECT MAX(l.linked_seconds) FROM kb_links l WHERE l.article_id = a.id),"
            + " (SELECT MAX(l.linked_nanos) FROM kb_links l WHERE l.article_id = a.id AND l.linked_seconds ="
            + " (SELECT MAX(m.linked_seconds) FROM kb_links m WHERE m.article_id = a.id)),"
            + " (SELECT COUNT(*) FROM kb_flags g WHERE g.article_id = a.id AND g.resolved_by IS NULL),"
            + " (SELECT MIN(g.raised_seconds) FROM kb_flags g WHERE g.article_id = a.id AND g.resolved_by IS NULL),"
            + " (SELECT MIN(g.raised_nanos) FROM kb_flags g WHERE g.article_id = a.id AND g.resolved_by IS NULL"
            + " AND g.raised_seconds = (SELECT MIN(k.raised_seconds) FROM kb_flags k WHERE k.article_id = a.id"
            + " AND k.resolved_by IS NULL)),"
            + " (SELECT COUNT(*) FROM kb_feedback b WHERE b.article_id = a.id AND b.helpful = TRUE),"
            + " (SELECT COUNT(*) FROM kb_feedback b WHERE b.article_id = a.id AND b.helpful = FALSE)"
            + " FROM kb_articles a"
            + " JOIN kb_revisions h ON h.article_id = a.id AND h.number = a.head"
            + " JOIN kb_revisions f ON f.article_id = a.id AND f.number = 1";

    private JdbcBrowse() {}

    /**
     * Offers the current articles that the statement selects to {@code browsing}. When every filter of the request
     * is one the statement applies and the sort is a column (updated, created, id), the statement also applies the
     * cursor and the order and reads only {@code limit} rows; otherwise it reads every row its conditions select.
     */
    static void scan(
            Connection c,
            BrowseRequest request,
            Visibility visibility,
            Optional<BrowseCursor> after,
            int limit,
            Browsing browsing)
            throws SQLException {
        if (visibility.grants().isEmpty()) {
            return;
        }
        var parameters = new ArrayList<Object>();
        var where = where(request, visibility, parameters);
        String sql = SELECT + where;
        Optional<String[]> order = limit > 0 && allInSql(request) ? orderColumns(request.sort()) : Optional.empty();
        if (order.isPresent()) {
            String[] columns = order.get();
            if (after.isPresent()) {
                sql += " AND " + keyset(columns, request.descending(), after.get(), parameters);
            }
            String direction = request.descending() ? " DESC" : " ASC";
            var orderBy = new StringJoiner(", ", " ORDER BY ", "");
            for (String column : columns) {
                orderBy.add(column + direction);
            }
            sql += orderBy + " FETCH FIRST " + limit + " ROWS ONLY";
        }
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    offer(rs, browsing);
                }
            }
        }
    }

    /**
     * Returns the counts per state and audience, grouped in the database, when every filter of the request is one
     * the statement applies; otherwise empty (the caller counts while scanning).
     */
    static Optional<BrowseCounts> counts(Connection c, BrowseRequest request, Visibility visibility)
            throws SQLException {
        if (visibility.grants().isEmpty()) {
            return Optional.of(new BrowseCounts(0, Map.of(), Map.of()));
        }
        if (!allInSql(request)) {
            return Optional.empty();
        }
        var parameters = new ArrayList<Object>();
        String sql = "SELECT h.state, h.audience, COUNT(*) FROM kb_articles a"
                + " JOIN kb_revisions h ON h.article_id = a.id AND h.number = a.head"
                + " JOIN kb_revisions f ON f.article_id = a.id AND f.number = 1"
                + where(request, visibility, parameters) + " GROUP BY h.state, h.audience";
        var byState = new EnumMap<ArticleState, Long>(ArticleState.class);
        var byAudience = new EnumMap<Audience, Long>(Audience.class);
        long total = 0;
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(3);
                    byState.merge(ArticleState.valueOf(rs.getString(1)), count, Long::sum);
                    byAudience.merge(Audience.valueOf(rs.getString(2)), count, Long::sum);
                    total += count;
                }
            }
        }
        return Optional.of(new BrowseCounts(total, byState, byAudience));
    }

    /** Whether the statement applies every filter of the request, so that no row it returns is dropped later. */
    private static boolean allInSql(BrowseRequest request) {
        return request.environment().isEmpty()
                && request.tags().isEmpty()
                && request.languages().isEmpty()
                && request.lastReused().isAny()
                && request.notReusedSince().isEmpty()
                && request.oldestOpenFlag().isAny();
    }

    /** The columns of a sort the database orders exactly as {@link BrowseRequest#comparator()} does. */
    private static Optional<String[]> orderColumns(BrowseRequest.Sort sort) {
        return switch (sort) {
            case UPDATED -> Optional.of(new String[] {"h.at_seconds", "h.at_nanos", "a.id"});
            case CREATED -> Optional.of(new String[] {"f.at_seconds", "f.at_nanos", "a.id"});
            // Article ids compare bytewise in both databases (see SqlDialect.asciiCollation), as ArticleId does.
            case ID -> Optional.of(new String[] {"a.id"});
            default -> Optional.empty();
        };
    }

    /** The condition "after the cursor" on the order columns: a lexicographic comparison spelled out. */
    private static String keyset(String[] columns, boolean descending, BrowseCursor cursor, List<Object> parameters) {
        var values = new ArrayList<Object>();
        if (cursor.key() instanceof Instant at) {
            values.add(at.getEpochSecond());
            values.add(at.getNano());
        }
        values.add(cursor.id().value());
        String op = descending ? " < " : " > ";
        // (c1 op v1) OR (c1 = v1 AND ((c2 op v2) OR (c2 = v2 AND (c3 op v3))))
        String condition = columns[columns.length - 1] + op + "?";
        var tail = new ArrayList<Object>(List.of(values.get(columns.length - 1)));
        for (int i = columns.length - 2; i >= 0; i--) {
            condition = "(" + columns[i] + op + "? OR (" + columns[i] + " = ? AND " + condition + "))";
            var next = new ArrayList<Object>(List.of(values.get(i), values.get(i)));
            next.addAll(tail);
            tail = next;
        }
        parameters.addAll(tail);
        return condition;
    }

    private static String where(BrowseRequest request, Visibility visibility, List<Object> parameters) {
        var where = new StringJoiner(" AND ", " WHERE ", "");
        var grants = new StringJoiner(" OR ", "(", ")");
        for (Visibility.Grant grant : visibility.grants()) {
            grants.add(
                    grant.ownOnly()
                            ? "(h.state = ? AND h.audience = ? AND f.author_id = ?)"
                            : "(h.state = ? AND h.audience = ?)");
            parameters.add(grant.state().name());
            parameters.add(grant.audience().name());
            if (grant.ownOnly()) {
                parameters.add(visibility.authorId());
            }
        }
        where.add(grants.toString());
        if (!request.states().isEmpty()) {
            where.add(in("h.state", request.states().size()));
            request.states().forEach(s -> parameters.add(s.name()));
        }
        if (!request.audiences().isEmpty()) {
            where.add(in("h.audience", request.audiences().size()));
            request.audiences().forEach(a -> parameters.add(a.name()));
        }
        request.author().ifPresent(author -> {
            where.add("f.author_id = ?");
            parameters.add(author);
        });
        range(where, parameters, "f.at", request.created());
        range(where, parameters, "h.at", request.updated());
        request.maxViewCount().ifPresent(max -> {
            where.add("a.view_count <= ?");
            parameters.add(max);
        });
        request.maxFeedbackCount().ifPresent(max -> {
            where.add("(SELECT COUNT(*) FROM kb_feedback b WHERE b.article_id = a.id) <= ?");
            parameters.add(max);
        });
        if (request.minReuseCount() > 0) {
            where.add("(SELECT COUNT(*) FROM kb_links l WHERE l.article_id = a.id) >= ?");
            parameters.add(request.minReuseCount());
        }
        // Environment attributes are one line each in one column ("key=value", see SqlCodec): the statement keeps
        // the rows holding each asked line, so that a product's listing reads that product's rows only. Browsing
        // still compares the decoded attributes exactly.
        request.environment().forEach((key, value) -> {
            if (key.equals(Environment.PRODUCT) && productValue(value).length() <= MAX_PRODUCT_COLUMN) {
                // The head's product is a column of its own (V12), indexed: a product's listing reads its rows only.
                where.add("a.product = ?");
                parameters.add(productValue(value));
                return;
            }
            String line = SqlCodec.encodeAttribute(key, value);
            String like = line.replace("!", "!!").replace("%", "!%").replace("_", "!_");
            where.add("(h.environment_attributes = ? OR h.environment_attributes LIKE ? ESCAPE '!'"
                    + " OR h.environment_attributes LIKE ? ESCAPE '!' OR h.environment_attributes LIKE ? ESCAPE '!')");
            parameters.add(line);
            parameters.add(like + "\n%");
            parameters.add("%\n" + like);
            parameters.add("%\n" + like + "\n%");
        });
        request.openFlags()
                .ifPresent(open -> where.add((open ? "" : "NOT ")
                        + "EXISTS (SELECT 1 FROM kb_flags g WHERE g.article_id = a.id AND g.resolved_by IS NULL)"));
        return where.toString();
    }

    /**
     * Returns what {@code kb_articles.product} holds for a head with {@code environment} (migration V12): its
     * product attribute's value as the encoded attributes hold it (escaped), or null when it names none or when that
     * is longer than {@value #MAX_PRODUCT_COLUMN} characters.
     */
    static String productColumn(Environment environment) {
        String value = environment.attributes().get(Environment.PRODUCT);
        if (value == null) {
            return null;
        }
        String encoded = productValue(value);
        return encoded.length() <= MAX_PRODUCT_COLUMN ? encoded : null;
    }

    /** The longest encoded product {@code kb_articles.product} holds; a longer one is matched by its line. */
    static final int MAX_PRODUCT_COLUMN = 200;

    private static String productValue(String product) {
        return SqlCodec.encodeAttribute(Environment.PRODUCT, product).substring(Environment.PRODUCT.length() + 1);
    }

    private static String in(String column, int count) {
        var marks = new StringJoiner(", ", column + " IN (", ")");
        for (int i = 0; i < count; i++) {
            marks.add("?");
        }
        return marks.toString();
    }

    /** Adds the conditions of {@code range} on an instant stored as {@code prefix_seconds} and {@code prefix_nanos}. */
    private static void range(StringJoiner where, List<Object> parameters, String prefix, TimeRange range) {
        String s = prefix + "_seconds";
        String n = prefix + "_nanos";
        range.from().ifPresent(from -> {
            where.add("(" + s + " > ? OR (" + s + " = ? AND " + n + " >= ?))");
            parameters.add(from.getEpochSecond());
            parameters.add(from.getEpochSecond());
            parameters.add(from.getNano());
        });
        range.to().ifPresent(to -> {
            where.add("(" + s + " < ? OR (" + s + " = ? AND " + n + " < ?))");
            parameters.add(to.getEpochSecond());
            parameters.add(to.getEpochSecond());
            parameters.add(to.getNano());
        });
    }

    private static void offer(ResultSet rs, Browsing browsing) throws SQLException {
        ArticleId id = ArticleId.of(rs.getString(1));
        Map<String, String> attributes = SqlCodec.decodeAttributes(rs.getString(4));
        // Only what filtering reads: the texts a summary does not show are left empty.
        var content = new ArticleContent(
                rs.getString(3),
                "",
                new Environment(attributes, ""),
                "",
                "",
                Locale.forLanguageTag(rs.getString(5)),
                new HashSet<>(SqlCodec.decodeTags(rs.getString(6))));
        Instant created = SqlRows.instant(rs, 10);
        Instant updated = SqlRows.instant(rs, 13);
        int reuse = rs.getInt(16);
        long lastSeconds = rs.getLong(17);
        Optional<Instant> lastReused =
                rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastSeconds, rs.getInt(18)));
        int openFlags = rs.getInt(19);
        long flagSeconds = rs.getLong(20);
        Optional<Instant> oldestOpenFlag =
                rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(flagSeconds, rs.getInt(21)));
        var signals = new Signals(reuse, rs.getLong(15), rs.getInt(22), rs.getInt(23), openFlags);
        var article = new Article(
                id,
                rs.getInt(2),
                content,
                ArticleState.valueOf(rs.getString(7)),
                Audience.valueOf(rs.getString(8)),
                Optional.empty(),
                rs.getString(9),
                created,
                rs.getString(12),
                updated,
                signals);
        var summary = new ArticleSummary(
                id,
                content.title(),
                article.state(),
                article.audience(),
                content.language(),
                article.author(),
                content.environment().product(),
                created,
                updated,
                reuse,
                lastReused,
                openFlags,
                oldestOpenFlag,
                signals.viewCount(),
                signals.helpfulCount() + signals.unhelpfulCount());
        browsing.offer(article, summary);
    }
}
