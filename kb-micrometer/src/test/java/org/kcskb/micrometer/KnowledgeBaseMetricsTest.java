package org.kcskb.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** The meters move with real work on a real knowledge base (in-memory store, Lucene engine). */
class KnowledgeBaseMetricsTest {
    private static final Actor AGENT = Actor.contributor("agent-1");
    private static final Viewer VIEWER = Viewer.agent(AGENT);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KnowledgeBaseMetrics metrics;
    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        metrics = new KnowledgeBaseMetrics(Tags.of("kb", "test"));
        // A refresh interval of an hour: changes become searchable only when awaitSearchable asks for them, so the
        // lag is observable.
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .refreshInterval(Duration.ofHours(1))
                .languageDetector(LanguageDetector.none())
                .metrics(metrics)
                .build();
        metrics.bindTo(registry);
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private double searches(String outcome) {
        return registry.get(KnowledgeBaseMetrics.SEARCH)
                .tags("kb", "test", "engine", "lucene", "outcome", outcome)
                .timer()
                .count();
    }

    @Test
    void aSearch_countsInTheTimer_andAZeroHitSearch_inTheCounter() {
        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();

        kb.search(SearchRequest.builder("printer offline", VIEWER).build());
        assertThat(searches("success")).isEqualTo(1);
        assertThat(registry.get(KnowledgeBaseMetrics.SEARCH)
                        .tags("outcome", "success")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(registry.get(KnowledgeBaseMetrics.SEARCH_ZERO_HITS).counter().count())
                .isZero();

        kb.search(SearchRequest.builder("zzqx", VIEWER).build());
        assertThat(searches("success")).isEqualTo(2);
        assertThat(registry.get(KnowledgeBaseMetrics.SEARCH_ZERO_HITS)
                        .tags("engine", "lucene")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void refusedSuggestions_countUnderTheirOutcome() {
        kb.suggest("prin", VIEWER, 5);
        assertThatThrownBy(() -> kb.suggest("prin", VIEWER, 0)).isInstanceOf(InvalidInputException.class);

        assertThat(registry.get(KnowledgeBaseMetrics.SUGGEST)
                        .tags("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(KnowledgeBaseMetrics.SUGGEST)
                        .tags("outcome", "refused")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theLag_risesWithAWrite_andFallsToZeroOnceSearchable() {
        double before = registry.get(KnowledgeBaseMetrics.INDEX_LAG).gauge().value();
        assertThat(before).isZero();
        assertThat(registry.get(KnowledgeBaseMetrics.INDEX_ARTICLES).gauge().value())
                .isZero();

        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        kb.capture(AGENT, ArticleContent.of("Scanner jams on duplex", "The scanner jams"));
        assertThat(registry.get(KnowledgeBaseMetrics.STORE_COMMIT)
                        .tags("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(KnowledgeBaseMetrics.INDEX_LAG).gauge().value()).isEqualTo(2);

        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        assertThat(registry.get(KnowledgeBaseMetrics.INDEX_LAG).gauge().value()).isZero();
        assertThat(registry.get(KnowledgeBaseMetrics.INDEX_ARTICLES).gauge().value())
                .isEqualTo(2);
    }

    @Test
    void theCacheCounters_followTheEnginesResultCache() {
        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchRequest request = SearchRequest.builder("printer", VIEWER).build();
        kb.search(request);
        kb.search(request);

        var stats = kb.queryCacheStats();
        assertThat(stats.hits()).isPositive();
        assertThat(registry.get(KnowledgeBaseMetrics.CACHE_GETS)
                        .tags("result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(stats.hits());
        assertThat(registry.get(KnowledgeBaseMetrics.CACHE_GETS)
                        .tags("result", "miss")
                        .functionCounter()
                        .count())
                .isEqualTo(stats.misses());
        assertThat(registry.get(KnowledgeBaseMetrics.CACHE_SIZE).gauge().value())
                .isEqualTo(stats.entries());
    }

    @Test
    void gauges_readNaN_onceTheKnowledgeBaseIsClosed() {
        kb.close();
        assertThat(registry.get(KnowledgeBaseMetrics.INDEX_LAG).gauge().value()).isNaN();
    }

    @Test
    void bindingBeforeTheKnowledgeBaseIsBuilt_registersTheMetersWhenItOpens() {
        var early = new KnowledgeBaseMetrics();
        var earlyRegistry = new SimpleMeterRegistry();
        early.bindTo(earlyRegistry);
        assertThat(earlyRegistry.getMeters()).isEmpty();

        try (KnowledgeBase other = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .languageDetector(LanguageDetector.none())
                .metrics(early)
                .build()) {
            other.search(SearchRequest.builder("printer", VIEWER).build());
            assertThat(early.boundRegistries()).isEqualTo(1);
            assertThat(earlyRegistry
                            .get(KnowledgeBaseMetrics.SEARCH)
                            .tags("outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void oneInstance_observesOneKnowledgeBase() {
        assertThatThrownBy(() -> KnowledgeBase.builder()
                        .store(ArticleStores.inMemory())
                        .withoutSearch()
                        .metrics(metrics)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("give each knowledge base its own KnowledgeBaseMetrics");
    }

    @Test
    void everyRegistryItIsBoundTo_records() {
        var second = new SimpleMeterRegistry();
        metrics.bindTo(second);
        metrics.bindTo(second);
        kb.search(SearchRequest.builder("printer", VIEWER).build());

        assertThat(searches("success")).isEqualTo(1);
        assertThat(second.get(KnowledgeBaseMetrics.SEARCH)
                        .tags("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
