package org.kcskb.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.micrometer.KnowledgeBaseMetrics;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ForwardingArticleStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration, driven through Spring Boot's ApplicationContextRunner as an application would start. */
class KnowledgeBaseAutoConfigurationTest {
    private static final Actor AGENT = Actor.contributor("agent-1");
    private static final Viewer VIEWER = Viewer.agent(AGENT);

    /** Faster starts: no language model to load (the customizer is the application's way to set such options). */
    @Configuration(proxyBeanMethods = false)
    static class NoLanguageDetection {
        @Bean
        KnowledgeBaseBuilderCustomizer noLanguageDetection() {
            return builder -> builder.languageDetector(LanguageDetector.none());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    KnowledgeBaseAutoConfiguration.class, KnowledgeBaseHealthAutoConfiguration.class))
            .withUserConfiguration(NoLanguageDetection.class);

    @TempDir
    Path folder;

    @Test
    void theDirectoryProperty_givesAnEmbeddedKnowledgeBase_thatSearches_andClosesWithTheContext() {
        KnowledgeBase[] opened = new KnowledgeBase[1];
        runner.withPropertyValues("kb.directory=" + folder, "kb.refresh-interval=100ms")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KnowledgeBase.class);
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    opened[0] = kb;
                    kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
                    assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();

                    assertThat(kb.search(SearchRequest.builder("printer offline", VIEWER)
                                            .build())
                                    .totalHits())
                            .isEqualTo(1);
                    assertThat(kb.indexStatus().engine()).isEqualTo("lucene");
                    assertThat(context.getBean(KnowledgeBaseProperties.class).refreshInterval())
                            .isEqualTo(Duration.ofMillis(100));
                });
        assertThat(Files.isDirectory(folder.resolve("store"))).isTrue();
        assertThat(Files.isDirectory(folder.resolve("index"))).isTrue();
        assertThatThrownBy(() -> opened[0].indexStatus()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withNeitherDirectoryNorDataSource_theStartFails_namingWhatToSet() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("There is no DataSource bean")
                    .hasMessageContaining("kb.directory=")
                    .hasMessageContaining("kb.store=memory");
        });
    }

    @Test
    void aDataSourceThatIsNotPostgres_leavesTheStoreEmbedded() {
        // Spring Boot's embedded H2 DataSource (H2 comes with kb-core): auto keeps the store in kb.directory.
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("kb.directory=" + folder)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(javax.sql.DataSource.class);
                    assertThat(context.getBean(KnowledgeBase.class).toString()).doesNotContainIgnoringCase("postgres");
                    assertThat(Files.isDirectory(folder.resolve("store"))).isTrue();
                });
    }

    @Test
    void theDataSourceStore_withoutADataSource_failsTheStart_sayingWhatToDefine() {
        runner.withPropertyValues("kb.store=datasource").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("kb.store=datasource needs one DataSource bean")
                    .hasMessageContaining("spring.datasource.url");
        });
    }

    @Test
    void theMemoryStore_withoutSearch_asTheProperties_say() {
        runner.withPropertyValues("kb.store=memory", "kb.engine=none").run(context -> {
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            assertThat(kb.indexStatus().engine()).isEqualTo("none");
            assertThatThrownBy(() ->
                            kb.search(SearchRequest.builder("printer", VIEWER).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no search engine");
        });
    }

    @Test
    void backsOff_whenTheApplicationDefinesItsOwnKnowledgeBase() {
        runner.withUserConfiguration(OwnKnowledgeBase.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KnowledgeBase.class);
            assertThat(context.getBean(KnowledgeBase.class)).isSameAs(OwnKnowledgeBase.built);
            assertThat(context).hasSingleBean(KnowledgeBaseHealthIndicator.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnKnowledgeBase {
        static KnowledgeBase built;

        @Bean(destroyMethod = "close")
        KnowledgeBase ownKnowledgeBase() {
            built = KnowledgeBase.builder()
                    .store(ArticleStores.inMemory())
                    .withoutSearch()
                    .languageDetector(LanguageDetector.none())
                    .build();
            return built;
        }
    }

    @Test
    void customizers_areApplied() {
        Instant now = Instant.parse("2026-05-04T08:00:00Z");
        runner.withPropertyValues("kb.store=memory")
                .withBean(
                        KnowledgeBaseBuilderCustomizer.class,
                        () -> builder -> builder.clock(Clock.fixed(now, ZoneOffset.UTC)))
                .run(context -> {
                    Article article = context.getBean(KnowledgeBase.class)
                            .capture(AGENT, ArticleContent.of("Scanner jams", "The scanner jams on duplex"));
                    assertThat(article.created()).isEqualTo(now);
                });
    }

    @Test
    void health_isUp_thenDownAboveTheLag_thenUpOnceSearchable() {
        // An hour between refreshes: a write stays unsearchable until awaitSearchable asks for it.
        runner.withPropertyValues("kb.store=memory", "kb.refresh-interval=1h", "kb.health.max-lag=0")
                .run(context -> {
                    HealthIndicator indicator = context.getBean("kbHealthIndicator", HealthIndicator.class);
                    Health health = indicator.health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("engine", "lucene")
                            .containsEntry("lag", 0L);

                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
                    Health behind = indicator.health(true);
                    assertThat(behind.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(behind.getDetails()).containsEntry("lag", 1L);
                    assertThat((String) behind.getDetails().get("reason")).contains("kb.health.max-lag=0");

                    assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
                    Health caughtUp = indicator.health(true);
                    assertThat(caughtUp.getStatus()).isEqualTo(Status.UP);
                    assertThat(caughtUp.getDetails()).containsEntry("indexedArticles", 1L);
                });
    }

    @Test
    void health_isDown_whenTheStoreDoesNotAnswer() {
        AtomicBoolean broken = new AtomicBoolean();
        runner.withBean("failingKnowledgeBase", KnowledgeBase.class, () -> KnowledgeBase.builder()
                        .store(new ForwardingArticleStore(ArticleStores.inMemory()) {
                            @Override
                            public long lastSequence() {
                                if (broken.get()) {
                                    throw new StorageException("connection refused");
                                }
                                return super.lastSequence();
                            }
                        })
                        .withoutSearch()
                        .languageDetector(LanguageDetector.none())
                        .build())
                .run(context -> {
                    HealthIndicator indicator = context.getBean("kbHealthIndicator", HealthIndicator.class);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    broken.set(true);
                    Health health = indicator.health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(String.valueOf(health.getDetails().get("error"))).contains("connection refused");
                });
    }

    @Test
    void withoutTheActuator_thereIsNoHealthIndicator_andNoMeters_butAKnowledgeBase() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class))
                .withPropertyValues("kb.store=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KnowledgeBase.class);
                    assertThat(context).doesNotHaveBean(KnowledgeBaseHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(KnowledgeBaseMetrics.class);
                });
    }

    @Test
    void withAMeterRegistry_searchesAreTimed_andZeroHitsCounted() {
        runner.withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("kb.store=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KnowledgeBaseMetrics.class);
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    kb.search(SearchRequest.builder("printer", VIEWER).build());

                    assertThat(registry.get(KnowledgeBaseMetrics.SEARCH)
                                    .tags("outcome", "success", "engine", "lucene")
                                    .timer()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get(KnowledgeBaseMetrics.SEARCH_ZERO_HITS)
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get(KnowledgeBaseMetrics.INDEX_LAG)
                                    .gauge()
                                    .value())
                            .isZero();
                });
    }

    @Test
    void theMetadata_describesTheProperties_forIdeCompletion() throws Exception {
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("generated by spring-boot-configuration-processor")
                    .isNotNull();
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json)
                    .contains("\"name\": \"kb.directory\"")
                    .contains("\"name\": \"kb.refresh-interval\"")
                    .contains("\"name\": \"kb.health.max-lag\"")
                    .contains("the folder of the embedded store");
        }
    }

    /** PostgreSQL through the DataSource that Spring Boot configures from spring.datasource.url (kb.store=auto). */
    @Test
    @EnabledIfEnvironmentVariable(named = "KB_TEST_POSTGRES_URL", matches = ".+")
    void postgres_throughTheApplicationsDataSource() throws Exception {
        String schema = "starter_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                        .toLowerCase(Locale.ROOT);
        try {
            runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues(
                            "spring.datasource.url=" + System.getenv("KB_TEST_POSTGRES_URL"), "kb.schema=" + schema)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                        assertThat(kb.toString()).containsIgnoringCase("postgres");
                        kb.capture(
                                AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
                        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
                        assertThat(kb.search(SearchRequest.builder("printer", VIEWER)
                                                .build())
                                        .totalHits())
                                .isEqualTo(1);
                    });
        } finally {
            // After the context closed the knowledge base: nothing reads the schema any more.
            dropSchema(schema);
        }
    }

    private static void dropSchema(String schema) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(System.getenv("KB_TEST_POSTGRES_URL"));
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        }
    }
}
