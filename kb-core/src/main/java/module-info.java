/**
 * The knowledge base: its API ({@link org.kcskb.KnowledgeBase} and the value packages beside it), the storage SPI
 * ({@code org.kcskb.store.spi}) and the search SPI ({@code org.kcskb.search.spi}) for integrators, and the shipped
 * stores' factory ({@code org.kcskb.store}). How the shipped stores work ({@code org.kcskb.store.internal}) is not
 * exported.
 *
 * <p>A search engine ({@code org.kcskb.index}, {@code org.kcskb.opensearch}) and a language detector ({@code
 * org.kcskb.language}) are found through the services below when the builder is given none. The JDBC drivers are
 * found by {@link java.sql.DriverManager}: H2 is required (the embedded default), PostgreSQL's driver ({@code
 * org.postgresql.jdbc}) only needs to be on the module path when a store uses it.
 */
module org.kcskb.core {
    // DataSource and SQLException appear in the API (ArticleStores.postgres, StorageException).
    requires transitive java.sql;
    requires com.h2database;
    requires org.commonmark;
    requires org.commonmark.ext.gfm.tables;
    requires org.commonmark.ext.autolink;

    exports org.kcskb;
    exports org.kcskb.actor;
    exports org.kcskb.analytics;
    exports org.kcskb.article;
    exports org.kcskb.browse;
    exports org.kcskb.emerging;
    exports org.kcskb.health;
    exports org.kcskb.language;
    exports org.kcskb.lifecycle;
    exports org.kcskb.metrics;
    exports org.kcskb.notice;
    exports org.kcskb.render;
    exports org.kcskb.search;
    exports org.kcskb.search.spi;
    exports org.kcskb.store;
    exports org.kcskb.store.spi;
    exports org.kcskb.transfer;
    exports org.kcskb.vocabulary;

    uses org.kcskb.search.spi.SearchEngineProvider;
    uses org.kcskb.language.LanguageDetector;
}
