package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

class QueryCacheTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private static Article publish(KnowledgeBase kb, String title) {
        Article article = kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, title + " since the last update.")
                                .withResolution("Restart the spooler.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        return article;
    }

    @Test
    void repeatedSearches_areServedFromTheCache_sharedByEqualRequests() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            publish(kb, "Printer offline");
            SearchResult first = kb.search(SearchRequest.of("printer offline", Viewer.anonymous()));
            SearchResult second = kb.search(SearchRequest.of("  Printer   OFFLINE ", Viewer.anonymous()));
            SearchResult partner = kb.search(SearchRequest.of("printer offline", Viewer.partner("p-1")));

            assertThat(second.hits()).isEqualTo(first.hits());
            assertThat(second.searchId()).isNotEqualTo(first.searchId());
            QueryCacheStats stats = kb.queryCacheStats();
            // The partner may see more than the public: a different entry.
            assertThat(stats.hits()).isEqualTo(1);
            assertThat(stats.misses()).isEqualTo(2);
            assertThat(stats.hitRate()).isEqualTo(1.0 / 3);
            assertThat(stats.weightBytes()).isPositive().isLessThanOrEqualTo(stats.maxWeightBytes());
            assertThat(partner.hits()).hasSize(1);
        }
    }

    @Test
    void aChangeThatBecomesSearchable_isNeverAnsweredFromTheOldCache() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            Article first = publish(kb, "Printer offline");
            assertThat(kb.search(SearchRequest.of("printer", Viewer.anonymous()))
                            .hits())
                    .hasSize(1);

            publish(kb, "Printer jams");
            assertThat(kb.search(SearchRequest.of("printer", Viewer.anonymous()))
                            .hits())
                    .hasSize(2);

            kb.publish(PUBLISHER, first.id(), first.revision(), Audience.INTERNAL);
            assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
            assertThat(kb.search(SearchRequest.of("printer", Viewer.anonymous()))
                            .hits())
                    .extracting(hit -> hit.title())
                    .containsExactly("Printer jams");
            assertThat(kb.queryCacheStats().hits()).isZero();
        }
    }

    @Test
    void theCacheBound_isTheLuceneEngineOption_32MiBPerPartitionByDefault() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            // Two partitions under the default policy (main and public), each with its own cache.
            assertThat(kb.queryCacheStats().maxWeightBytes())
                    .isEqualTo(2 * LuceneSearchEngineProvider.DEFAULT_RESULT_CACHE_BYTES)
                    .isEqualTo(2 * (32L << 20));
        }
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(LuceneSearchEngineProvider.builder()
                        .resultCacheBytes(1 << 20)
                        .build())
                .build()) {
            assertThat(kb.queryCacheStats().maxWeightBytes()).isEqualTo(2L << 20);
        }
        assertThat(new LuceneSearchEngineProvider().resultCacheBytes())
                .isEqualTo(LuceneSearchEngineProvider.builder().build().resultCacheBytes())
                .isEqualTo(LuceneSearchEngineProvider.DEFAULT_RESULT_CACHE_BYTES);
        assertThatThrownBy(() -> LuceneSearchEngineProvider.builder().resultCacheBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resultCacheBytes must be at least 0");
    }

    @Test
    void aDisabledCache_computesEverySearch() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(
                        LuceneSearchEngineProvider.builder().resultCacheBytes(0).build())
                .build()) {
            publish(kb, "Printer offline");
            kb.search(SearchRequest.of("printer", Viewer.anonymous()));
            kb.search(SearchRequest.of("printer", Viewer.anonymous()));
            assertThat(kb.queryCacheStats()).isEqualTo(QueryCacheStats.disabled());
        }
    }

    @Test
    void explainedSearches_bypassTheCache() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            publish(kb, "Printer offline");
            var request = SearchRequest.builder("printer", Viewer.anonymous())
                    .explain(true)
                    .build();
            kb.search(request);
            assertThat(kb.search(request).hits().getFirst().explanation()).isPresent();
            assertThat(kb.queryCacheStats().hits() + kb.queryCacheStats().misses())
                    .isZero();
        }
    }

    @Test
    void requestsThatDifferOnlyInTheAskersContext_doNotShareAnEntry() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            var ids = new java.util.HashMap<String, org.kcskb.article.ArticleId>();
            for (String product : java.util.List.of("Windows 11", "macOS")) {
                Article article = kb.capture(
                        PUBLISHER,
                        Draft.of(ArticleContent.of("Printer offline", "Printer offline since the last update.")
                                        .withResolution("Restart the spooler.")
                                        .withEnvironment(org.kcskb.article.Environment.of(product, "1", ""))
                                        .withLanguage(Locale.ENGLISH))
                                .withState(ArticleState.VALIDATED)
                                .withAudience(Audience.PUBLIC));
                ids.put(product, article.id());
            }
            assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
            for (String product : java.util.List.of("Windows 11", "macOS", "Windows 11", "macOS")) {
                SearchResult result = kb.search(SearchRequest.builder("printer offline", Viewer.anonymous())
                        .context("product", product)
                        .build());
                assertThat(result.hits().getFirst().id()).as(product).isEqualTo(ids.get(product));
                assertThat(result.hits().getFirst().score())
                        .as(product)
                        .isGreaterThan(result.hits().get(1).score());
            }
            assertThat(kb.queryCacheStats().misses()).isEqualTo(2);
            assertThat(kb.queryCacheStats().hits()).isEqualTo(2);
        }
    }
}
