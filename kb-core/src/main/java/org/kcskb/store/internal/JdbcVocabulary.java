package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.kcskb.NotFoundException;
import org.kcskb.actor.Actor;
import org.kcskb.store.spi.Change;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;

/**
 * Adds and removes vocabulary entries inside an open write transaction: the entry, its audit line and its
 * {@link Change.Kind#VOCABULARY} feed entry commit together or not at all.
 *
 * <p>Like {@link JdbcCommit}, the first statement takes the next feed sequence number on the feed counter row, so
 * vocabulary changes queue with article commits behind one lock: the feed stays in commit order without gaps, and
 * the existence checks below see every committed change. Stateless; not thread-safe beyond its connection.
 */
final class JdbcVocabulary {
    private JdbcVocabulary() {}

    /**
     * Stores {@code entry}, records its addition and announces it on the feed.
     *
     * @return the sequence number of the feed entry
     * @throws IllegalArgumentException if an entry with the same id exists
     */
    static long put(Connection connection, VocabularyEntry entry) throws SQLException {
        Actor author = entry.author()
                .orElseThrow(() -> new IllegalArgumentException(
                        "A stored vocabulary entry names its author; " + entry.id() + " has none"));
        long sequence = JdbcCommit.reserveSequence(connection, 1);
        Instant now = Instant.now();
        if (find(connection, entry.id()).isPresent()) {
            throw duplicate(entry);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_vocabulary ("
                + SqlRows.VOCABULARY_COLUMNS + ") VALUES (" + SqlRows.placeholders(SqlRows.VOCABULARY_COLUMNS)
                + ")")) {
            SqlRows.bindVocabularyEntry(insert, 1, entry);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlDialect.isUniqueViolation(e)) {
                // Cannot happen while writers queue on the feed counter; kept as a guard.
                var duplicate = duplicate(entry);
                duplicate.addSuppressed(e);
                throw duplicate;
            }
            throw e;
        }
        audit(connection, new VocabularyChange(entry.created(), author, VocabularyChange.Action.ADDED, entry));
        announce(connection, sequence, now);
        return sequence;
    }

    /**
     * Removes the entry {@code entryId}, records who removed it and announces it on the feed.
     *
     * @return the sequence number of the feed entry
     * @throws NotFoundException if there is no such entry
     */
    static long remove(Connection connection, String entryId, Actor actor, Instant at) throws SQLException {
        long sequence = JdbcCommit.reserveSequence(connection, 1);
        Instant now = Instant.now();
        VocabularyEntry removed = find(connection, entryId)
                .orElseThrow(
                        () -> new NotFoundException("vocabulary entry", entryId, "list the entries with vocabulary()"));
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM kb_vocabulary WHERE id = ?")) {
            delete.setString(1, entryId);
            delete.executeUpdate();
        }
        audit(connection, new VocabularyChange(at, actor, VocabularyChange.Action.REMOVED, removed));
        announce(connection, sequence, now);
        return sequence;
    }

    private static Optional<VocabularyEntry> find(Connection connection, String entryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + SqlRows.VOCABULARY_COLUMNS + " FROM kb_vocabulary WHERE id = ?")) {
            select.setString(1, entryId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(SqlRows.vocabularyEntry(rs, 1)) : Optional.empty();
            }
        }
    }

    private static void audit(Connection connection, VocabularyChange change) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_vocabulary_audit ("
                + SqlRows.VOCABULARY_AUDIT_COLUMNS + ") VALUES ("
                + SqlRows.placeholders(SqlRows.VOCABULARY_AUDIT_COLUMNS) + ")")) {
            SqlRows.bindVocabularyChange(insert, change);
            insert.executeUpdate();
        }
    }

    private static void announce(Connection connection, long sequence, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kb_changes (" + SqlRows.CHANGE_COLUMNS
                + ") VALUES (" + SqlRows.placeholders(SqlRows.CHANGE_COLUMNS) + ")")) {
            insert.setLong(1, sequence);
            insert.setString(2, Change.VOCABULARY_SUBJECT.value());
            insert.setString(3, Change.Kind.VOCABULARY.name());
            SqlRows.bindInstant(insert, 4, at);
            insert.executeUpdate();
        }
    }

    private static IllegalArgumentException duplicate(VocabularyEntry entry) {
        return new IllegalArgumentException("The vocabulary entry " + entry.id()
                + " exists already; allocate a new id with allocateVocabularyId()");
    }
}
