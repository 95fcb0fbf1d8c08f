package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;
import org.kcskb.store.spi.Mutation;

/**
 * Runs the store contract on stores that share one H2 database, each in a schema of its own, and checks what
 * sharing must not change: every store sees only its own articles and feed, and the database's background threads
 * do not multiply with the stores.
 */
class H2SchemaArticleStoreTest extends ArticleStoreContract {
    @TempDir
    Path shared;

    private int opened;
    private String schema;

    @Override
    protected ArticleStore newStore() {
        schema = "tenant_" + opened++;
        return ArticleStores.h2(shared, schema);
    }

    @Override
    protected Optional<ArticleStore> reopen(ArticleStore store) {
        store.close();
        return Optional.of(ArticleStores.h2(shared, schema));
    }

    @Test
    void storesInOneDatabase_seeOnlyTheirOwnArticlesFeedAndIdentity() {
        ArticleId mine = create("Only in the first tenant");
        try (ArticleStore other = ArticleStores.h2(shared, "other_tenant");
                ArticleStore defaultSchema = ArticleStores.h2(shared)) {
            assertThat(other.article(mine)).isEmpty();
            assertThat(other.changesAfter(0, 10)).isEmpty();
            assertThat(defaultSchema.article(mine)).isEmpty();
            assertThat(other.storeId()).isNotEqualTo(store.storeId()).isNotEqualTo(defaultSchema.storeId());

            ArticleId theirs = other.allocateId();
            other.commit(List.of(new Mutation.AppendRevision(revision(theirs, 1, content("The other tenant's")))));
            assertThat(store.changesAfter(0, 10)).hasSize(1);
            assertThat(store.article(mine).orElseThrow().content().title()).isEqualTo("Only in the first tenant");
            assertThat(other.article(theirs).orElseThrow().content().title()).isEqualTo("The other tenant's");
        }
        // Closing the other stores leaves this one's connections, and so the database, open.
        assertThat(store.article(mine)).isPresent();
    }

    @Test
    void manyStoresInOneDatabase_shareItsBackgroundThreads() {
        long before = h2Threads();
        var stores = new ArrayList<ArticleStore>();
        try {
            for (int i = 0; i < 20; i++) {
                ArticleStore tenant = ArticleStores.h2(shared, "many_" + i);
                stores.add(tenant);
                ArticleId id = tenant.allocateId();
                tenant.commit(List.of(new Mutation.AppendRevision(revision(id, 1, content("Tenant " + i)))));
            }
            // The contract's own store has the database open already: twenty more add no thread of H2's.
            assertThat(h2Threads()).isLessThanOrEqualTo(Math.max(before, 3));
        } finally {
            stores.forEach(ArticleStore::close);
        }
    }

    @Test
    void sameSchemaOpenedAtOnce_isMigratedOnceAndShared() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var opening = new ArrayList<Future<ArticleStore>>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit((Callable<ArticleStore>) () -> ArticleStores.h2(shared, "raced")));
            }
            var stores = new ArrayList<ArticleStore>();
            for (Future<ArticleStore> f : opening) {
                stores.add(f.get());
            }
            assertThat(stores)
                    .extracting(ArticleStore::storeId)
                    .containsOnly(stores.getFirst().storeId());
            stores.forEach(ArticleStore::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Tenant",
                "1tenant",
                "_tenant",
                "tenant-1",
                "tenant;drop",
                "ten ant",
                "pg_tenant",
                "information_schema",
                "a234567890123456789012345678901234567890123456789012345678901234"
            })
    void invalidSchemaName_isRejectedWithTheRule(String name) {
        assertThatThrownBy(() -> ArticleStores.h2(shared, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("lower-case letters");
    }

    private static long h2Threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("MVStore") || t.getName().startsWith("H2-"))
                .count();
    }

    @Test
    void vocabulary_staysInItsSchema_withItsOwnIdSequence() {
        try (ArticleStore other = ArticleStores.h2(shared, "vocabulary_tenant")) {
            JdbcStoreChecks.vocabularyStaysInItsSchema(store, other);
        }
    }
}
