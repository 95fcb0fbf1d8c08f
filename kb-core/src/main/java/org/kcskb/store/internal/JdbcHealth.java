package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

    private static final String HEADS = "SELECT " + SqlRows.qualified("r", SqlRows.REVISION_COLUMNS)
            + ", f.author_id, f.at_seconds, f.at_nanos, a.view_count"
            + " FROM kb_articles a"
            + " JOIN kb_revisions r ON r.article_id = a.id AND r.number = a.head"
            + " JOIN kb_revisions f ON f.article_id = a.id AND f.number = 1"
            + " ORDER BY a.id";

    private static final String LINKS = "SELECT " + SqlRows.LINK_COLUMNS + " FROM kb_links"
            + " ORDER BY article_id, linked_seconds, linked_nanos, ordinal";
    private static final String FLAGS = "SELECT " + SqlRows.FLAG_COLUMNS + " FROM kb_flags"
            + " ORDER BY article_id, raised_seconds, raised_nanos, ordinal";
    private static final String FEEDBACK = "SELECT " + SqlRows.FEEDBACK_COLUMNS + " FROM kb_feedback"
            + " ORDER BY article_id, given_seconds, given_nanos, ordinal";

    /**
     * Streams the current articles in id order and, beside them, their links, flags and feedback, each table read by
     * one statement in article-id order and merged with the articles as they go: four statements whatever the number
     * of articles, and only one article's rows held at a time (an earlier version read every link, flag and vote
     * into maps first; collecting those hundreds of thousands of live objects cost more than reading them). Runs in
     * one read transaction, so that PostgreSQL streams each statement with a cursor instead of holding every row.
     *
     * <p>The merge compares article ids with {@link String#compareTo}, which is the order both databases sort them
     * in (see {@link SqlDialect#asciiCollation}); a row of an article the article statement did not return (deleted
     * between the statements) is skipped.
     */
    static void scan(Connection c, Consumer<ArticleActivity> action) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement selectLinks = c.prepareStatement(LINKS);
                PreparedStatement selectFlags = c.prepareStatement(FLAGS);
                PreparedStatement selectFeedback = c.prepareStatement(FEEDBACK);
                PreparedStatement select = c.prepareStatement(HEADS)) {
            Merged<CaseLink> links = new Merged<>(selectLinks, SqlRows::link, 1);
            Merged<Flag> flags = new Merged<>(selectFlags, SqlRows::flag, 2);
            Merged<Feedback> feedback = new Merged<>(selectFeedback, SqlRows::feedback, 2);
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Revision latest = SqlRows.revision(rs, 1);
                    int i = SqlRows.REVISION_COLUMN_COUNT + 1;
                    String id = latest.articleId().value();
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
                            articleLinks.size(), rs.getLong(i + 3), helpful, articleFeedback.size() - helpful, open);
                    var article = SqlRows.article(rs, latest, i, signals);
                    action.accept(new ArticleActivity(article, articleLinks, articleFlags, articleFeedback));
                }
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

    private static final int FETCH_SIZE = 1000;

    /**
     * One of the statements {@link #scan} merges with the articles: its rows in article-id order, read one ahead so
     * that {@link #of} can stop at the first row of a later article. Closed with its statement.
     */
    private static final class Merged<T> {
        private final ResultSet rs;
        private final SqlRows.RowReader<T> reader;
        private final int articleColumn;
        /** The article id of the row the result set stands on; null once it is exhausted. */
        private String next;

        Merged(PreparedStatement select, SqlRows.RowReader<T> reader, int articleColumn) throws SQLException {
            select.setFetchSize(FETCH_SIZE);
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
