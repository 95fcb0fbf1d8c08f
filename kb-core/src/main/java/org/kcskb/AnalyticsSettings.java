package org.kcskb;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the builder configured for analytics and learned suggestions; see the options of
 * {@link KnowledgeBaseBuilder}. Immutable.
 *
 * @param minVisitors distinct visitors before a query is suggested
 * @param personalData the host's pattern for customer or case numbers, never learned
 * @param blocked suggestions blocked from the start
 * @param retentionAge events older than this are deleted
 * @param retentionRows at most this many events are kept
 * @param visitorHashKey the host's secret for visitor hashes; empty uses the analytics store's
 */
record AnalyticsSettings(
        int minVisitors,
        Optional<Pattern> personalData,
        Set<String> blocked,
        Duration retentionAge,
        long retentionRows,
        Optional<byte[]> visitorHashKey) {
    static final int DEFAULT_MIN_VISITORS = 3;
    static final Duration DEFAULT_RETENTION_AGE = Duration.ofDays(90);
    static final long DEFAULT_RETENTION_ROWS = 5_000_000;
    /** How often retention is enforced, by the knowledge base's clock. */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

    AnalyticsSettings {
        blocked = Set.copyOf(blocked);
        visitorHashKey = visitorHashKey.map(byte[]::clone);
    }

    static AnalyticsSettings defaults() {
        return new AnalyticsSettings(
                DEFAULT_MIN_VISITORS,
                Optional.empty(),
                Set.of(),
                DEFAULT_RETENTION_AGE,
                DEFAULT_RETENTION_ROWS,
                Optional.empty());
    }
}
