package org.kcskb.store;

import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.kcskb.store.internal.InMemoryArticleStore;
import org.kcskb.store.internal.JdbcArticleStore;
import org.kcskb.store.spi.ArticleStore;

/**
 * The shipped {@link ArticleStore} implementations.
 *
 * <p>Each factory opens the store at once and applies pending schema migrations, so a store that is returned is
 * ready to use.
 */
public final class ArticleStores {
    private ArticleStores() {}

    /** Returns a new, empty store in memory: for tests and demos; everything is lost on close. */
    public static ArticleStore inMemory() {
        return new InMemoryArticleStore();
    }

    /**
     * Opens (or creates) the embedded H2 store in {@code directory}: no server, no set-up. Only one process may
     * open a directory at a time.
     *
     * @throws org.kcskb.StorageException if the directory cannot be created or is locked by another process
     */
    public static ArticleStore h2(Path directory) {
        return JdbcArticleStore.h2(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Opens (or creates) a store in {@code schema} of the embedded H2 database in {@code directory}: many knowledge
     * bases in one database, for a service that hosts one per customer. Each schema holds one store's tables, its
     * own change feed and identity; the stores share the database's file and its three background threads, where
     * a database per store would add three threads each. The schema is created if missing; drop a tenant with
     * {@code DROP SCHEMA "name" CASCADE}. As with {@link #h2(Path)}, only one process may open the directory.
     *
     * @param schema 1 to 63 lower-case letters, digits and {@code _}, starting with a letter (for example
     *     {@code "tenant_42"})
     * @throws IllegalArgumentException if the schema name is not valid
     * @throws org.kcskb.StorageException if the directory cannot be created or is locked by another process
     */
    public static ArticleStore h2(Path directory, String schema) {
        return JdbcArticleStore.h2(Objects.requireNonNull(directory, "directory"), schema);
    }

    /**
     * Opens a PostgreSQL store, for example {@code postgres("jdbc:postgresql://localhost/kb", "kb", "secret")},
     * migrating its schema to the current version, with the {@linkplain StoreTimeouts#defaults() default timeouts}.
     * The store pools up to 8 connections of its own; see {@link #postgres(String, String, String, StoreTimeouts)}.
     *
     * @throws org.kcskb.StorageException if the server cannot be reached or the schema cannot be migrated
     */
    public static ArticleStore postgres(String jdbcUrl, String user, String password) {
        return postgres(jdbcUrl, user, password, StoreTimeouts.defaults());
    }

    /**
     * Opens a PostgreSQL store with its own pool of up to 8 connections and the given timeouts. The pool checks a
     * connection that was idle for more than a second before handing it out, and after a connection fails (a
     * database restart, a dropped connection) it discards every idle connection, so that only the calls in flight
     * fail and the next calls get new connections. {@link ArticleStore#close()} returns within 5 seconds, also
     * when the database does not answer; calls still running then fail.
     *
     * @throws org.kcskb.StorageException if the server cannot be reached or the schema cannot be migrated
     */
    public static ArticleStore postgres(String jdbcUrl, String user, String password, StoreTimeouts timeouts) {
        return JdbcArticleStore.postgres(
                Objects.requireNonNull(jdbcUrl, "jdbcUrl"),
                Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"),
                Objects.requireNonNull(timeouts, "timeouts"));
    }

    /**
     * Opens a PostgreSQL store over the host's connection pool, migrating its schema to the current version: the
     * production set-up, where the host sizes, validates and monitors the pool (HikariCP, for example, checks a
     * connection before it hands it out and evicts broken ones). The data source is not closed with the store.
     * Uses the {@linkplain StoreTimeouts#defaults() default} network timeout; see
     * {@link #postgres(DataSource, StoreTimeouts)}.
     *
     * @throws IllegalArgumentException if the data source does not connect to PostgreSQL
     * @throws org.kcskb.StorageException if no connection can be had or the schema cannot be migrated
     */
    public static ArticleStore postgres(DataSource dataSource) {
        return postgres(dataSource, StoreTimeouts.defaults());
    }

    /**
     * Opens a PostgreSQL store over the host's connection pool. The store sets the {@link StoreTimeouts#network()
     * network timeout} on every connection it borrows (a pool such as HikariCP resets it when the connection comes
     * back); connect and statement timeouts belong to the pool's configuration ({@code connectionTimeout}, and
     * {@code options=-c statement_timeout=30000} in the JDBC URL). {@link ArticleStore#close()} aborts the
     * connections still in use by the store, so it returns promptly.
     */
    public static ArticleStore postgres(DataSource dataSource, StoreTimeouts timeouts) {
        return JdbcArticleStore.postgres(
                Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(timeouts, "timeouts"));
    }

    /**
     * Opens a PostgreSQL store in {@code schema} over the host's connection pool, with the
     * {@linkplain StoreTimeouts#defaults() default} network timeout: many knowledge bases (one schema each) on one
     * database and one pool, so that a service hosting one per customer holds a bounded number of connections
     * however many it opens. The schema is created if missing (the role then needs the {@code CREATE} privilege on
     * the database; an existing schema needs only its own privileges). The store names its tables with the schema
     * in every statement, so it never depends on, nor changes, the search path of the connections it borrows
     * (only the migration when the store opens sets it, on one connection, which HikariCP restores). Drop a
     * tenant with {@code DROP SCHEMA "name" CASCADE}.
     *
     * @param schema 1 to 63 lower-case letters, digits and {@code _}, starting with a letter and not with
     *     {@code pg_} (for example {@code "tenant_42"})
     * @throws IllegalArgumentException if the schema name is not valid or the data source does not connect to
     *     PostgreSQL
     * @throws org.kcskb.StorageException if no connection can be had or the schema cannot be created or migrated
     */
    public static ArticleStore postgres(DataSource dataSource, String schema) {
        return postgres(dataSource, schema, StoreTimeouts.defaults());
    }

    /** Opens a PostgreSQL store in {@code schema} over the host's connection pool with the given timeouts. */
    public static ArticleStore postgres(DataSource dataSource, String schema, StoreTimeouts timeouts) {
        return JdbcArticleStore.postgres(
                Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(schema, "schema"),
                Objects.requireNonNull(timeouts, "timeouts"));
    }
}
