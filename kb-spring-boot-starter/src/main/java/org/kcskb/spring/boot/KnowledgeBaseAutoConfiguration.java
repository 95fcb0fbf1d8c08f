package org.kcskb.spring.boot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.StorageException;
import org.kcskb.index.LuceneSearchEngineProvider;
import org.kcskb.micrometer.KnowledgeBaseMetrics;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configures a {@link KnowledgeBase} bean from the {@code kb.*} properties ({@link KnowledgeBaseProperties}) unless
 * the application defines its own; the context closes it. With Micrometer's registry (the actuator), it also
 * defines the {@link KnowledgeBaseMetrics} that the knowledge base reports to and Spring Boot binds to the registry.
 *
 * <p>It runs after the {@code DataSource} and the meter registry are configured, so that {@code kb.store=auto} can
 * find the application's PostgreSQL database and the meters their registry.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(KnowledgeBase.class)
@EnableConfigurationProperties(KnowledgeBaseProperties.class)
public class KnowledgeBaseAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(KnowledgeBaseAutoConfiguration.class.getName());

    /** Created by Spring Boot. */
    public KnowledgeBaseAutoConfiguration() {}

    /**
     * The knowledge base: store and engine as the properties say, the meters when there are any, then every
     * {@link KnowledgeBaseBuilderCustomizer}.
     *
     * @throws IllegalStateException naming the properties to set when the store cannot be decided
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KnowledgeBase knowledgeBase(
            KnowledgeBaseProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<SearchEngineProvider> engines,
            ObjectProvider<KnowledgeBaseMetrics> metrics,
            ObjectProvider<KnowledgeBaseBuilderCustomizer> customizers) {
        KnowledgeBaseBuilder builder = KnowledgeBase.builder().refreshInterval(properties.refreshInterval());
        ArticleStore store = store(properties, dataSource.getIfUnique());
        if (store != null) {
            builder.store(store);
        }
        if (properties.directory() != null && properties.store() != KnowledgeBaseProperties.StoreType.MEMORY) {
            builder.directory(properties.directory());
        }
        switch (properties.engine()) {
            case NONE -> builder.withoutSearch();
            case LUCENE -> builder.searchEngine(lucene(properties));
            case AUTO -> builder.searchEngine(engines.getIfUnique(() -> lucene(properties)));
        }
        metrics.ifUnique(builder::metrics);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        try {
            KnowledgeBase knowledgeBase = builder.build();
            LOG.log(System.Logger.Level.INFO, "Opened " + knowledgeBase);
            return knowledgeBase;
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** The store the properties name, or null for the embedded store that the builder opens in the directory. */
    private static ArticleStore store(KnowledgeBaseProperties properties, DataSource dataSource) {
        return switch (properties.store()) {
            case MEMORY -> ArticleStores.inMemory();
            case DATASOURCE -> {
                if (dataSource == null) {
                    throw new IllegalStateException("kb.store=datasource needs one DataSource bean: set"
                            + " spring.datasource.url=jdbc:postgresql://host/db (with spring-boot-starter-jdbc), or"
                            + " define a DataSource bean, or use kb.store=embedded with kb.directory");
                }
                yield postgres(properties, dataSource);
            }
            case EMBEDDED -> {
                requireDirectory(properties, "kb.store=embedded keeps the store in kb.directory");
                yield null;
            }
            case AUTO -> {
                if (dataSource != null && isPostgres(dataSource)) {
                    yield postgres(properties, dataSource);
                }
                requireDirectory(
                        properties,
                        dataSource == null
                                ? "There is no DataSource bean, so the store is embedded in kb.directory"
                                : "The DataSource is not PostgreSQL, so the store is embedded in kb.directory");
                yield null;
            }
        };
    }

    private static ArticleStore postgres(KnowledgeBaseProperties properties, DataSource dataSource) {
        return properties.schema() == null || properties.schema().isBlank()
                ? ArticleStores.postgres(dataSource)
                : ArticleStores.postgres(dataSource, properties.schema());
    }

    private static void requireDirectory(KnowledgeBaseProperties properties, String why) {
        if (properties.directory() == null) {
            throw new IllegalStateException(why + ", which is not set: set kb.directory=/var/lib/kb (a folder the"
                    + " application may write), or point spring.datasource.url at PostgreSQL, or set kb.store=memory"
                    + " for a knowledge base that forgets everything on restart");
        }
    }

    /** Whether the data source's database says it is PostgreSQL; one connection, at start-up only. */
    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new StorageException(
                    "kb.store=auto could not ask the DataSource which database it is (" + e.getMessage()
                            + "); check spring.datasource.*, or set kb.store=datasource or kb.store=embedded",
                    e);
        }
    }

    private static SearchEngineProvider lucene(KnowledgeBaseProperties properties) {
        return LuceneSearchEngineProvider.builder()
                .resultCacheBytes(properties.cacheSize().toBytes())
                .build();
    }

    /** The meters, when the application has a meter registry (Spring Boot binds them to it). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnMissingBean(KnowledgeBase.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        KnowledgeBaseMetrics knowledgeBaseMetrics() {
            return new KnowledgeBaseMetrics();
        }
    }
}
