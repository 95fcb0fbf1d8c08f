package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kcskb.NotFoundException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeChange;
import org.kcskb.notice.NoticeId;
import org.kcskb.notice.NoticeStats;
import org.kcskb.notice.NoticeText;
import org.kcskb.store.spi.Change;

/**
 * Reads and writes known-issue notices (migration V8): a publication or an ending is, inside an open write
 * transaction, the notice's row, its audit line and its {@link Change.Kind#NOTICE} feed entry, together or not at
 * all. Like {@link JdbcVocabulary}, a write first takes its feed sequence number on the feed counter row, so notice
 * changes queue with article commits behind one lock. Stateless; not thread-safe beyond its connection.
 */
final class JdbcNotices {
    static final String COLUMNS = "id, titles, texts, products, environments, symptoms, audience, start_seconds,"
            + " start_nanos, end_seconds, end_nanos, article_id, show_to_all, author_id, author_licence,"
            + " published_seconds, published_nanos";
    static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM kb_notices ORDER BY ordinal";
    static final String SELECT_AUDIT =
            "SELECT action, actor_id, actor_licence, at_seconds, at_nanos, notice_id FROM kb_notice_audit"
                    + " ORDER BY ordinal";
    static final String SELECT_STATS =
            "SELECT id, impressions, answered FROM kb_notices WHERE impressions > 0 OR answered > 0 ORDER BY ordinal";

    private JdbcNotices() {}

    /**
     * Stores the notice as {@code change} leaves it, records the change and announces it on the feed.
     *
     * @return the sequence number of the feed entry
     */
    static long put(Connection connection, Notice notice, NoticeChange change) throws SQLException {
        if (!change.notice().equals(notice.id())) {
            throw new IllegalArgumentException("The change names notice " + change.notice() + ", not " + notice.id());
        }
        long sequence = JdbcCommit.reserveSequence(connection, 1);
        Instant now = Instant.now();
        boolean stored = exists(connection, notice.id());
        if (change.action() == NoticeChange.Action.PUBLISHED) {
            if (stored) {
                throw new IllegalArgumentException("The notice " + notice.id() + " exists already");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO kb_notices (" + COLUMNS + ") VALUES (" + SqlRows.placeholders(COLUMNS) + ")")) {
                bind(insert, notice);
                insert.executeUpdate();
            }
        } else {
            if (!stored) {
                throw new NotFoundException("notice", notice.id().value(), "list the notices with notices(viewer)");
            }
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE kb_notices SET end_seconds = ?, end_nanos = ? WHERE id = ?")) {
                SqlRows.bindInstant(update, 1, notice.end());
                update.setString(3, notice.id().value());
                update.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_notice_audit (action, actor_id,"
                + " actor_licence, at_seconds, at_nanos, notice_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, change.action().name());
            insert.setString(2, change.actor().id());
            insert.setString(3, change.actor().licence().name());
            SqlRows.bindInstant(insert, 4, change.at());
            insert.setString(6, change.notice().value());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_changes (" + SqlRows.CHANGE_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(SqlRows.CHANGE_COLUMNS) + ")")) {
            insert.setLong(1, sequence);
            insert.setString(2, Change.NOTICE_SUBJECT.value());
            insert.setString(3, Change.Kind.NOTICE.name());
            SqlRows.bindInstant(insert, 4, now);
            insert.executeUpdate();
        }
        return sequence;
    }

    /** Adds counts in one transaction the caller commits; counts of notices not stored change no row. */
    static void addCounts(Connection connection, List<NoticeStats> counts) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE kb_notices SET impressions = impressions + ?, answered = answered + ? WHERE id = ?")) {
            for (NoticeStats count : counts) {
                update.setLong(1, count.impressions());
                update.setLong(2, count.answered());
                update.setString(3, count.notice().value());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static boolean exists(Connection connection, NoticeId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM kb_notices WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement ps, Notice notice) throws SQLException {
        var titles = new ArrayList<String>();
        var texts = new ArrayList<String>();
        notice.texts().forEach((language, text) -> {
            titles.add(Languages.tag(language));
            titles.add(text.title());
            texts.add(Languages.tag(language));
            texts.add(text.text());
        });
        ps.setString(1, notice.id().value());
        ps.setString(2, SqlCodec.encodeTags(titles));
        ps.setString(3, SqlCodec.encodeTags(texts));
        ps.setString(4, SqlCodec.encodeTags(notice.products()));
        ps.setString(5, SqlCodec.encodeTags(notice.environments()));
        ps.setString(6, SqlCodec.encodeTags(notice.symptoms()));
        ps.setString(7, notice.audience().name());
        SqlRows.bindInstant(ps, 8, notice.start());
        SqlRows.bindInstant(ps, 10, notice.end());
        if (notice.article().isPresent()) {
            ps.setString(12, notice.article().get().value());
        } else {
            ps.setNull(12, Types.VARCHAR);
        }
        ps.setBoolean(13, notice.showToAll());
        ps.setString(14, notice.author().id());
        ps.setString(15, notice.author().licence().name());
        SqlRows.bindInstant(ps, 16, notice.published());
    }

    /** Reads a row of {@link #SELECT_ALL}. */
    static Notice notice(ResultSet rs) throws SQLException {
        List<String> titles = SqlCodec.decodeTags(rs.getString(2));
        List<String> texts = SqlCodec.decodeTags(rs.getString(3));
        if (titles.size() != texts.size() || titles.size() % 2 != 0) {
            throw new IllegalStateException("Corrupt notice texts in the store for " + rs.getString(1));
        }
        Map<Locale, NoticeText> byLanguage = new LinkedHashMap<>();
        for (int i = 0; i < titles.size(); i += 2) {
            byLanguage.put(Languages.parse(titles.get(i)), new NoticeText(titles.get(i + 1), texts.get(i + 1)));
        }
        String article = rs.getString(12);
        return new Notice(
                NoticeId.of(rs.getString(1)),
                byLanguage,
                SqlCodec.decodeTags(rs.getString(4)),
                SqlCodec.decodeTags(rs.getString(5)),
                SqlCodec.decodeTags(rs.getString(6)),
                Audience.valueOf(rs.getString(7)),
                SqlRows.instant(rs, 8),
                SqlRows.instant(rs, 10),
                Optional.ofNullable(article).map(ArticleId::of),
                rs.getBoolean(13),
                new Actor(rs.getString(14), Licence.valueOf(rs.getString(15))),
                SqlRows.instant(rs, 16));
    }

    /** Reads a row of {@link #SELECT_AUDIT}. */
    static NoticeChange change(ResultSet rs) throws SQLException {
        return new NoticeChange(
                SqlRows.instant(rs, 4),
                new Actor(rs.getString(2), Licence.valueOf(rs.getString(3))),
                NoticeChange.Action.valueOf(rs.getString(1)),
                NoticeId.of(rs.getString(6)));
    }

    /** Reads a row of {@link #SELECT_STATS}. */
    static NoticeStats stats(ResultSet rs) throws SQLException {
        return new NoticeStats(NoticeId.of(rs.getString(1)), rs.getLong(2), rs.getLong(3));
    }
}
