/**
 * Micrometer meters for a knowledge base: {@link org.kcskb.micrometer.KnowledgeBaseMetrics} times searches,
 * suggestions and store commits through {@code kb-core}'s {@link org.kcskb.metrics.MetricsListener} hook and binds
 * gauges of the change-feed lag, the index size and the result cache to a {@code MeterRegistry}. {@code kb-core}
 * itself knows nothing of Micrometer: a host without this module pays nothing.
 */
package org.kcskb.micrometer;
