package org.kcskb.spring.boot;

import java.util.Objects;
import org.kcskb.KnowledgeBase;
import org.kcskb.metrics.IndexStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The knowledge base's health for the actuator ({@code /actuator/health}, component {@code kb}): UP when the store
 * answers and the change-feed lag is at most {@code kb.health.max-lag}; DOWN when the store cannot be read (the
 * error in the details) or the index lags further behind. The details show the engine, both sequence numbers, the
 * lag and the indexed articles. Thread-safe.
 */
public class KnowledgeBaseHealthIndicator extends AbstractHealthIndicator {
    private final KnowledgeBase knowledgeBase;
    private final long maxLag;

    /** Checks {@code knowledgeBase}, DOWN above {@code maxLag} store changes not yet searchable. */
    public KnowledgeBaseHealthIndicator(KnowledgeBase knowledgeBase, long maxLag) {
        super("Knowledge base health check failed");
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        if (maxLag < 0) {
            throw new IllegalArgumentException("kb.health.max-lag must be 0 or more, was " + maxLag);
        }
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        IndexStatus status = knowledgeBase.indexStatus();
        builder.withDetail("engine", status.engine())
                .withDetail("storeSequence", status.storeSequence())
                .withDetail("searchableSequence", status.searchableSequence())
                .withDetail("lag", status.lag())
                .withDetail("maxLag", maxLag);
        status.indexedArticles().ifPresent(articles -> builder.withDetail("indexedArticles", articles));
        if (status.lag() > maxLag) {
            builder.down()
                    .withDetail(
                            "reason",
                            "the search index is " + status.lag() + " store changes behind (more than kb.health"
                                    + ".max-lag=" + maxLag + "); check the log for indexing errors, or rebuild it");
        } else {
            builder.up();
        }
    }
}
