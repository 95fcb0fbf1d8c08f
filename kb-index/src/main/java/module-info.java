/**
 * The embedded search engine on Apache Lucene, provided as the knowledge base's {@link
 * org.kcskb.search.spi.SearchEngineProvider}: adding the module is all a host needs to do. Only {@link
 * org.kcskb.index.LuceneSearchEngineProvider} is exported (the engine's own options); the engine, its codec and its
 * analysis are not. The analysis is shared, qualified, with the OpenSearch engine (which analyses German in the
 * application as this engine does) and with the web module (the languages a request may name).
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module org.kcskb.index {
    requires transitive org.kcskb.core;
    // The German compound seed list (org.kcskb.language.seed), and the language detector a host gets with this module.
    requires org.kcskb.language;
    requires org.apache.lucene.core;
    requires org.apache.lucene.analysis.common;
    requires org.apache.lucene.facet;
    requires com.github.benmanes.caffeine;

    exports org.kcskb.index;
    exports org.kcskb.index.analysis to
            org.kcskb.opensearch,
            org.kcskb.web;

    provides org.kcskb.search.spi.SearchEngineProvider with
            org.kcskb.index.LuceneSearchEngineProvider;
    provides org.apache.lucene.codecs.Codec with
            org.kcskb.index.codec.KnowledgeBaseCodec;
}
