package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the databases the JDBC store runs on. Everything else in the store is portable SQL that
 * both H2 2.x and PostgreSQL accept unchanged.
 */
enum SqlDialect {
    /** H2 2.x in its default (regular) mode, embedded. */
    H2("H2") {
        @Override
        String nextArticleIdQuery() {
            return "SELECT NEXT VALUE FOR kb_article_ids";
        }

        @Override
        String nextVocabularyIdQuery() {
            return "SELECT NEXT VALUE FOR kb_vocabulary_ids";
        }

        @Override
        String asciiCollation() {
            // H2 compares strings with String.compareTo unless SET COLLATION is used, which is ArticleId order.
            return "";
        }

        @Override
        void lockForMigration(Connection connection) {
            // The file lock already keeps every other process out of an embedded database.
        }

        @Override
        void beginWrite(Connection connection) {
            // Our own connections are opened READ COMMITTED, the H2 default.
        }

        @Override
        void afterCommit(Connection connection) throws SQLException {
            // Writes every committed change to the file now instead of within the write delay, so that an
            // acknowledged commit survives a crash of the process.
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }

        @Override
        boolean isLockedByAnotherProcess(SQLException e) {
            return e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1;
        }

        @Override
        String schemaExistsQuery() {
            return "SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?";
        }
    },

    /** PostgreSQL 12 or newer. */
    POSTGRES("PostgreSQL") {
        @Override
        String nextArticleIdQuery() {
            return "SELECT nextval('kb_article_ids')";
        }

        @Override
        String nextVocabularyIdQuery() {
            return "SELECT nextval('kb_vocabulary_ids')";
        }

        @Override
        String asciiCollation() {
            // Byte order, so that ORDER BY and > on article ids agree with ArticleId.compareTo whatever the
            // database's default collation is (en_US would ignore '-' and '.').
            return "COLLATE \"C\"";
        }

        @Override
        void lockForMigration(Connection connection) throws SQLException {
            // Two application nodes starting at once must not both create the schema.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            }
        }

        @Override
        void beginWrite(Connection connection) throws SQLException {
            // A host's pool may hand out REPEATABLE READ or SERIALIZABLE connections; the writers' queue on the
            // feed counter needs READ COMMITTED, where a writer that waited for the lock sees the committed
            // state of the writer before it. SET TRANSACTION does not outlive this transaction.
            try (Statement s = connection.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
        }

        @Override
        void afterCommit(Connection connection) {
            // With synchronous_commit on (the default), COMMIT returns once the WAL is flushed.
        }

        @Override
        boolean isLockedByAnotherProcess(SQLException e) {
            return false;
        }

        @Override
        String schemaExistsQuery() {
            // pg_namespace lists every schema; information_schema.schemata only those the role may use.
            return "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?";
        }
    };

    /** An arbitrary constant that names the schema-migration advisory lock ("kcskb" in ASCII). */
    private static final long MIGRATION_LOCK_KEY = 0x6b63736b62L;

    private final String displayName;

    SqlDialect(String displayName) {
        this.displayName = displayName;
    }

    /** Returns a query whose single row and column is the next value of the article id sequence. */
    abstract String nextArticleIdQuery();

    /** Returns a query whose single row and column is the next value of the vocabulary entry id sequence. */
    abstract String nextVocabularyIdQuery();

    /** Returns the collation clause for columns that hold article ids, possibly empty. */
    abstract String asciiCollation();

    /** Serialises schema migrations across processes, until the current transaction ends. */
    abstract void lockForMigration(Connection connection) throws SQLException;

    /** Runs first in every write transaction. */
    abstract void beginWrite(Connection connection) throws SQLException;

    /** Runs after every successful commit of a write transaction; makes the commit durable if needed. */
    abstract void afterCommit(Connection connection) throws SQLException;

    /** Returns whether opening failed because another process holds the database. */
    abstract boolean isLockedByAnotherProcess(SQLException e);

    /** Returns a query with one parameter, the schema's exact name, that returns a row when the schema exists. */
    abstract String schemaExistsQuery();

    /**
     * Creates {@code schema} unless it exists, and makes it the current schema of {@code connection} (in
     * auto-commit mode). The existence check comes first because PostgreSQL checks the privilege to create
     * schemas before {@code IF NOT EXISTS}: a role that was given an existing schema need not have it.
     */
    void useSchema(Connection connection, String schema) throws SQLException {
        boolean exists;
        try (PreparedStatement select = connection.prepareStatement(schemaExistsQuery())) {
            select.setString(1, schema);
            try (ResultSet rs = select.executeQuery()) {
                exists = rs.next();
            }
        }
        if (!exists) {
            try (Statement s = connection.createStatement()) {
                // The name is checked (lower-case letters, digits, '_'), so quoting it is all it needs.
                s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
            }
        }
        connection.setSchema(schema);
    }

    /** Replaces the dialect placeholders of a migration script. */
    String expand(String sql) {
        return sql.replace("${ascii}", asciiCollation());
    }

    /** Returns whether {@code e} reports a violated primary key or unique constraint (SQLSTATE 23505). */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public String toString() {
        return displayName;
    }
}
