package org.kcskb.store;

import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.kcskb.store.internal.InMemoryArticleStore;
import org.kcskb.store.internal.JdbcArticleStore;

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
     * Opens a PostgreSQL store, for example {@code postgres("jdbc:postgresql://localhost/kb", "kb", "secret")},
     * migrating its schema to the current version.
     *
     * @throws org.kcskb.StorageException if the server cannot be reached or the schema cannot be migrated
     */
    public static ArticleStore postgres(String jdbcUrl, String user, String password) {
        return JdbcArticleStore.postgres(
                Objects.requireNonNull(jdbcUrl, "jdbcUrl"),
                Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"));
    }

    /**
     * Opens a PostgreSQL store over the host's connection pool, migrating its schema to the current version.
     * The data source is not closed with the store.
     */
    public static ArticleStore postgres(DataSource dataSource) {
        return JdbcArticleStore.postgres(Objects.requireNonNull(dataSource, "dataSource"));
    }
}
