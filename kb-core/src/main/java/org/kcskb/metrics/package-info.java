/**
 * Observing a knowledge base in production, without a metrics library in {@code kb-core}: a {@link
 * org.kcskb.metrics.MetricsListener} that the knowledge base calls around each search, suggestion and store commit
 * (installed with {@link org.kcskb.KnowledgeBaseBuilder#metrics}; none by default, which costs nothing), and the
 * {@link org.kcskb.metrics.IndexStatus} a host polls for gauges and health checks (change-feed lag, index size).
 * {@code kb-micrometer} turns both into Micrometer meters.
 */
package org.kcskb.metrics;
