package org.kcskb.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.StorageException;

/**
 * Brings a database schema to the version this code knows, with ordered, versioned scripts.
 *
 * <p>The scripts are the resources {@code migrations/V<n>__<description>.sql} next to this class, listed in
 * {@link #SCRIPTS}; {@code kb_schema_version} records every applied version. Rules for a new script:
 *
 * <ul>
 *   <li>Add a new file with the next number and list it; never edit a released script.
 *   <li>Statements end with {@code ;} at the end of a line; lines starting with {@code --} are comments. No
 *       semicolons inside literals.
 *   <li>Keep every statement idempotent ({@code IF NOT EXISTS}, guarded inserts): H2 commits each DDL statement
 *       on its own, so a migration interrupted by a crash runs again from its start at the next open. On
 *       PostgreSQL a migration is one transaction.
 *   <li>{@code ${ascii}} stands for the collation of article-id columns (see {@link SqlDialect}); {@code ${uuid}}
 * for a random UUID, new for every run of the script.
 * </ul>
 *
 * <p>Each listed script is applied once, in list order, unless its version is recorded already; so a script
 * numbered below one that was applied (two branches that each added one, merged) is still applied.
 *
 * <p>Opening a database whose schema is newer than the newest script fails, so that an old library version
 * never writes to a schema it does not understand.
 */
final class SchemaMigrations {
    /** Every migration script, in order. */
    static final List<String> SCRIPTS = List.of(
            "V1__initial_schema.sql",
            "V2__analytics.sql",
            "V3__identity_audit_retention.sql",
            "V4__analytics_hardening.sql",
            "V5__vocabulary.sql",
            "V6__translations.sql",
            "V7__case_events.sql",
            "V8__notices.sql",
            "V9__text_format.sql",
            "V10__search_product.sql",
            "V11__source_ids.sql",
            "V12__article_product.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");

    private SchemaMigrations() {}

    /** Returns the schema version this code writes. */
    static int latestVersion() {
        return version(SCRIPTS.getLast());
    }

    private static int version(String script) {
        Matcher name = NAME.matcher(script);
        if (!name.matches()) {
            throw new IllegalStateException("Migration " + script + " is not named V<n>__<description>.sql");
        }
        return Integer.parseInt(name.group(1));
    }

    /**
     * Applies every pending migration on {@code connection}, which must be in auto-commit mode; leaves it in
     * auto-commit mode.
     *
     * @throws StorageException if the schema is newer than this code, or a script fails
     * @throws SQLException if the database fails otherwise
     */
    static void migrate(Connection connection, SqlDialect dialect, String storeDescription) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            dialect.lockForMigration(connection);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS kb_schema_version ("
                        + " version INTEGER PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            int current = currentVersion(connection);
            java.util.Set<Integer> applied = appliedVersions(connection);
            if (current > latestVersion()) {
                throw new StorageException("The schema of " + storeDescription + " is at version " + current
                        + ", but this kb-core only knows versions up to " + latestVersion()
                        + ": the database was written by a newer kb-core. Open it with that version or newer;"
                        + " a store cannot be downgraded");
            }
            int previous = 0;
            for (String script : SCRIPTS) {
                int version = version(script);
                if (version <= previous) {
                    throw new IllegalStateException("Migration " + script + " is listed after version " + previous);
                }
                previous = version;
                if (!applied.contains(version)) {
                    apply(connection, dialect, script, version);
                }
            }
            connection.commit();
            committed = true;
        } finally {
            if (!committed) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    // Reported through the original failure.
                }
            }
            connection.setAutoCommit(true);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM kb_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static java.util.Set<Integer> appliedVersions(Connection connection) throws SQLException {
        var versions = new java.util.HashSet<Integer>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM kb_schema_version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void apply(Connection connection, SqlDialect dialect, String script, int version)
            throws SQLException {
        Matcher name = NAME.matcher(script);
        if (!name.matches() || Integer.parseInt(name.group(1)) != version) {
            throw new IllegalStateException("Migration " + script + " is listed as version " + version);
        }
        // ${uuid} is fresh per run; the scripts insert it only where no identity exists yet, so a re-run keeps it.
        List<String> statements = statements(dialect.expand(read(script))
                .replace("${uuid}", UUID.randomUUID().toString()));
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(
                            "Migration " + script + " failed at: " + sql + " (" + e.getMessage() + ")",
                            e.getSQLState(),
                            e.getErrorCode(),
                            e);
                }
            }
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO kb_schema_version (version, description) VALUES (?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, name.group(2).replace('_', ' '));
            insert.executeUpdate();
        }
    }

    /** Splits a script into statements; see the class comment for the syntax. */
    static List<String> statements(String script) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            throw new IllegalStateException(
                    "Migration script ends without ';': " + current.toString().strip());
        }
        return statements;
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration script " + script + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read migration script " + script, e);
        }
    }
}
