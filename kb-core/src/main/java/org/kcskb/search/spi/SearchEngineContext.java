package org.kcskb.search.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.kcskb.KnowledgeBase;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.vocabulary.Vocabulary;

/**
 * What a search engine is opened with.
 *
 * @param store the store to follow
 * @param directory where the engine keeps its files, or empty to keep them in memory (rebuilt on open)
 * @param refreshInterval how soon a committed change must become searchable
 * @param visibilityPolicy the knowledge base's visibility policy: an engine may keep what the anonymous public may
 *     see apart (its own index, statistics and vocabulary), so that nothing the public may not see changes what the
 *     public is answered; it must still enforce the {@link org.kcskb.lifecycle.Visibility} of every request
 * @param clock the knowledge base's clock ({@link org.kcskb.KnowledgeBaseBuilder#clock}): whatever depends on time
 *     (the freshness of articles in ranking) reads it, never the system clock
 * @param scheduler where the engine runs its periodic background work (following the store's change feed,
 *     refreshing searchers), as tasks rather than threads of its own, so that many knowledge bases in one JVM share
 *     a bounded number of threads: the knowledge base's {@link org.kcskb.KnowledgeBaseBuilder#scheduler scheduler},
 *     by default the {@linkplain org.kcskb.KnowledgeBase#sharedScheduler() shared pool}. The engine does not own
 *     it: it cancels its own tasks on close and never shuts the scheduler down. Other knowledge bases' tasks run
 *     on the same few threads, so a task must be short and must not block for long; a task that must not overlap
 *     with itself is scheduled with a fixed delay, or serialised by the engine
 * @param baseVocabulary the vocabulary the host configured in code ({@link
 *     org.kcskb.KnowledgeBaseBuilder#baseVocabulary}; by default the {@linkplain Vocabulary#starter() starter sets}):
 *     the engine applies it at query time, followed by the entries the store holds ({@link
 *     SearchIndexWriter#vocabulary}), which replace base entries of the same id
 */
public record SearchEngineContext(
        ArticleStore store,
        Optional<Path> directory,
        Duration refreshInterval,
        VisibilityPolicy visibilityPolicy,
        Clock clock,
        ScheduledExecutorService scheduler,
        Vocabulary baseVocabulary) {

    public SearchEngineContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(visibilityPolicy, "visibilityPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(baseVocabulary, "baseVocabulary");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
    }

    /**
     * Returns a context on the system clock (UTC), under the {@linkplain VisibilityPolicy#kcsDefault() KCS default}
     * visibility policy, with the {@linkplain org.kcskb.KnowledgeBase#sharedScheduler() shared pool} as scheduler.
     */
    public SearchEngineContext(ArticleStore store, Optional<Path> directory, Duration refreshInterval) {
        this(store, directory, refreshInterval, VisibilityPolicy.kcsDefault(), Clock.systemUTC());
    }

    /**
     * Returns a context with the {@linkplain org.kcskb.KnowledgeBase#sharedScheduler() shared pool} as scheduler and
     * the starter sets as base vocabulary.
     */
    public SearchEngineContext(
            ArticleStore store,
            Optional<Path> directory,
            Duration refreshInterval,
            VisibilityPolicy visibilityPolicy,
            Clock clock) {
        this(store, directory, refreshInterval, visibilityPolicy, clock, KnowledgeBase.sharedScheduler());
    }

    /** Returns a context with the {@linkplain Vocabulary#starter() starter sets} as base vocabulary. */
    public SearchEngineContext(
            ArticleStore store,
            Optional<Path> directory,
            Duration refreshInterval,
            VisibilityPolicy visibilityPolicy,
            Clock clock,
            ScheduledExecutorService scheduler) {
        this(store, directory, refreshInterval, visibilityPolicy, clock, scheduler, Vocabulary.starter());
    }
}
