package org.kcskb.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The size of the reliability campaign, read from the system property {@code kb.campaign}: {@code ci} (the
 * default, a short slice of every check that CI runs) or {@code long} ({@code ./mvnw verify -Pcampaign}), and the
 * settings every campaign test shares.
 */
final class Campaign {
    /** {@code ci} or {@code long}. */
    static final String PROFILE = System.getProperty("kb.campaign", "ci").strip();

    private Campaign() {}

    /** Whether the long profile runs. */
    static boolean isLong() {
        return PROFILE.equals("long");
    }

    /** Returns {@code ci} in the CI slice and {@code full} in the long profile. */
    static int size(int ci, int full) {
        return isLong() ? full : ci;
    }

    /**
     * The seed of a test's randomness: {@code -Dkb.seed=N} repeats a run, otherwise a fresh one. Tests print it with
     * every failure.
     */
    static long seed() {
        String fixed = System.getProperty("kb.seed", "").strip();
        return fixed.isEmpty()
                ? System.nanoTime() ^ Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L
                : Long.parseLong(fixed);
    }

    /**
     * The PostgreSQL database of the campaign, from {@code KB_TEST_POSTGRES_URL} or {@code -Dkb.test.postgres.url}
     * (as the store tests read it), for example {@code jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb}.
     */
    static Optional<String> postgresUrl() {
        String url = System.getProperty(
                        "kb.test.postgres.url", Objects.requireNonNullElse(System.getenv("KB_TEST_POSTGRES_URL"), ""))
                .strip();
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    /** Whether this runs on CI, where the PostgreSQL checks must not be skipped. */
    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Creates a schema of its own for one PostgreSQL check in the {@linkplain #postgresUrl campaign's database}; its
     * name starts with {@code prefix}. Without a database the check is skipped, except on CI, where it fails.
     *
     * @param check what the check is, for the message, for example "the multi-node test"
     */
    static PostgresSchema postgresSchema(String check, String prefix) throws SQLException {
        String database = postgresUrl().orElse("");
        if (database.isEmpty() && onCi()) {
            Assertions.fail("KB_TEST_POSTGRES_URL is empty but CI=true: " + check + " must run in CI");
        }
        Assumptions.assumeTrue(!database.isEmpty(), "Set KB_TEST_POSTGRES_URL to run " + check);
        var schema = new PostgresSchema(
                database, prefix + UUID.randomUUID().toString().replace("-", ""));
        execute(database, "CREATE SCHEMA " + schema.name());
        return schema;
    }

    /** Runs one SQL statement on the database at {@code url}. */
    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A schema of {@link #postgresSchema}; closing drops it with everything in it. */
    record PostgresSchema(String database, String name) implements AutoCloseable {
        /** The database's URL with this schema as the current one. */
        String url() {
            return in(database);
        }

        /** {@code url} (of this database, possibly through a proxy) with this schema as the current one. */
        String in(String url) {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() throws SQLException {
            execute(database, "DROP SCHEMA " + name + " CASCADE");
        }
    }
}
