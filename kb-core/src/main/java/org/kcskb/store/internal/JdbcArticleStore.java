package org.kcskb.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.kcskb.AuditEntry;
import org.kcskb.StorageException;
import org.kcskb.actor.Actor;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.Reformulation;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.article.Signals;
import org.kcskb.store.StoreTimeouts;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.Mutation;
import org.kcskb.store.spi.ReportScope;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;

/**
 * An {@link ArticleStore} over plain JDBC, for the embedded H2 database and for PostgreSQL.
 *
 * <p>Open one with {@link org.kcskb.store.ArticleStores}. Opening applies the pending
 * {@linkplain SchemaMigrations schema migrations} and fails if the schema is newer than this code. Every commit
 * is one database transaction; writers queue on the feed counter row (see {@link JdbcCommit}), reads run in
 * auto-commit mode, each as a single statement, so that an article and its signals are read from one snapshot.
 * Instants are stored as epoch seconds plus nanoseconds and round-trip exactly.
 *
 * <p><b>H2.</b> The database is {@code <directory>/kb.mv.db}. After every commit the store runs
 * {@code CHECKPOINT}, so the commit is written to the file before {@code commit} returns and survives a crash of
 * the process (it is not fsynced: a power failure can lose the last commits). H2's own write delay stays on
 * (500 ms), because its background writer is also what compacts the file; {@code WRITE_DELAY=0} would make each
 * commit durable too, but then nothing reclaims the space of old chunks and the file grows by some 20 KB per
 * commit without bound. {@code FILE_LOCK=FS} keeps other processes out; the operating system releases that lock
 * when the holder dies, also by {@code SIGKILL}. The store keeps one connection open for its lifetime, which keeps
 * the database open, and pools up to {@value #MAX_CONNECTIONS} connections.
 *
 * <p><b>PostgreSQL.</b> Over a URL the store pools up to {@value #MAX_CONNECTIONS} connections from
 * {@link DriverManager}, with the connect, login, socket and statement timeouts of a {@link StoreTimeouts}; a
 * connection idle for longer than {@link #VALIDATE_AFTER} is validated before it is handed out, and when one fails
 * with a lost connection every idle one is discarded (a database restart ends them all). Over a
 * {@link DataSource} it takes a connection per call, sets its network timeout, and leaves pooling and validation to
 * the host. {@link #close()} aborts the connections still in use and returns within
 * {@link SqlConnections#CLOSE_TIMEOUT}.
 * The tables ({@code kb_*}) are created in the connection's current schema; put {@code currentSchema=...} in
 * the URL to choose another. Article ids use the {@code "C"} collation, so their order is {@link ArticleId}
 * order. PostgreSQL text cannot hold the character U+0000; such content fails with {@link StorageException}.
 *
 * <p><b>Search analytics.</b> Events go to {@code kb_search_events}, one row each, one transaction per batch,
 * outside the change feed (they never queue behind article writes). On H2 a batch is not checkpointed: a crash
 * can lose the events of the last half second, which analytics can afford. Reports aggregate in SQL (see
 * {@link SqlAnalytics}); a report scoped to a viewer ({@link ReportScope}) filters in the same statement, by the
 * searcher's kind and, for each event that names an article, by an indexed lookup of that article's current
 * revision (and first revision, for own-only grants) in {@code kb_articles} and {@code kb_revisions}. The table grows with the traffic until {@link #deleteEvents} trims it, which the knowledge
 * base does periodically (its retention settings).
 *
 * <p><b>Identity, purge, retention.</b> {@link #storeId()} is the UUID created with the schema (migration V3,
 * table {@code kb_store_identity}). A purge or redaction deletes the rows and records an entry in
 * {@code kb_audit}; the database may keep the old bytes in free pages, the PostgreSQL WAL and backups until they
 * are reused, vacuumed or expire, so a host that must erase personal data also runs {@code VACUUM} (PostgreSQL) and
 * rotates its backups. {@link #trimChanges} and {@link #forgetFeedbackComments} are plain deletes and updates.
 *
 * <p><b>Vocabulary.</b> Managed synonyms, expansions and best bets live in {@code kb_vocabulary}, their audit trail
 * in {@code kb_vocabulary_audit} (migration V5); ids {@code V-<n>} come from the sequence {@code kb_vocabulary_ids}.
 * Adding or removing an entry is one write transaction with its audit line and its {@link Change.Kind#VOCABULARY}
 * feed entry, queued with the article commits on the feed counter.
 *
 * <p>Errors: {@link SQLException}s are wrapped in {@link StorageException}, with what the store was doing.
 * Thread-safe; calls after {@link #close()} fail with {@link IllegalStateException}.
 */
public final class JdbcArticleStore implements ArticleStore, AnalyticsStore {
    /** The most connections a store opens itself. */
    static final int MAX_CONNECTIONS = 8;

    /** A pooled PostgreSQL connection idle for longer than this is checked before it is handed out (as HikariCP). */
    static final Duration VALIDATE_AFTER = Duration.ofMillis(500);

    /** How long an H2 writer waits for the one before it; generous, since a commit takes milliseconds. */
    static final int H2_LOCK_TIMEOUT_MILLIS = 30_000;

    private static final System.Logger LOG = System.getLogger(JdbcArticleStore.class.getName());

    /** A schema name both databases take as it is (see {@link #checkSchema}). */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** Serialises the migrations of the H2 stores of this JVM. */
    private static final Object H2_MIGRATIONS = new Object();

    private final SqlDialect dialect;
    private final SqlConnections connections;
    private final Optional<Connection> anchor;
    private final String description;
    private final String storeId;
    private final AfterCommit afterCommit;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The visitor hash key, read (or created) on first use. */
    private volatile byte[] visitorHashKey;

    private JdbcArticleStore(
            SqlDialect dialect,
            SqlConnections connections,
            Optional<Connection> anchor,
            String description,
            String storeId,
            AfterCommit afterCommit) {
        this.dialect = dialect;
        this.connections = connections;
        this.anchor = anchor;
        this.description = description;
        this.storeId = storeId;
        this.afterCommit = afterCommit;
    }

    /** What runs after a write transaction committed: the dialect's durability step, or a test's stand-in. */
    @FunctionalInterface
    interface AfterCommit {
        void run(Connection connection) throws SQLException;
    }

    // ---- Factories ----------------------------------------------------------------------------------------

    /**
     * Opens (or creates) the H2 store in {@code directory}.
     *
     * @throws IllegalArgumentException if the path contains {@code ;}, which H2 URLs cannot hold
     * @throws StorageException if the directory cannot be created, another process has it open, or the schema
     *     cannot be migrated
     */
    public static ArticleStore h2(Path directory) {
        return h2(directory, Optional.empty(), SqlDialect.H2::afterCommit);
    }

    /**
     * Opens (or creates) the store in {@code schema} of the H2 database in {@code directory}, which other stores
     * in other schemas share: one database, with its background threads, for many knowledge bases.
     *
     * @throws IllegalArgumentException if the path contains {@code ;} or the schema name is not valid
     * @throws StorageException as {@link #h2(Path)}
     */
    public static ArticleStore h2(Path directory, String schema) {
        return h2(directory, Optional.of(checkSchema(schema)), SqlDialect.H2::afterCommit);
    }

    /** Opens the H2 store with another step after each commit; for tests that make the checkpoint fail. */
    static ArticleStore h2(Path directory, AfterCommit afterCommit) {
        return h2(directory, Optional.empty(), afterCommit);
    }

    private static ArticleStore h2(Path directory, Optional<String> schema, AfterCommit afterCommit) {
        Path dir = directory.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("The H2 store directory '" + dir
                    + "' contains ';', which an H2 database URL cannot hold; choose a directory without it");
        }
        String description = "the H2 store in " + dir
                + schema.map(name -> " (schema " + name + ")").orElse("");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("Could not create the directory of " + description + ": " + e, e);
        }
        String url = "jdbc:h2:file:" + dir.resolve("kb")
                // H2's default, set in case the database says otherwise: it keeps the background writer that
                // compacts the file. Durability comes from SqlDialect.afterCommit (CHECKPOINT).
                + ";WRITE_DELAY=500"
                // An operating-system lock on the file: released by the kernel when the process dies.
                + ";FILE_LOCK=FS;AUTO_SERVER=FALSE"
                + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MILLIS
                // The host closes the store; a JVM shutdown hook could close it under running calls.
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // The store uses a few dozen distinct statements; the default cache of 8 re-parses them.
                + ";QUERY_CACHE_SIZE=64";
        SqlConnections.Opener opener = schema.isEmpty()
                ? () -> DriverManager.getConnection(url, "sa", "")
                : () -> {
                    Connection connection = DriverManager.getConnection(url, "sa", "");
                    try {
                        connection.setSchema(schema.get());
                        return connection;
                    } catch (SQLException | RuntimeException e) {
                        SqlConnections.closeQuietly(connection);
                        throw e;
                    }
                };
        Connection anchor;
        try {
            anchor = DriverManager.getConnection(url, "sa", "");
        } catch (SQLException e) {
            if (SqlDialect.H2.isLockedByAnotherProcess(e)) {
                throw new StorageException(
                        "Could not open " + description + ": another process has it open (the file "
                                + dir.resolve("kb.mv.db")
                                + " is locked). Only one process may open an H2 store at a time; stop"
                                + " the other process, or use PostgreSQL for several processes",
                        e);
            }
            throw new StorageException("Could not open " + description + ": " + e.getMessage(), e);
        }
        String storeId;
        try {
            // Stores of one JVM share a database when they share a directory; two opening the same schema at once
            // must not both migrate it (the file lock keeps other processes out, not other stores).
            synchronized (H2_MIGRATIONS) {
                if (schema.isPresent()) {
                    SqlDialect.H2.useSchema(anchor, schema.get());
                }
                SchemaMigrations.migrate(anchor, SqlDialect.H2, description);
            }
            storeId = readStoreId(anchor);
        } catch (SQLException | RuntimeException e) {
            SqlConnections.closeQuietly(anchor);
            throw migrationFailure(description, e);
        }
        return new JdbcArticleStore(
                SqlDialect.H2,
                // In-process connections cannot be cut by a network: no validation needed.
                SqlConnections.pooled(
                        opener, MAX_CONNECTIONS, Duration.ofDays(365), Duration.ofSeconds(30), description),
                Optional.of(anchor),
                description,
                storeId,
                afterCommit);
    }

    /**
     * Opens a PostgreSQL store at {@code url}. An empty {@code user} or {@code password} is taken from the URL
     * ({@code ?user=...&password=...}) instead.
     *
     * @throws IllegalArgumentException if {@code url} is not a {@code jdbc:postgresql:} URL
     * @throws StorageException if the server cannot be reached or the schema cannot be migrated
     */
    public static ArticleStore postgres(String url, String user, String password, StoreTimeouts timeouts) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: '" + redact(url)
                    + "'; use jdbc:postgresql://host:5432/database, for example jdbc:postgresql://localhost/kb");
        }
        var properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        // Defaults: parameters in the URL override them.
        properties.setProperty("ApplicationName", "kcs-kb");
        properties.setProperty("connectTimeout", Long.toString(seconds(timeouts.connect())));
        properties.setProperty("loginTimeout", Long.toString(seconds(timeouts.connect())));
        properties.setProperty("socketTimeout", Long.toString(seconds(timeouts.network())));
        // Detects a peer that vanished while the connection sits idle in the pool.
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty(
                "options", "-c statement_timeout=" + timeouts.statement().toMillis());
        String description = "the PostgreSQL store at " + redact(url);
        SqlConnections pool = SqlConnections.pooled(
                () -> DriverManager.getConnection(url, properties),
                MAX_CONNECTIONS,
                VALIDATE_AFTER,
                timeouts.connect(),
                description);
        return openPostgres(pool, description, Optional.empty());
    }

    /**
     * Opens a PostgreSQL store over a host's data source, which the store does not close.
     *
     * @throws IllegalArgumentException if the data source does not connect to PostgreSQL
     * @throws StorageException if no connection can be had or the schema cannot be migrated
     */
    public static ArticleStore postgres(DataSource dataSource, StoreTimeouts timeouts) {
        return postgres(dataSource, Optional.empty(), timeouts);
    }

    /**
     * Opens a PostgreSQL store in {@code schema} over a host's data source, which other stores in other schemas
     * may share; the schema is created if missing.
     *
     * @throws IllegalArgumentException if the schema name is not valid or the data source does not connect to
     *     PostgreSQL
     * @throws StorageException as {@link #postgres(DataSource, StoreTimeouts)}
     */
    public static ArticleStore postgres(DataSource dataSource, String schema, StoreTimeouts timeouts) {
        return postgres(dataSource, Optional.of(checkSchema(schema)), timeouts);
    }

    private static ArticleStore postgres(DataSource dataSource, Optional<String> schema, StoreTimeouts timeouts) {
        String description;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            if (!"PostgreSQL".equals(meta.getDatabaseProductName())) {
                throw new IllegalArgumentException("The data source connects to " + meta.getDatabaseProductName()
                        + ", not PostgreSQL; use ArticleStores.h2(directory) for the embedded store");
            }
            description = "the PostgreSQL store at " + redact(meta.getURL())
                    + schema.map(name -> " (schema " + name + ")").orElse("");
            if (schema.isPresent()) {
                SqlDialect.POSTGRES.useSchema(connection, schema.get());
            }
        } catch (SQLException e) {
            throw new StorageException(
                    "Could not get a connection from the PostgreSQL data source " + dataSource + ": " + e.getMessage(),
                    e);
        }
        return openPostgres(
                schema.isEmpty()
                        ? SqlConnections.perCall(dataSource, timeouts.network())
                        : SqlConnections.perCall(dataSource, timeouts.network(), schema.get()),
                description,
                schema);
    }

    /**
     * Returns {@code schema} if it is a name the store can use unquoted on both databases: lower-case, so that H2
     * (which folds unquoted names to upper case) and PostgreSQL (to lower case) agree on it with any tool.
     *
     * @throws IllegalArgumentException if it is not
     */
    static String checkSchema(String schema) {
        Objects.requireNonNull(schema, "schema");
        if (!SCHEMA_NAME.matcher(schema).matches() || schema.startsWith("pg_") || schema.equals("information_schema")) {
            throw new IllegalArgumentException("The schema name '" + schema + "' cannot be used: give 1 to 63"
                    + " lower-case letters a-z, digits and '_', starting with a letter, and not starting with 'pg_'"
                    + " (for example 'tenant_42')");
        }
        return schema;
    }

    /** PostgreSQL takes its connect and socket timeouts in whole seconds; a shorter timeout rounds up. */
    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /**
     * Migrates and opens the store. In a {@code schema} the migration's schema changes run with the schema set on
     * their connection (they are not qualified, see {@link SchemaQualified}); the host's pool restores its own.
     */
    private static ArticleStore openPostgres(SqlConnections connections, String description, Optional<String> schema) {
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (SQLException e) {
            connections.close();
            String hint = e.getMessage() != null && e.getMessage().startsWith("No suitable driver")
                    ? "; the PostgreSQL JDBC driver is not on the class path: add the dependency"
                            + " org.postgresql:postgresql (its version is managed by org.kcskb:kb-bom) to the build"
                    : "";
            throw new StorageException("Could not connect to " + description + ": " + e.getMessage() + hint, e);
        }
        boolean healthy = false;
        String storeId;
        try {
            if (schema.isPresent()) {
                connection.setSchema(schema.get());
            }
            SchemaMigrations.migrate(connection, SqlDialect.POSTGRES, description);
            storeId = readStoreId(connection);
            healthy = true;
        } catch (SQLException | RuntimeException e) {
            connections.release(connection, false);
            connections.close();
            throw migrationFailure(description, e);
        }
        connections.release(connection, healthy);
        return new JdbcArticleStore(
                SqlDialect.POSTGRES,
                connections,
                Optional.empty(),
                description,
                storeId,
                SqlDialect.POSTGRES::afterCommit);
    }

    private static String readStoreId(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM kb_store_identity");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException(
                        "The store identity row is missing from kb_store_identity; the schema is damaged");
            }
            return rs.getString(1);
        }
    }

    private static RuntimeException migrationFailure(String description, Exception e) {
        if (e instanceof StorageException storage) {
            return storage;
        }
        return new StorageException(
                "Could not bring the schema of " + description + " to version " + SchemaMigrations.latestVersion()
                        + ": " + e.getMessage(),
                e);
    }

    /** Drops the query of a JDBC URL, where credentials may be. */
    private static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    // ---- Writes -------------------------------------------------------------------------------------------

    @Override
    public ArticleId allocateId() {
        return call("allocate an article id", c -> {
            try (PreparedStatement next = c.prepareStatement(dialect.nextArticleIdQuery());
                    ResultSet rs = next.executeQuery()) {
                rs.next();
                return ArticleId.of("KB-" + rs.getLong(1));
            }
        });
    }

    @Override
    public long commit(List<Mutation> mutations) {
        ensureOpen();
        List<Mutation> copy = List.copyOf(mutations);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A commit needs at least one mutation");
        }
        String action = copy.size() == 1
                ? "commit " + copy.getFirst().getClass().getSimpleName() + " on "
                        + copy.getFirst().articleId()
                : "commit " + copy.size() + " mutations starting on "
                        + copy.getFirst().articleId();
        return write(action, c -> new JdbcCommit(c).apply(copy));
    }

    /**
     * Runs {@code work} in one write transaction and commits it, then makes the commit durable ({@link
     * AfterCommit}); rolls back if {@code work} fails. Returns what {@code work} returned (a feed sequence number).
     */
    private long write(String action, SqlWork<Long> work) {
        ensureOpen();
        return withConnection(action, c -> {
            c.setAutoCommit(false);
            try {
                dialect.beginWrite(c);
                long sequence = work.run(c);
                try {
                    c.commit();
                } catch (SQLException e) {
                    // The session state is unknown: make sure the connection is not reused.
                    SqlConnections.closeQuietly(c);
                    throw new StorageException(
                            "Could not " + action + " in " + description + ": the database did not confirm the commit ("
                                    + e.getMessage() + "); if the connection was lost, the write may have been"
                                    + " applied, so read the article again before retrying",
                            e);
                }
                try {
                    afterCommit.run(c);
                } catch (SQLException | RuntimeException e) {
                    // The transaction is committed: reporting a failure now would make the caller retry and write
                    // the article twice. The commit stands (H2 writes it within its write delay); only the early
                    // flush failed, so log it and do not reuse the connection.
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Committed, but the flush after the commit failed in " + description + " (" + action
                                    + "); the write is acknowledged and reaches the file within H2's write delay: "
                                    + e,
                            e);
                    SqlConnections.closeQuietly(c);
                }
                return sequence;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        });
    }

    /** Leaves a connection that cannot be switched back in manual-commit mode, so that it is discarded. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // isReusable() sees the manual-commit mode and closes the connection.
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    // ---- Reads --------------------------------------------------------------------------------------------

    private static final String ARTICLE_QUERY = "SELECT " + SqlRows.qualified("r", SqlRows.REVISION_COLUMNS)
            + ", f.author_id, f.at_seconds, f.at_nanos, a.view_count,"
            + " (SELECT COUNT(*) FROM kb_links l WHERE l.article_id = a.id),"
            + " (SELECT COUNT(*) FROM kb_feedback b WHERE b.article_id = a.id AND b.helpful = TRUE),"
            + " (SELECT COUNT(*) FROM kb_feedback b WHERE b.article_id = a.id AND b.helpful = FALSE),"
            + " (SELECT COUNT(*) FROM kb_flags g WHERE g.article_id = a.id AND g.resolved_by IS NULL)"
            + " FROM kb_articles a"
            + " JOIN kb_revisions r ON r.article_id = a.id AND r.number = a.head"
            + " JOIN kb_revisions f ON f.article_id = a.id AND f.number = 1"
            + " WHERE a.id = ?";

    @Override
    public Optional<Article> article(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return call("read article " + id, c -> {
            try (PreparedStatement select = c.prepareStatement(ARTICLE_QUERY)) {
                select.setString(1, id.value());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Revision latest = SqlRows.revision(rs, 1);
                    int i = SqlRows.REVISION_COLUMN_COUNT + 1;
                    // After the revision: first author, created (2 columns), views, links, votes, open flags.
                    var signals = new Signals(
                            rs.getInt(i + 4), rs.getLong(i + 3), rs.getInt(i + 5), rs.getInt(i + 6), rs.getInt(i + 7));
                    return Optional.of(SqlRows.article(rs, latest, i, signals).withTranslations(translations(c, id)));
                }
            }
        });
    }

    /** How many ids one statement of {@link #articles} names. */
    private static final int ARTICLES_PER_STATEMENT = 500;

    @Override
    public Map<ArticleId, Article> articles(java.util.Collection<ArticleId> ids) {
        Objects.requireNonNull(ids, "ids");
        List<String> distinct = ids.stream()
                .map(id -> Objects.requireNonNull(id, "id").value())
                .distinct()
                .toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return call("read " + distinct.size() + " articles", c -> {
            var articles = new java.util.LinkedHashMap<ArticleId, Article>();
            String base = ARTICLE_QUERY.substring(0, ARTICLE_QUERY.lastIndexOf(" WHERE a.id = ?"));
            for (int from = 0; from < distinct.size(); from += ARTICLES_PER_STATEMENT) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + ARTICLES_PER_STATEMENT));
                try (PreparedStatement select = c.prepareStatement(base + " WHERE a.id IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            Revision latest = SqlRows.revision(rs, 1);
                            int i = SqlRows.REVISION_COLUMN_COUNT + 1;
                            var signals = new Signals(
                                    rs.getInt(i + 4),
                                    rs.getLong(i + 3),
                                    rs.getInt(i + 5),
                                    rs.getInt(i + 6),
                                    rs.getInt(i + 7));
                            articles.put(latest.articleId(), SqlRows.article(rs, latest, i, signals));
                        }
                    }
                }
            }
            return articles;
        });
    }

    private static final String TRANSLATIONS_QUERY = "SELECT t.article_id, r.language FROM kb_translations g"
            + " JOIN kb_translations t ON t.group_id = g.group_id AND t.article_id <> g.article_id"
            + " JOIN kb_articles a ON a.id = t.article_id"
            + " JOIN kb_revisions r ON r.article_id = a.id AND r.number = a.head"
            + " WHERE g.article_id = ? ORDER BY t.article_id";

    /** The other members of an article's translation group by language; see {@link Article#translations()}. */
    private static Map<Locale, ArticleId> translations(Connection c, ArticleId id) throws SQLException {
        var translations = new HashMap<Locale, ArticleId>();
        try (PreparedStatement select = c.prepareStatement(TRANSLATIONS_QUERY)) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    translations.putIfAbsent(Locale.forLanguageTag(rs.getString(2)), ArticleId.of(rs.getString(1)));
                }
            }
        }
        return translations;
    }

    @Override
    public List<Revision> revisions(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return query(
                "read the revisions of " + id,
                "SELECT " + SqlRows.REVISION_COLUMNS + " FROM kb_revisions WHERE article_id = ? ORDER BY number",
                rs -> SqlRows.revision(rs, 1),
                id.value());
    }

    @Override
    public Optional<Revision> revision(ArticleId id, int number) {
        Objects.requireNonNull(id, "id");
        return query(
                        "read revision " + number + " of " + id,
                        "SELECT " + SqlRows.REVISION_COLUMNS + " FROM kb_revisions WHERE article_id = ? AND number = ?",
                        rs -> SqlRows.revision(rs, 1),
                        id.value(),
                        number)
                .stream()
                .findFirst();
    }

    @Override
    public List<CaseLink> links(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return query(
                "read the links of " + id,
                "SELECT " + SqlRows.LINK_COLUMNS + " FROM kb_links WHERE article_id = ?"
                        + " ORDER BY linked_seconds, linked_nanos, ordinal",
                SqlRows::link,
                id.value());
    }

    @Override
    public List<CaseLink> linksOfCase(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return query(
                "read the links of case " + caseId,
                "SELECT " + SqlRows.LINK_COLUMNS + " FROM kb_links WHERE case_id = ?"
                        + " ORDER BY linked_seconds, linked_nanos, article_id",
                SqlRows::link,
                caseId.value());
    }

    @Override
    public List<Flag> flags(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return query(
                "read the flags of " + id,
                "SELECT " + SqlRows.FLAG_COLUMNS + " FROM kb_flags WHERE article_id = ?"
                        + " ORDER BY raised_seconds, raised_nanos, ordinal",
                SqlRows::flag,
                id.value());
    }

    @Override
    public Map<String, ArticleId> articlesBySourceId(Collection<String> sourceIds) {
        var found = new HashMap<String, ArticleId>();
        for (List<String> chunk : chunks(List.copyOf(sourceIds))) {
            for (String[] row : query(
                    "read the articles of " + chunk.size() + " source ids",
                    "SELECT source_id, article_id FROM kb_source_ids WHERE source_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                    chunk.toArray())) {
                found.put(row[0], ArticleId.of(row[1]));
            }
        }
        return Map.copyOf(found);
    }

    @Override
    public Map<ArticleId, String> sourceIds(Collection<ArticleId> articleIds) {
        var found = new HashMap<ArticleId, String>();
        for (List<ArticleId> chunk : chunks(List.copyOf(articleIds))) {
            for (String[] row : query(
                    "read the source ids of " + chunk.size() + " articles",
                    "SELECT source_id, article_id FROM kb_source_ids WHERE article_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                    chunk.stream().map(ArticleId::value).toArray())) {
                found.put(ArticleId.of(row[1]), row[0]);
            }
        }
        return Map.copyOf(found);
    }

    /** Splits a lookup into IN lists of at most 500 parameters, well below every driver's limit. */
    private static <T> List<List<T>> chunks(List<T> values) {
        var chunks = new ArrayList<List<T>>();
        for (int from = 0; from < values.size(); from += 500) {
            chunks.add(values.subList(from, Math.min(values.size(), from + 500)));
        }
        return chunks;
    }

    @Override
    public Optional<Flag> flag(String flagId) {
        Objects.requireNonNull(flagId, "flagId");
        return query(
                        "read flag " + flagId,
                        "SELECT " + SqlRows.FLAG_COLUMNS + " FROM kb_flags WHERE id = ?",
                        SqlRows::flag,
                        flagId)
                .stream()
                .findFirst();
    }

    @Override
    public List<Feedback> feedback(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return query(
                "read the feedback of " + id,
                "SELECT " + SqlRows.FEEDBACK_COLUMNS + " FROM kb_feedback WHERE article_id = ?"
                        + " ORDER BY given_seconds, given_nanos, ordinal",
                SqlRows::feedback,
                id.value());
    }

    @Override
    public List<Change> changesAfter(long sequence, int limit) {
        requirePositive(limit);
        return query(
                "read the changes after " + sequence,
                "SELECT " + SqlRows.CHANGE_COLUMNS + " FROM kb_changes WHERE seq > ? ORDER BY seq"
                        + " FETCH FIRST ? ROWS ONLY",
                SqlRows::change,
                sequence,
                limit);
    }

    @Override
    public long lastSequence() {
        return query(
                        "read the last sequence number",
                        "SELECT current_value FROM kb_counters WHERE name = 'feed'",
                        rs -> rs.getLong(1))
                .getFirst();
    }

    @Override
    public long oldestSequence() {
        // MIN over the primary key is an index lookup; with no entry kept the next one will be the oldest.
        return query(
                        "read the oldest sequence number",
                        "SELECT COALESCE((SELECT MIN(seq) FROM kb_changes),"
                                + " (SELECT current_value + 1 FROM kb_counters WHERE name = 'feed'))",
                        rs -> rs.getLong(1))
                .getFirst();
    }

    @Override
    public long trimChanges(long upToSequence, Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        // The newest entry stays: below the counter, which every writer raises before it inserts.
        return call("remove old change-feed entries", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM kb_changes WHERE seq <= ?"
                    + " AND seq < (SELECT current_value FROM kb_counters WHERE name = 'feed')"
                    + " AND (at_seconds < ? OR (at_seconds = ? AND at_nanos < ?))")) {
                delete.setLong(1, upToSequence);
                delete.setLong(2, olderThan.getEpochSecond());
                delete.setLong(3, olderThan.getEpochSecond());
                delete.setInt(4, olderThan.getNano());
                return (long) delete.executeUpdate();
            }
        });
    }

    @Override
    public long forgetFeedbackComments(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        return call("empty old feedback comments", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE kb_feedback SET feedback_comment = ''"
                    + " WHERE feedback_comment <> ''"
                    + " AND (given_seconds < ? OR (given_seconds = ? AND given_nanos < ?))")) {
                update.setLong(1, olderThan.getEpochSecond());
                update.setLong(2, olderThan.getEpochSecond());
                update.setInt(3, olderThan.getNano());
                return (long) update.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> auditTrail(Optional<ArticleId> articleId) {
        Objects.requireNonNull(articleId, "articleId");
        String select = "SELECT " + SqlRows.AUDIT_COLUMNS + " FROM kb_audit";
        if (articleId.isPresent()) {
            return query(
                    "read the audit trail of " + articleId.get(),
                    select + " WHERE article_id = ? ORDER BY ordinal",
                    SqlRows::audit,
                    articleId.get().value());
        }
        return query("read the audit trail", select + " ORDER BY ordinal", SqlRows::audit);
    }

    @Override
    public List<org.kcskb.browse.ArticleSummary> browse(
            org.kcskb.browse.BrowseRequest request,
            org.kcskb.lifecycle.Visibility visibility,
            Optional<org.kcskb.browse.BrowseCursor> after,
            int limit) {
        var browsing = new Browsing(request, visibility, after, limit);
        call("browse articles", c -> {
            JdbcBrowse.scan(c, request, visibility, after, limit, browsing);
            return null;
        });
        return browsing.page();
    }

    @Override
    public org.kcskb.browse.BrowseCounts browseCounts(
            org.kcskb.browse.BrowseRequest request, org.kcskb.lifecycle.Visibility visibility) {
        return call("count articles", c -> {
            Optional<org.kcskb.browse.BrowseCounts> grouped = JdbcBrowse.counts(c, request, visibility);
            if (grouped.isPresent()) {
                return grouped.get();
            }
            var browsing = new Browsing(request, visibility, Optional.empty(), 0);
            JdbcBrowse.scan(c, request, visibility, Optional.empty(), 0, browsing);
            return browsing.counts();
        });
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        Objects.requireNonNull(after, "after");
        requirePositive(limit);
        SqlRows.RowReader<ArticleId> id = rs -> ArticleId.of(rs.getString(1));
        if (after.isPresent()) {
            return query(
                    "list the article ids after " + after.get(),
                    "SELECT id FROM kb_articles WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY",
                    id,
                    after.get().value(),
                    limit);
        }
        return query(
                "list the article ids", "SELECT id FROM kb_articles ORDER BY id FETCH FIRST ? ROWS ONLY", id, limit);
    }

    // ---- Vocabulary ---------------------------------------------------------------------------------------

    @Override
    public String allocateVocabularyId() {
        return call("allocate a vocabulary entry id", c -> {
            try (PreparedStatement next = c.prepareStatement(dialect.nextVocabularyIdQuery());
                    ResultSet rs = next.executeQuery()) {
                rs.next();
                return "V-" + rs.getLong(1);
            }
        });
    }

    @Override
    public List<VocabularyEntry> vocabulary() {
        return query(
                "read the vocabulary",
                "SELECT " + SqlRows.VOCABULARY_COLUMNS + " FROM kb_vocabulary ORDER BY ordinal",
                rs -> SqlRows.vocabularyEntry(rs, 1));
    }

    @Override
    public long putVocabulary(VocabularyEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return write("add vocabulary entry " + entry.id(), c -> JdbcVocabulary.put(c, entry));
    }

    @Override
    public long removeVocabulary(String entryId, Actor actor, Instant at) {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        return write("remove vocabulary entry " + entryId, c -> JdbcVocabulary.remove(c, entryId, actor, at));
    }

    @Override
    public List<VocabularyChange> vocabularyAudit() {
        return query(
                "read the vocabulary's audit trail",
                "SELECT " + SqlRows.VOCABULARY_AUDIT_COLUMNS + " FROM kb_vocabulary_audit ORDER BY ordinal",
                SqlRows::vocabularyChange);
    }

    // ---- Known-issue notices ----------------------------------------------------------------------------

    @Override
    public List<org.kcskb.notice.Notice> notices() {
        return query("read the known-issue notices", JdbcNotices.SELECT_ALL, JdbcNotices::notice);
    }

    @Override
    public long putNotice(org.kcskb.notice.Notice notice, org.kcskb.notice.NoticeChange change) {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(change, "change");
        return write(
                change.action().name().toLowerCase(java.util.Locale.ROOT) + " notice " + notice.id(),
                c -> JdbcNotices.put(c, notice, change));
    }

    @Override
    public List<org.kcskb.notice.NoticeChange> noticeAudit() {
        return query("read the notices' audit trail", JdbcNotices.SELECT_AUDIT, JdbcNotices::change);
    }

    @Override
    public List<org.kcskb.notice.NoticeStats> noticeStats() {
        return query("read the notices' counts", JdbcNotices.SELECT_STATS, JdbcNotices::stats);
    }

    @Override
    public void addNoticeCounts(List<org.kcskb.notice.NoticeStats> counts) {
        List<org.kcskb.notice.NoticeStats> copy = List.copyOf(counts);
        if (copy.isEmpty()) {
            return;
        }
        call("count notice impressions", c -> {
            c.setAutoCommit(false);
            try {
                JdbcNotices.addCounts(c, copy);
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        });
    }

    // ---- Analytics ----------------------------------------------------------------------------------------

    @Override
    public void append(List<SearchEvent> events) {
        ensureOpen();
        List<SearchEvent> copy = List.copyOf(events);
        if (copy.isEmpty()) {
            return;
        }
        withConnection("record " + copy.size() + " search events", c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement insert = c.prepareStatement(SqlAnalytics.INSERT)) {
                    for (SearchEvent event : copy) {
                        SqlAnalytics.bind(insert, event);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        });
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query) {
        return contentGaps(query, ReportScope.everything());
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query, ReportScope scope) {
        return report("report the content gaps", SqlAnalytics.contentGaps(query, scope), SqlAnalytics::contentGap);
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query) {
        return topQueries(query, ReportScope.everything());
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query, ReportScope scope) {
        return report("report the top queries", SqlAnalytics.topQueries(query, scope), SqlAnalytics::queryCount);
    }

    @Override
    public Map<String, Long> searchesPerProduct(ReportQuery query, ReportScope scope) {
        var perProduct = new java.util.LinkedHashMap<String, Long>();
        report(
                        "report the searches per product",
                        SqlAnalytics.searchesPerProduct(query, scope),
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> perProduct.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(perProduct);
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query) {
        return clickPositions(query, ReportScope.everything());
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query, ReportScope scope) {
        return report(
                "report the click positions", SqlAnalytics.clickPositions(query, scope), SqlAnalytics::positionCount);
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query) {
        return answeredQueries(query, ReportScope.everything());
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query, ReportScope scope) {
        return report(
                "report the answered queries", SqlAnalytics.answeredQueries(query, scope), SqlAnalytics::answeredQuery);
    }

    @Override
    public List<Reformulation> reformulations(ReportQuery query, Duration within) {
        Objects.requireNonNull(query, "query");
        long withinMicros = EventTimes.reformulationWindow(within);
        return report(
                "report the reformulated searches",
                SqlAnalytics.reformulations(query, withinMicros),
                SqlAnalytics::reformulation);
    }

    @Override
    public long forgetArticle(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return call("forget the analytics of article " + id, c -> {
            try (PreparedStatement delete = c.prepareStatement(SqlAnalytics.FORGET_ARTICLE)) {
                delete.setString(1, id.value());
                return (long) delete.executeUpdate();
            }
        });
    }

    @Override
    public long deleteEvents(Instant before, long maxRows) {
        Objects.requireNonNull(before, "before");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        return call("delete old search events", c -> {
            long deleted;
            try (PreparedStatement delete = c.prepareStatement(SqlAnalytics.DELETE_BEFORE)) {
                delete.setLong(1, EventTimes.micros(before));
                deleted = delete.executeUpdate();
            }
            long boundary;
            try (PreparedStatement select = c.prepareStatement(SqlAnalytics.OLDEST_KEPT_BOUNDARY)) {
                select.setLong(1, maxRows);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return deleted;
                    }
                    boundary = rs.getLong(1);
                }
            }
            try (PreparedStatement delete = c.prepareStatement(SqlAnalytics.DELETE_UP_TO)) {
                delete.setLong(1, boundary);
                return deleted + delete.executeUpdate();
            }
        });
    }

    @Override
    public void blockQuery(String normalizedQuery) {
        Objects.requireNonNull(normalizedQuery, "normalizedQuery");
        call("block the suggestion '" + normalizedQuery + "'", c -> {
            try (PreparedStatement insert = c.prepareStatement(SqlAnalytics.BLOCK)) {
                insert.setString(1, normalizedQuery);
                insert.setLong(2, EventTimes.micros(Instant.now()));
                insert.setString(3, normalizedQuery);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Set<String> blockedQueries() {
        return Set.copyOf(query("read the blocked suggestions", SqlAnalytics.BLOCKED, rs -> rs.getString(1)));
    }

    @Override
    public byte[] visitorHashKey() {
        byte[] key = visitorHashKey;
        if (key != null) {
            return key.clone();
        }
        synchronized (this) {
            if (visitorHashKey == null) {
                visitorHashKey = readOrCreateVisitorHashKey();
            }
            return visitorHashKey.clone();
        }
    }

    private byte[] readOrCreateVisitorHashKey() {
        List<String> stored = query("read the visitor hash key", SqlAnalytics.KEY, rs -> rs.getString(1));
        if (!stored.isEmpty()) {
            return HexFormat.of().parseHex(stored.getFirst());
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            call("store the visitor hash key", c -> {
                try (PreparedStatement insert = c.prepareStatement(SqlAnalytics.INSERT_KEY)) {
                    insert.setString(1, HexFormat.of().formatHex(fresh));
                    return insert.executeUpdate();
                }
            });
        } catch (StorageException e) {
            // Another node created it first (a duplicate key): use that one.
            List<String> theirs = query("read the visitor hash key", SqlAnalytics.KEY, rs -> rs.getString(1));
            if (theirs.isEmpty()) {
                throw e;
            }
            return HexFormat.of().parseHex(theirs.getFirst());
        }
        return fresh;
    }

    private <T> List<T> report(String action, SqlAnalytics.Statement statement, SqlRows.RowReader<T> reader) {
        return query(action, statement.sql(), reader, statement.parameters().toArray());
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    // ---- Plumbing -----------------------------------------------------------------------------------------

    /** One unit of work on a connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs a single-statement query with {@code parameters} and maps every row. */
    private <T> List<T> query(String action, String sql, SqlRows.RowReader<T> reader, Object... parameters) {
        return call(action, c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    var rows = new ArrayList<T>();
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                    return List.copyOf(rows);
                }
            }
        });
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    private <T> T call(String action, SqlWork<T> work) {
        ensureOpen();
        return withConnection(action, work);
    }

    private <T> T withConnection(String action, SqlWork<T> work) {
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (SQLException e) {
            throw failure("connect to", e);
        } catch (IllegalStateException e) {
            // Closed while this call waited for a connection.
            ensureOpen();
            throw e;
        }
        boolean failed = false;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            failed = true;
            if (SqlConnections.isConnectionFailure(e)) {
                connections.connectionLost();
            }
            throw failure(action + " in", e);
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && SqlConnections.isConnectionFailure(sql)) {
                failed = true;
                connections.connectionLost();
            }
            throw e;
        } finally {
            // After an SQLException the session state is unknown; a conflict or a missing article leaves it fine.
            connections.release(connection, !failed && isReusable(connection));
        }
    }

    private static boolean isReusable(Connection connection) {
        try {
            return !connection.isClosed() && connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    private StorageException failure(String action, SQLException e) {
        String hint = e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1 && dialect == SqlDialect.H2
                ? " (another writer held the store for more than " + H2_LOCK_TIMEOUT_MILLIS / 1000 + " s)"
                : "";
        return new StorageException("Could not " + action + " " + description + ": " + e.getMessage() + hint, e);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The store is closed: " + description);
        }
    }

    /** Releases the pooled connections and, for H2, the database file and its lock. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connections.close();
            anchor.ifPresent(SqlConnections::closeQuietly);
        }
    }

    @Override
    public String toString() {
        return "JdbcArticleStore[" + description + "]";
    }

    // ---- Content health -----------------------------------------------------------------------------------

    @Override
    public void scanActivity(java.util.function.Consumer<org.kcskb.store.spi.ArticleActivity> action) {
        Objects.requireNonNull(action, "action");
        call("read every article for a health report", c -> {
            JdbcHealth.scan(c, action);
            return null;
        });
    }

    @Override
    public void putCaseClosure(org.kcskb.health.CaseClosure closure) {
        Objects.requireNonNull(closure, "closure");
        write("record the closure of case " + closure.caseId(), c -> JdbcHealth.put(c, closure));
    }

    @Override
    public List<org.kcskb.health.CaseClosure> caseClosures(org.kcskb.browse.TimeRange closedIn) {
        Objects.requireNonNull(closedIn, "closedIn");
        return call("read the case closures", c -> JdbcHealth.closures(c, closedIn));
    }

    /**
     * One SELECT over {@code kb_flags} by raised instant (flags live only while their article does: a deleted
     * article's flags are deleted with it). No index on the raised instant: the table holds few rows per article and
     * detection reads it once per baseline.
     */
    @Override
    public List<Flag> flagsRaised(org.kcskb.browse.TimeRange raisedIn) {
        Objects.requireNonNull(raisedIn, "raisedIn");
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new ArrayList<Object>();
        if (raisedIn.from().isPresent()) {
            where.append(" AND (raised_seconds > ? OR (raised_seconds = ? AND raised_nanos >= ?))");
            parameters.add(raisedIn.from().get().getEpochSecond());
            parameters.add(raisedIn.from().get().getEpochSecond());
            parameters.add(raisedIn.from().get().getNano());
        }
        if (raisedIn.to().isPresent()) {
            where.append(" AND (raised_seconds < ? OR (raised_seconds = ? AND raised_nanos < ?))");
            parameters.add(raisedIn.to().get().getEpochSecond());
            parameters.add(raisedIn.to().get().getEpochSecond());
            parameters.add(raisedIn.to().get().getNano());
        }
        var raised = new ArrayList<>(query(
                "read the flags raised " + raisedIn,
                "SELECT " + SqlRows.FLAG_COLUMNS + " FROM kb_flags" + where,
                SqlRows::flag,
                parameters.toArray()));
        // Ids compare in Java order in every database (collations differ).
        raised.sort(ArticleStore.FLAGS_RAISED_ORDER);
        return List.copyOf(raised);
    }
}
