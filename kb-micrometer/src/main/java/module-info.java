/** Micrometer meters for a knowledge base: {@link org.kcskb.micrometer.KnowledgeBaseMetrics}. */
@SuppressWarnings("requires-transitive-automatic") // micrometer-core is an automatic module with a stable name
module org.kcskb.micrometer {
    requires transitive org.kcskb.core;
    // MeterRegistry and MeterBinder appear in the API.
    requires transitive micrometer.core;

    exports org.kcskb.micrometer;
}
