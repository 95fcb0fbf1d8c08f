package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.kcskb.StorageException;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs the store contract against PostgreSQL; each store lives in a fresh schema that is dropped afterwards.
 *
 * <p>Needs {@code KB_TEST_POSTGRES_URL} or {@code -Dkb.test.postgres.url=jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb} (a role
 * that may create schemas in that database). Without it the tests are skipped, except on CI ({@code CI=true}),
 * where they fail: the PostgreSQL run must not silently disappear there.
 */
@EnabledIf(value = "configuredOrOnCi", disabledReason = PostgresArticleStoreTest.HOW_TO)
class PostgresArticleStoreTest extends ArticleStoreContract {
    static final String URL = System.getProperty(
                    "kb.test.postgres.url", Objects.requireNonNullElse(System.getenv("KB_TEST_POSTGRES_URL"), ""))
            .strip();
    static final String HOW_TO = "Set KB_TEST_POSTGRES_URL (or -Dkb.test.postgres.url) to"
            + " jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb (a database where that role may create"
            + " schemas) to run the PostgreSQL store tests";

    private final List<String> schemas = new ArrayList<>();

    static boolean configuredOrOnCi() {
        return !URL.isEmpty() || onCi();
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @BeforeAll
    static void requirePostgres() {
        if (URL.isEmpty() && onCi()) {
            fail("kb.test.postgres.url is empty but CI=true: the PostgreSQL store tests must run in CI. " + HOW_TO);
        }
        Assumptions.assumeTrue(!URL.isEmpty(), HOW_TO);
    }

    @Override
    protected ArticleStore newStore() {
        String schema = "kb_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return ArticleStores.postgres(inSchema(schema), "", "");
    }

    @Override
    protected Optional<ArticleStore> reopen(ArticleStore store) {
        store.close();
        return Optional.of(ArticleStores.postgres(inSchema(schemas.getLast()), "", ""));
    }

    @AfterEach
    void dropSchemas() {
        // Runs before the contract's own @AfterEach; closing twice is allowed.
        store.close();
        for (String schema : schemas) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void awkwardValues_roundTripExactly() {
        JdbcStoreChecks.roundTripsAwkwardValuesExactly(store);
    }

    @Test
    void articleIds_pageInArticleIdOrder_whateverTheDatabaseCollation() {
        JdbcStoreChecks.pagesArticleIdsInArticleIdOrder(store);
    }

    @Test
    void racingWriters_neverLoseAnUpdate() throws Exception {
        JdbcStoreChecks.racingWritersNeverLoseAnUpdate(store, 100);
    }

    @Test
    void overDataSource_withSerializableManualCommitConnections_stillQueuesWritersCorrectly() throws Exception {
        store.close();
        // A host pool with unfriendly defaults: the store must neither leak its settings nor depend on them.
        var dataSource = new UnfriendlyDataSource(inSchema(schemas.getLast()));
        store = ArticleStores.postgres(dataSource);
        ArticleId id = create("Over a data source");
        assertThat(store.article(id)).isPresent();
        JdbcStoreChecks.racingWritersNeverLoseAnUpdate(store, 50);
        assertThat(dataSource.toString()).contains("PGSimpleDataSource");
    }

    @Test
    void overDataSource_ofAnotherDatabase_isRejected() {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:not-postgres");
        assertThatThrownBy(() -> ArticleStores.postgres(h2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("H2");
    }

    @Test
    void open_schemaNewerThanTheCode_failsAndNamesBothVersions() {
        store.close();
        String schema = schemas.getLast();
        execute("INSERT INTO " + schema + ".kb_schema_version (version, description) VALUES (99, 'future')");
        assertThatThrownBy(() -> ArticleStores.postgres(inSchema(schema), "", ""))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("version 99")
                .hasMessageContaining("newer kb-core");
    }

    @Test
    void open_unreachableServer_failsWithStorageExceptionWithoutCredentials() {
        assertThatThrownBy(() -> ArticleStores.postgres(
                        "jdbc:postgresql://127.0.0.1:1/kb?connectTimeout=2&password=secret", "kb", "kb"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/kb")
                .hasMessageNotContaining("secret");
    }

    @Test
    void open_notAPostgresUrl_isRejected() {
        assertThatThrownBy(() -> ArticleStores.postgres("jdbc:mysql://localhost/kb", "kb", "kb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://");
    }

    private static String inSchema(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + URL.replaceAll("\\?.*", ""), e);
        }
    }

    /** Hands out connections in SERIALIZABLE, manual-commit mode, as a badly configured host pool might. */
    private static final class UnfriendlyDataSource implements DataSource {
        private final PGSimpleDataSource delegate = new PGSimpleDataSource();

        UnfriendlyDataSource(String url) {
            delegate.setURL(url);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            return c;
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("Not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }

        @Override
        public String toString() {
            return "UnfriendlyDataSource[PGSimpleDataSource]";
        }
    }

    @Test
    void productListings_useTheProductColumn_filledByMigrationV12ForArticlesWrittenBefore() {
        var byProduct = JdbcStoreChecks.writeProducts(store);
        JdbcStoreChecks.listsEachProductsArticles(store, byProduct);
        store.close();
        String schema = schemas.getLast();
        execute("DROP INDEX " + schema + ".kb_articles_product");
        execute("ALTER TABLE " + schema + ".kb_articles DROP COLUMN product");
        execute("DELETE FROM " + schema + ".kb_schema_version WHERE version = 12");
        store = ArticleStores.postgres(inSchema(schema), "", "");
        JdbcStoreChecks.listsEachProductsArticles(store, byProduct);
    }
}
