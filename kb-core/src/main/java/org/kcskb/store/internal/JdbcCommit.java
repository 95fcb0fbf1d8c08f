package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.kcskb.AuditEntry;
import org.kcskb.NotFoundException;
import org.kcskb.RevisionConflictException;
import org.kcskb.TranslationConflictException;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.Mutation;

/**
 * Applies the mutations of one {@link org.kcskb.store.spi.ArticleStore#commit commit} inside an open transaction.
 *
 * <p>The first statement increments the feed counter by the number of feed entries the commit writes. That row
 * lock queues every writer behind the one before it until its transaction ends, so each commit checks revision
 * numbers against committed state and takes the next block of sequence numbers: the feed is in commit order
 * without gaps, and of two writers appending the same revision the second sees the first's and conflicts. The
 * mutations are then checked and applied one by one, each seeing the earlier ones; any failure rolls the whole
 * transaction back. One instance per transaction; not thread-safe.
 */
final class JdbcCommit {
    private final Connection connection;
    /** Current revision per article as this transaction sees it; 0 for none. */
    private final Map<ArticleId, Integer> heads = new HashMap<>();

    private final List<ArticleId> changedArticles = new ArrayList<>();
    private final List<Change.Kind> changeKinds = new ArrayList<>();

    JdbcCommit(Connection connection) {
        this.connection = connection;
    }

    /** Applies {@code mutations} and returns the sequence number of the last feed entry written. */
    long apply(List<Mutation> mutations) throws SQLException {
        int entries = 0;
        for (Mutation m : mutations) {
            entries += switch (m) {
                case Mutation.MoveLinks ignored -> 2;
                case Mutation.ExpectRevision ignored -> 0;
                // Counted as applied: they write one entry per member of a translation group, read under the lock.
                case Mutation.PutTranslation ignored -> 0;
                case Mutation.RemoveTranslation ignored -> 0;
                case Mutation.PutSourceId ignored -> 0;
                default -> 1;
            };
        }
        long last = reserveSequence(connection, entries);
        // Taken after the lock, so that feed times never go backwards along the sequence (on one clock).
        Instant now = Instant.now();
        for (Mutation mutation : mutations) {
            apply(mutation);
        }
        if (changedArticles.size() > entries) {
            // This transaction holds the counter's row lock since reserveSequence: the extra block follows directly.
            int extra = changedArticles.size() - entries;
            last = reserveSequence(connection, extra);
            entries += extra;
        }
        if (changedArticles.size() != entries) {
            throw new IllegalStateException("Expected " + entries + " feed entries, wrote " + changedArticles.size());
        }
        writeChanges(last - entries + 1, now);
        return last;
    }

    /**
     * Takes the next {@code entries} feed sequence numbers and returns the last; the counter's row lock, held until
     * the transaction ends, queues the writers so that the feed stays in commit order without gaps.
     */
    static long reserveSequence(Connection connection, int entries) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE kb_counters SET current_value = current_value + ? WHERE name = 'feed'")) {
            update.setInt(1, entries);
            if (update.executeUpdate() != 1) {
                throw new SQLException("The feed counter row is missing from kb_counters; the schema is damaged");
            }
        }
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT current_value FROM kb_counters WHERE name = 'feed'");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void apply(Mutation mutation) throws SQLException {
        switch (mutation) {
            case Mutation.AppendRevision m -> appendRevision(m.revision());
            case Mutation.PutLink m -> {
                requireArticle(m.articleId());
                deleteLink(m.link().articleId(), m.link().caseId().value());
                insertLink(m.link());
                changed(m.articleId(), Change.Kind.SIGNALS);
            }
            case Mutation.RemoveLink m -> {
                requireArticle(m.articleId());
                if (deleteLink(m.articleId(), m.caseId().value()) == 0) {
                    throw new NotFoundException(
                            "link", m.articleId() + " -> " + m.caseId(), "the article is not linked to that case");
                }
                changed(m.articleId(), Change.Kind.SIGNALS);
            }
            case Mutation.MoveLinks m -> {
                requireArticle(m.articleId());
                requireArticle(m.target());
                moveLinks(m.articleId(), m.target());
                changed(m.articleId(), Change.Kind.SIGNALS);
                changed(m.target(), Change.Kind.SIGNALS);
            }
            case Mutation.PutFlag m -> {
                requireArticle(m.articleId());
                putFlag(m.flag());
                changed(m.articleId(), Change.Kind.SIGNALS);
            }
            case Mutation.AddFeedback m -> {
                requireArticle(m.articleId());
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_feedback ("
                        + SqlRows.FEEDBACK_COLUMNS + ") VALUES (" + SqlRows.placeholders(SqlRows.FEEDBACK_COLUMNS)
                        + ")")) {
                    SqlRows.bindFeedback(insert, m.feedback());
                    insert.executeUpdate();
                }
                changed(m.articleId(), Change.Kind.SIGNALS);
            }
            case Mutation.ExpectRevision m -> {
                // Under the feed-counter lock taken first, so no other commit can change the head before ours ends.
                int current = head(m.articleId());
                if (current == 0) {
                    throw missing(m.articleId());
                }
                if (current != m.revision()) {
                    throw new RevisionConflictException(m.articleId(), m.revision(), current);
                }
            }
            case Mutation.Purge m -> purge(m);
            case Mutation.PutTranslation m -> putTranslation(m.articleId(), m.translation());
            case Mutation.RemoveTranslation m -> {
                requireArticle(m.articleId());
                TreeSet<ArticleId> changed = leaveTranslationGroup(m.articleId());
                if (!changed.isEmpty()) {
                    changed.add(m.articleId());
                }
                for (ArticleId member : changed) {
                    changed(member, Change.Kind.CONTENT);
                }
            }
            case Mutation.Redact m -> redact(m);
            case Mutation.PutSourceId m -> putSourceId(m);
            case Mutation.AddViews m -> {
                requireArticle(m.articleId());
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE kb_articles SET view_count = view_count + ? WHERE id = ?")) {
                    update.setLong(1, m.count());
                    update.setString(2, m.articleId().value());
                    update.executeUpdate();
                }
                changed(m.articleId(), Change.Kind.SIGNALS);
            }
        }
    }

    /** Maps a source id to an article; see {@link Mutation.PutSourceId}. Purge forgets it (ON DELETE CASCADE). */
    private void putSourceId(Mutation.PutSourceId m) throws SQLException {
        requireArticle(m.articleId());
        // Two look-ups, each by its own unique index: with OR, H2 would scan the table on every import record.
        ArticleId mapped = null;
        try (PreparedStatement select =
                connection.prepareStatement("SELECT article_id FROM kb_source_ids WHERE source_id = ?")) {
            select.setString(1, m.sourceId());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    mapped = ArticleId.of(rs.getString(1));
                }
            }
        }
        String source = null;
        try (PreparedStatement select =
                connection.prepareStatement("SELECT source_id FROM kb_source_ids WHERE article_id = ?")) {
            select.setString(1, m.articleId().value());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    source = rs.getString(1);
                }
            }
        }
        InMemoryArticleStore.requireSameSource(m, mapped, source);
        if (mapped == null) {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO kb_source_ids (source_id, article_id) VALUES (?, ?)")) {
                insert.setString(1, m.sourceId());
                insert.setString(2, m.articleId().value());
                insert.executeUpdate();
            }
        }
    }

    private void purge(Mutation.Purge m) throws SQLException {
        ArticleId id = m.articleId();
        requireArticle(id);
        // Children first: they reference kb_articles (the translation row too).
        TreeSet<ArticleId> formerTranslations = leaveTranslationGroup(id);
        for (String table : List.of("kb_links", "kb_flags", "kb_feedback", "kb_revisions", "kb_articles")) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                    + (table.equals("kb_articles") ? "id" : "article_id") + " = ?")) {
                delete.setString(1, id.value());
                delete.executeUpdate();
            }
        }
        heads.put(id, 0);
        insertAudit(m.audit());
        changed(id, Change.Kind.CONTENT);
        for (ArticleId other : formerTranslations) {
            changed(other, Change.Kind.CONTENT);
        }
    }

    /** Joins the translation groups of two articles; see {@link Mutation.PutTranslation}. */
    private void putTranslation(ArticleId a, ArticleId b) throws SQLException {
        requireArticle(a);
        requireArticle(b);
        var joined = new TreeSet<ArticleId>();
        var languages = new HashMap<Locale, ArticleId>();
        String label = null;
        var groups = new ArrayList<TreeSet<ArticleId>>(2);
        for (ArticleId id : List.of(a, b)) {
            String group = translationGroupId(id);
            groups.add(group == null ? new TreeSet<>(List.of(id)) : translationGroupMembers(group));
            label = label == null ? group : label;
        }
        // The larger group is the one joined, so that the error names the translation already there.
        if (groups.get(1).size() > groups.get(0).size()) {
            groups.add(groups.removeFirst());
        }
        for (TreeSet<ArticleId> members : groups) {
            boolean first = joined.isEmpty();
            for (ArticleId member : members) {
                // Under the feed-counter lock: no other commit changes groups or languages before this one ends.
                Locale language = language(member);
                ArticleId existing = languages.putIfAbsent(language, member);
                if (!first && existing != null && !existing.equals(member) && !joined.contains(member)) {
                    throw new TranslationConflictException(member, language, existing);
                }
            }
            joined.addAll(members);
        }
        label = label == null ? a.value() : label;
        try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM kb_translations WHERE article_id = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO kb_translations (article_id, group_id) VALUES (?, ?)")) {
            for (ArticleId member : joined) {
                delete.setString(1, member.value());
                delete.executeUpdate();
                insert.setString(1, member.value());
                insert.setString(2, label);
                insert.executeUpdate();
            }
        }
        for (ArticleId member : joined) {
            changed(member, Change.Kind.CONTENT);
        }
    }

    /**
     * Takes {@code id} out of its translation group, dissolving a group left with one member, and returns the other
     * members of the group it left, in id order (empty when it had none).
     */
    private TreeSet<ArticleId> leaveTranslationGroup(ArticleId id) throws SQLException {
        String group = translationGroupId(id);
        if (group == null) {
            return new TreeSet<>();
        }
        TreeSet<ArticleId> rest = translationGroupMembers(group);
        rest.remove(id);
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM kb_translations WHERE article_id = ?")) {
            delete.setString(1, id.value());
            delete.executeUpdate();
            if (rest.size() == 1) {
                delete.setString(1, rest.first().value());
                delete.executeUpdate();
            }
        }
        return rest;
    }

    private Locale language(ArticleId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.language FROM kb_articles a"
                + " JOIN kb_revisions r ON r.article_id = a.id AND r.number = a.head WHERE a.id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw missing(id);
                }
                return Locale.forLanguageTag(rs.getString(1));
            }
        }
    }

    private String translationGroupId(ArticleId id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT group_id FROM kb_translations WHERE article_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private TreeSet<ArticleId> translationGroupMembers(String group) throws SQLException {
        var members = new TreeSet<ArticleId>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT article_id FROM kb_translations WHERE group_id = ?")) {
            select.setString(1, group);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    members.add(ArticleId.of(rs.getString(1)));
                }
            }
        }
        return members;
    }

    private void redact(Mutation.Redact m) throws SQLException {
        Revision r = m.redacted();
        int current = head(r.articleId());
        if (current == 0) {
            throw missing(r.articleId());
        }
        if (r.number() > current) {
            throw new NotFoundException(
                    "revision", r.articleId() + " revision " + r.number(), "the article has revisions 1 to " + current);
        }
        // Delete and insert rather than update every column: the row's key stays, the old text is gone.
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM kb_revisions WHERE article_id = ? AND number = ?")) {
            delete.setString(1, r.articleId().value());
            delete.setInt(2, r.number());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_revisions ("
                + SqlRows.REVISION_COLUMNS + ") VALUES (" + SqlRows.placeholders(SqlRows.REVISION_COLUMNS) + ")")) {
            SqlRows.bindRevision(insert, r);
            insert.executeUpdate();
        }
        insertAudit(m.audit());
        changed(r.articleId(), Change.Kind.CONTENT);
    }

    private void insertAudit(AuditEntry audit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_audit (" + SqlRows.AUDIT_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(SqlRows.AUDIT_COLUMNS) + ")")) {
            SqlRows.bindAudit(insert, audit);
            insert.executeUpdate();
        }
    }

    private void appendRevision(Revision r) throws SQLException {
        ArticleId id = r.articleId();
        int current = head(id);
        if (r.number() == 1 && current != 0) {
            throw new RevisionConflictException(id, 0, current);
        }
        if (r.number() > 1 && current == 0) {
            throw missing(id);
        }
        if (r.number() != current + 1) {
            throw new RevisionConflictException(id, r.number() - 1, current);
        }
        if (r.number() == 1) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO kb_articles (id, head, view_count, product) VALUES (?, 1, 0, ?)")) {
                insert.setString(1, id.value());
                insert.setString(2, JdbcBrowse.productColumn(r.content().environment()));
                insertOrConflict(insert, r);
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE kb_articles SET head = ?, product = ? WHERE id = ? AND head = ?")) {
                update.setInt(1, r.number());
                update.setString(2, JdbcBrowse.productColumn(r.content().environment()));
                update.setString(3, id.value());
                update.setInt(4, current);
                if (update.executeUpdate() != 1) {
                    // Cannot happen while writers queue on the feed counter; kept as a guard.
                    throw new RevisionConflictException(id, current, r.number());
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_revisions ("
                + SqlRows.REVISION_COLUMNS + ") VALUES (" + SqlRows.placeholders(SqlRows.REVISION_COLUMNS) + ")")) {
            SqlRows.bindRevision(insert, r);
            insertOrConflict(insert, r);
        }
        heads.put(id, r.number());
        changed(id, Change.Kind.CONTENT);
    }

    /** Runs an insert keyed by the revision; a duplicate key means another writer got there first. */
    private static void insertOrConflict(PreparedStatement insert, Revision r) throws SQLException {
        try {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlDialect.isUniqueViolation(e)) {
                // Cannot happen while writers queue on the feed counter; kept as a guard.
                var conflict = new RevisionConflictException(r.articleId(), r.number() - 1, r.number());
                conflict.addSuppressed(e);
                throw conflict;
            }
            throw e;
        }
    }

    private int deleteLink(ArticleId articleId, String caseId) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM kb_links WHERE article_id = ? AND case_id = ?")) {
            delete.setString(1, articleId.value());
            delete.setString(2, caseId);
            return delete.executeUpdate();
        }
    }

    private void insertLink(CaseLink link) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_links (" + SqlRows.LINK_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(SqlRows.LINK_COLUMNS) + ")")) {
            SqlRows.bindLink(insert, link);
            insert.executeUpdate();
        }
    }

    /**
     * Moves the source's links to the target in their original order, pinned to the target's current revision;
     * where the target already has a link to the case, the target's own link wins.
     */
    private void moveLinks(ArticleId source, ArticleId target) throws SQLException {
        int pinned = head(target);
        var moved = new ArrayList<CaseLink>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SqlRows.LINK_COLUMNS
                + " FROM kb_links s WHERE s.article_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM kb_links t WHERE t.article_id = ? AND t.case_id = s.case_id)"
                + " ORDER BY s.ordinal")) {
            select.setString(1, source.value());
            select.setString(2, target.value());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    CaseLink link = SqlRows.link(rs);
                    moved.add(
                            new CaseLink(target, link.caseId(), link.type(), pinned, link.linkedBy(), link.linkedAt()));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM kb_links WHERE article_id = ?")) {
            delete.setString(1, source.value());
            delete.executeUpdate();
        }
        for (CaseLink link : moved) {
            insertLink(link);
        }
    }

    private void putFlag(Flag flag) throws SQLException {
        String owner = null;
        try (PreparedStatement select = connection.prepareStatement("SELECT article_id FROM kb_flags WHERE id = ?")) {
            select.setString(1, flag.id());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    owner = rs.getString(1);
                }
            }
        }
        if (owner == null) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_flags (" + SqlRows.FLAG_COLUMNS
                    + ") VALUES (" + SqlRows.placeholders(SqlRows.FLAG_COLUMNS) + ")")) {
                insert.setString(1, flag.id());
                SqlRows.bindFlagFields(insert, 2, flag);
                insert.executeUpdate();
            }
        } else if (!owner.equals(flag.articleId().value())) {
            throw new IllegalArgumentException(
                    "Flag " + flag.id() + " belongs to " + owner + ", not " + flag.articleId());
        } else {
            // An update keeps the flag's ordinal, so it keeps its place among flags raised at the same time.
            try (PreparedStatement update = connection.prepareStatement("UPDATE kb_flags SET article_id = ?,"
                    + " reason = ?, flag_comment = ?, raised_by = ?, raised_seconds = ?, raised_nanos = ?,"
                    + " resolved_by = ?, resolved_seconds = ?, resolved_nanos = ?, resolution_note = ?"
                    + " WHERE id = ?")) {
                SqlRows.bindFlagFields(update, 1, flag);
                update.setString(11, flag.id());
                update.executeUpdate();
            }
        }
    }

    private void writeChanges(long firstSequence, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_changes (" + SqlRows.CHANGE_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(SqlRows.CHANGE_COLUMNS) + ")")) {
            for (int i = 0; i < changedArticles.size(); i++) {
                insert.setLong(1, firstSequence + i);
                insert.setString(2, changedArticles.get(i).value());
                insert.setString(3, changeKinds.get(i).name());
                SqlRows.bindInstant(insert, 4, at);
                if (changedArticles.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (changedArticles.size() > 1) {
                insert.executeBatch();
            }
        }
    }

    private void changed(ArticleId id, Change.Kind kind) {
        changedArticles.add(id);
        changeKinds.add(kind);
    }

    private void requireArticle(ArticleId id) throws SQLException {
        if (head(id) == 0) {
            throw missing(id);
        }
    }

    private int head(ArticleId id) throws SQLException {
        Integer cached = heads.get(id);
        if (cached != null) {
            return cached;
        }
        int head = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT head FROM kb_articles WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    head = rs.getInt(1);
                }
            }
        }
        heads.put(id, head);
        return head;
    }

    private static NotFoundException missing(ArticleId id) {
        return new NotFoundException("article", id.value(), "capture it first");
    }
}
