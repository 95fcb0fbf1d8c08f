package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;
import org.kcskb.store.spi.Mutation;

/**
 * Runs the store contract on PostgreSQL stores that share one HikariCP pool, each in a schema of its own (the
 * set-up for many knowledge bases on one database), and checks that sharing the pool never lets a store read or
 * write another's tables. Needs the same database as {@link PostgresArticleStoreTest}.
 */
@EnabledIf(value = "org.kcskb.store.PostgresArticleStoreTest#configuredOrOnCi")
class PostgresSchemaArticleStoreTest extends ArticleStoreContract {
    private static HikariDataSource pool;

    private final String prefix =
            "kb_tenant_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void openPool() {
        PostgresArticleStoreTest.requirePostgres();
        var config = new HikariConfig();
        config.setJdbcUrl(PostgresArticleStoreTest.URL);
        // Fewer connections than stores in some tests: every store borrows connections another one used.
        config.setMaximumPoolSize(3);
        config.setPoolName("kb-test-schemas");
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private int opened;

    @Override
    protected ArticleStore newStore() {
        return ArticleStores.postgres(pool, schema("store_" + opened++));
    }

    @Override
    protected Optional<ArticleStore> reopen(ArticleStore store) {
        store.close();
        return Optional.of(ArticleStores.postgres(pool, schema("store_" + (opened - 1))));
    }

    private String schema(Object suffix) {
        String name = prefix + "_" + suffix;
        if (!schemas.contains(name)) {
            schemas.add(name);
        }
        return name;
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        store.close();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void storesOnOnePool_seeOnlyTheirOwnArticlesFeedAndIdentity() throws Exception {
        var tenants = new ArrayList<ArticleStore>();
        try {
            for (int n = 1; n <= 5; n++) {
                tenants.add(ArticleStores.postgres(pool, schema("tenant_" + n)));
            }
            var ids = new ArrayList<ArticleId>();
            // Interleaved writes and reads over three pooled connections: each call must run in its own schema.
            for (int round = 0; round < 3; round++) {
                for (int n = 0; n < tenants.size(); n++) {
                    ArticleStore tenant = tenants.get(n);
                    ArticleId id = tenant.allocateId();
                    tenant.commit(List.of(
                            new Mutation.AppendRevision(revision(id, 1, content("Tenant " + n + " round " + round)))));
                    ids.add(id);
                }
            }
            for (int n = 0; n < tenants.size(); n++) {
                ArticleStore tenant = tenants.get(n);
                assertThat(tenant.changesAfter(0, 100)).hasSize(3);
                assertThat(tenant.article(ids.get(n)).orElseThrow().content().title())
                        .isEqualTo("Tenant " + n + " round 0");
            }
            assertThat(tenants).extracting(ArticleStore::storeId).doesNotHaveDuplicates();
            assertThat(store.changesAfter(0, 100)).isEmpty();
        } finally {
            tenants.forEach(ArticleStore::close);
        }
    }

    @Test
    void aBorrowerThatLeftAnotherSchemaSet_doesNotMoveTheStore() throws Exception {
        ArticleId id = create("In the store's own schema");
        String elsewhere = schema("elsewhere");
        try (ArticleStore other = ArticleStores.postgres(pool, elsewhere)) {
            // Another user of the pool changes the search path of every connection it gets, as a careless host might.
            for (int i = 0; i < 3; i++) {
                try (Connection c = pool.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("SET search_path TO " + elsewhere);
                }
            }
            assertThat(store.article(id)).isPresent();
            assertThat(other.article(id)).isEmpty();
        }
    }

    @Test
    void invalidSchemaName_isRejectedBeforeAnyConnection() {
        assertThatThrownBy(() -> ArticleStores.postgres(pool, "Tenant; DROP TABLE kb_articles"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case letters");
    }

    @Test
    void vocabulary_staysInItsSchema_withItsOwnIdSequence() {
        try (ArticleStore other = ArticleStores.postgres(pool, schema("vocabulary"))) {
            JdbcStoreChecks.vocabularyStaysInItsSchema(store, other);
        }
    }
}
