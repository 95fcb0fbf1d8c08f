package org.kcskb.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The kb.* properties of the auto-configured knowledge base. Two are enough for most applications: kb.directory (or
 * a PostgreSQL spring.datasource.url) and, when writes must become searchable sooner or later than a second,
 * kb.refresh-interval. The descriptions are plain text: the configuration processor copies them into the metadata
 * that IDEs show.
 *
 * @param directory the folder of the embedded store (directory/store, H2) and of the Lucene index
 *     (directory/index), created if missing; with the PostgreSQL store, where the index is kept (without it, the
 *     index lives in memory and is rebuilt from the store at every start)
 * @param store where the articles are stored: auto (the default: the application's DataSource when it is a
 *     PostgreSQL database, otherwise the embedded store in kb.directory), embedded, datasource or memory (forgets
 *     everything on restart; for demos and tests)
 * @param schema the PostgreSQL schema of the store's tables (default: the connection's current schema)
 * @param refreshInterval how soon a write becomes searchable
 * @param cacheSize the bound of the Lucene engine's search result cache (0 turns it off)
 * @param engine the search engine: auto (the default: a SearchEngineProvider bean when the application defines
 *     one, for example an OpenSearch engine, otherwise Lucene), lucene or none (store and Solve Loop only; searches
 *     fail)
 * @param health the actuator health indicator's settings
 */
@ConfigurationProperties("kb")
public record KnowledgeBaseProperties(
        Path directory,
        @DefaultValue("auto") StoreType store,
        String schema,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("32MB") DataSize cacheSize,
        @DefaultValue("auto") EngineType engine,
        @DefaultValue Health health) {

    /** Where the articles are stored. */
    public enum StoreType {
        /** The application's PostgreSQL {@code DataSource} if there is one, otherwise {@link #EMBEDDED}. */
        AUTO,
        /** The embedded H2 store in {@code kb.directory}. */
        EMBEDDED,
        /** PostgreSQL through the application's {@code DataSource} bean. */
        DATASOURCE,
        /** In memory: forgets everything on restart. */
        MEMORY
    }

    /** Which search engine. */
    public enum EngineType {
        /** The application's {@code SearchEngineProvider} bean if there is one, otherwise Lucene. */
        AUTO,
        /** The Lucene engine of {@code kb-index}, with {@code kb.cache-size}. */
        LUCENE,
        /** No search engine. */
        NONE
    }

    /**
     * The health indicator's settings ({@code management.health.kb.enabled=false} turns it off).
     *
     * @param maxLag the change-feed lag (store changes not yet searchable) above which the knowledge base reports
     *     DOWN: the index has stopped following the store, or cannot keep up
     */
    public record Health(@DefaultValue("10000") long maxLag) {}
}
