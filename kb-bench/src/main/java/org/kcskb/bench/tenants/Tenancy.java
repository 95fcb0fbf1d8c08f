package org.kcskb.bench.tenants;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.bench.tenants.TenantsCommand.Store;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * How the tenants of one measurement keep their articles: a {@link Store} kind and, for PostgreSQL, the database.
 *
 * @param postgresUrl the JDBC URL of the database, for {@link Store#POSTGRES}
 * @param refreshInterval the knowledge bases' refresh interval, or empty for the default (1 s)
 */
record Tenancy(Store store, Optional<String> postgresUrl, Optional<Duration> refreshInterval) {
    /** The connections of the host pool that all PostgreSQL tenants share. */
    static final int POOL_SIZE = 8;

    /** The PostgreSQL schema of tenant {@code n}. */
    static String schema(int tenant) {
        return "kb_tenants_" + tenant;
    }

    /** Starts the knowledge bases of one measurement under {@code root}; close it after closing them. */
    Stores open(Path root) {
        return new Stores(root);
    }

    /**
     * What the knowledge bases of one measurement share: nothing, one H2 database, or one PostgreSQL pool, opened
     * by the first knowledge base, as a host opens it when the first tenant comes. Not thread-safe.
     */
    final class Stores implements AutoCloseable {
        private final Path root;
        private HikariDataSource pool;
        private int highestTenant = -1;

        private Stores(Path root) {
            this.root = root;
        }

        /** Opens tenant {@code n}'s knowledge base, searching on {@code engine} (empty: the embedded one). */
        KnowledgeBase knowledgeBase(int tenant, Optional<SearchEngineProvider> engine) {
            highestTenant = Math.max(highestTenant, tenant);
            KnowledgeBaseBuilder builder = KnowledgeBase.builder()
                    .contentStandard(
                            ContentStandard.builder().requireIssue(false).build());
            engine.ifPresent(builder::searchEngine);
            refreshInterval.ifPresent(builder::refreshInterval);
            Path directory = root.resolve("tenant-" + tenant);
            return switch (store) {
                case MEMORY -> builder.store(ArticleStores.inMemory()).build();
                case H2 -> builder.directory(directory).build();
                case H2_SCHEMAS ->
                    withStore(
                            builder.directory(directory), ArticleStores.h2(root.resolve("shared"), "tenant_" + tenant));
                case POSTGRES -> {
                    ArticleStore tenantStore = ArticleStores.postgres(pool(), schema(tenant));
                    yield withStore(builder.directory(directory), tenantStore);
                }
            };
        }

        private static KnowledgeBase withStore(KnowledgeBaseBuilder builder, ArticleStore store) {
            try {
                return builder.store(store).build();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        private HikariDataSource pool() {
            if (pool == null) {
                var config = new HikariConfig();
                config.setJdbcUrl(postgresUrl.orElseThrow());
                config.setMaximumPoolSize(POOL_SIZE);
                config.setPoolName("kb-tenants");
                pool = new HikariDataSource(config);
            }
            return pool;
        }

        /** Drops the PostgreSQL tenants' schemas and closes the pool; the directories are the caller's. */
        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                for (int tenant = 0; tenant <= highestTenant; tenant++) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema(tenant) + " CASCADE");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop the tenants' schemas: " + e.getMessage(), e);
            } finally {
                pool.close();
                pool = null;
            }
        }
    }
}
