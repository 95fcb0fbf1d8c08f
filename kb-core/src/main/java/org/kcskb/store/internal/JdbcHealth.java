package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.article.Signals;
import org.kcskb.browse.TimeRange;
import org.kcskb.health.CaseClosure;
import org.kcskb.store.spi.ArticleActivity;

/**
 * Content health in the JDBC stores: the one-pass scan of every article with its links, flags and feedback, and the
 * case closures of {@code kb_case_closures} (migration V7).
 */
final class JdbcHealth {
    private JdbcHealth() {}

    /** How many articles one page of the scan reads, with their links, flags and feedback. */
    static final int PAGE = 500;

    private static final String HEADS = "SELECT " + SqlRows.qualified("r", SqlRows.REVISION_COLUMNS)
            + ", f.author_id, f.at_seconds, f.at_nanos, a.view_count"
            + " FROM kb_articles a"
            + " JOIN kb_revisions r ON r.article_id = a.id AND r.number = a.head"
            + " JOIN kb_revisions f ON f.article_id = a.id AND f.number = 1";
    private static final String FIRST_HEADS = HEADS + " ORDER BY a.id FETCH FIRST " + PAGE + " ROWS ONLY";
    private static final String NEXT_HEADS = HEADS + " WHERE a.id > ? ORDER BY a.id FETCH FIRST " + PAGE + " ROWS ONLY";

    /** The rows of the articles {@code article_id >= ? AND article_id <= ?}, in the order of the single reads. */
    private static final String LINKS = "SELECT " + SqlRows.LINK_COLUMNS + " FROM kb_links"
            + " WHERE article_id >= ? AND article_id <= ?"
            + " ORDER BY article_id, linked_seconds, linked_nanos, ordinal";

    private static final String FLAGS = "SELECT " + SqlRows.FLAG_COLUMNS + " FROM kb_flags"
            + " WHERE article_id >= ? AND article_id <= ?"
            + " ORDER BY article_id, raised_seconds, raised_nanos, ordinal";
    private static final String FEEDBACK = "SELECT " + SqlRows.FEEDBACK_COLUMNS + " FROM kb_feedback"
            + " WHERE article_id >= ? AND article_id <= ?"
            + " ORDER BY article_id, given_seconds, given_nanos, ordinal";

    /**
     * Hands the current articles to {@code action} in id order, each with its links, flags and feedback, a page of
     * {@value #PAGE} articles at a time: one statement reads a page of heads after the last id (a keyset on the
     * primary key), three more that page's links, flags and feedback by their article-id index, and the rows are
     * merged with the heads as they go. Paging is what keeps the cost linear: one statement over every article and
     * one over every link, each sorted, made H2 materialise the whole of each result (every article's text at
     * once) before returning a row, and the collector copy those hundreds of megabytes; a page's rows die young.
     * Runs in one read transaction (PostgreSQL then keeps one connection and streams what it can).
     *
     * <p>The merge compares article ids with {@link String#compareTo}, which is the order both databases sort them
     * in (see {@link SqlDialect#asciiCollation}); a row of an article the page did not return (deleted meanwhile)
     * is skipped.
     */
    static void scan(Connection c, Consumer<ArticleActivity> action) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement first = c.prepareStatement(FIRST_HEADS);
                PreparedStatement next = c.prepareStatement(NEXT_HEADS);
                PreparedStatement selectLinks = c.prepareStatement(LINKS);
                PreparedStatement selectFlags = c.prepareStatement(FLAGS);
                PreparedStatement selectFeedback = c.prepareStatement(FEEDBACK)) {
            String after = null;
            while (true) {
                PreparedStatement select = after == null ? first : next;
                if (after != null) {
                    next.setString(1, after);
                }
                var heads = new ArrayList<Head>(PAGE);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Revision latest = SqlRows.revision(rs, 1);
                        int i = SqlRows.REVISION_COLUMN_COUNT + 1;
                        heads.add(new Head(latest, rs.getString(i), SqlRows.instant(rs, i + 1), rs.getLong(i + 3)));
                    }
                }
                if (heads.isEmpty()) {
                    break;
                }
                String from = heads.getFirst().latest().articleId().value();
                String to = heads.getLast().latest().articleId().value();
                try (Merged<CaseLink> links = new Merged<>(selectLinks, from, to, SqlRows::link, 1);
                        Merged<Flag> flags = new Merged<>(selectFlags, from, to, SqlRows::flag, 2);
                        Merged<Feedback> feedback = new Merged<>(selectFeedback, from, to, SqlRows::feedback, 2)) {
                    for (Head head : heads) {
                        String id = head.latest().articleId().value();
                        List<CaseLink> articleLinks = links.of(id);
                        List<Flag> articleFlags = flags.of(id);
                        List<Feedback> articleFeedback = feedback.of(id);
                        int helpful = 0;
                        for (Feedback f : articleFeedback) {
                            helpful += f.helpful() ? 1 : 0;
                        }
                        int open = 0;
                        for (Flag f : articleFlags) {
                            open += f.isOpen() ? 1 : 0;
                        }
                        var signals = new Signals(
                                articleLinks.size(), head.views(), helpful, articleFeedback.size() - helpful, open);
                        Revision latest = head.latest();
                        var article = new Article(
                                latest.articleId(),
                                latest.number(),
                                latest.content(),
                                latest.state(),
                                latest.audience(),
                                latest.mergedInto(),
                                head.author(),
                                head.created(),
                                latest.author().id(),
                                latest.at(),
                                signals);
                        action.accept(new ArticleActivity(article, articleLinks, articleFlags, articleFeedback));
                    }
                }
                if (heads.size() < PAGE) {
                    break;
                }
                after = to;
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** A current article's head revision with its first revision's author and instant and its view count. */
    private record Head(Revision latest, String author, java.time.Instant created, long views) {}

    /**
     * One of the statements {@link #scan} merges with a page of articles: its rows in article-id order, read one
     * ahead so that {@link #of} can stop at the first row of a later article.
     */
    private static final class Merged<T> implements AutoCloseable {
        private final ResultSet rs;
        private final SqlRows.RowReader<T> reader;
        private final int articleColumn;
        /** The article id of the row the result set stands on; null once it is exhausted. */
        private String next;

        Merged(PreparedStatement select, String from, String to, SqlRows.RowReader<T> reader, int articleColumn)
                throws SQLException {
            select.setString(1, from);
            select.setString(2, to);
            this.rs = select.executeQuery();
            this.reader = reader;
            this.articleColumn = articleColumn;
            advance();
        }

        private void advance() throws SQLException {
            next = rs.next() ? rs.getString(articleColumn) : null;
        }

        /** Returns the rows of article {@code id}, skipping those of earlier ids (articles no longer there). */
        List<T> of(String id) throws SQLException {
            while (next != null && next.compareTo(id) < 0) {
                advance();
            }
            if (next == null || !next.equals(id)) {
                return List.of();
            }
            var rows = new ArrayList<T>(4);
            do {
                rows.add(reader.read(rs));
                advance();
            } while (next != null && next.equals(id));
            return rows;
        }

        @Override
        public void close() throws SQLException {
            rs.close();
        }
    }

    private static final String CLOSURE_COLUMNS = "case_id, closed_by, opened_seconds, opened_nanos,"
            + " closed_seconds, closed_nanos, linked_articles, captured_articles";

    /** Stores a closure in the caller's write transaction, replacing an earlier one of the same case. */
    static long put(Connection c, CaseClosure closure) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM kb_case_closures WHERE case_id = ?")) {
            delete.setString(1, closure.caseId().value());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO kb_case_closures (" + CLOSURE_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(CLOSURE_COLUMNS) + ")")) {
            insert.setString(1, closure.caseId().value());
            insert.setString(2, closure.closedBy());
            SqlRows.bindInstant(insert, 3, closure.opened());
            SqlRows.bindInstant(insert, 5, closure.closed());
            insert.setString(7, SqlCodec.encodeTags(ids(closure.linked())));
            insert.setString(8, SqlCodec.encodeTags(ids(closure.captured())));
            insert.executeUpdate();
        }
        return 0;
    }

    /** Reads the closures whose closing instant lies in {@code closedIn}, by that instant and case id. */
    static List<CaseClosure> closures(Connection c, TimeRange closedIn) throws SQLException {
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new ArrayList<Long>();
        if (closedIn.from().isPresent()) {
            where.append(" AND (closed_seconds > ? OR (closed_seconds = ? AND closed_nanos >= ?))");
            parameters.add(closedIn.from().get().getEpochSecond());
            parameters.add(closedIn.from().get().getEpochSecond());
            parameters.add((long) closedIn.from().get().getNano());
        }
        if (closedIn.to().isPresent()) {
            where.append(" AND (closed_seconds < ? OR (closed_seconds = ? AND closed_nanos < ?))");
            parameters.add(closedIn.to().get().getEpochSecond());
            parameters.add(closedIn.to().get().getEpochSecond());
            parameters.add((long) closedIn.to().get().getNano());
        }
        var closures = new ArrayList<CaseClosure>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + CLOSURE_COLUMNS + " FROM kb_case_closures"
                + where + " ORDER BY closed_seconds, closed_nanos, case_id")) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setLong(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    closures.add(new CaseClosure(
                            CaseId.of(rs.getString(1)),
                            rs.getString(2),
                            SqlRows.instant(rs, 3),
                            SqlRows.instant(rs, 5),
                            SqlCodec.decodeTags(rs.getString(7)).stream()
                                    .map(ArticleId::of)
                                    .toList(),
                            SqlCodec.decodeTags(rs.getString(8)).stream()
                                    .map(ArticleId::of)
                                    .toList()));
                }
            }
        }
        // Case ids compare in Java order in every database (collations differ).
        closures.sort(java.util.Comparator.comparing(CaseClosure::closed)
                .thenComparing(closure -> closure.caseId().value()));
        return List.copyOf(closures);
    }

    private static List<String> ids(List<ArticleId> ids) {
        return ids.stream().map(ArticleId::value).toList();
    }
}
