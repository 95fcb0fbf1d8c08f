package org.kcskb.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.kcskb.KnowledgeBase;
import org.kcskb.metrics.IndexStatus;
import org.kcskb.metrics.MetricsListener;
import org.kcskb.metrics.Outcome;
import org.kcskb.search.QueryCacheStats;

/**
 * The Micrometer meters of one knowledge base: install it when building the knowledge base, then bind it to one or
 * more registries (Spring Boot binds every {@link MeterBinder} bean by itself).
 *
 * <pre>{@code
 * KnowledgeBaseMetrics metrics = new KnowledgeBaseMetrics(Tags.of("kb", "help-site"));
 * KnowledgeBase kb = KnowledgeBase.builder().directory(Path.of("kb")).metrics(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters (every one also carries the constructor's tags)</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@value #SEARCH}</td><td>timer</td><td>outcome, engine</td><td>{@link KnowledgeBase#search}
 *       latency</td></tr>
 *   <tr><td>{@value #SEARCH_ZERO_HITS}</td><td>counter</td><td>engine</td><td>successful searches that showed no
 *       hit at all (content gaps as they happen)</td></tr>
 *   <tr><td>{@value #SUGGEST}</td><td>timer</td><td>outcome, engine</td><td>{@link KnowledgeBase#suggest}
 *       latency</td></tr>
 *   <tr><td>{@value #STORE_COMMIT}</td><td>timer</td><td>outcome</td><td>one write's store transaction</td></tr>
 *   <tr><td>{@value #INDEX_LAG}</td><td>gauge</td><td>engine</td><td>store changes not yet searchable ({@link
 *       IndexStatus#lag()})</td></tr>
 *   <tr><td>{@value #INDEX_ARTICLES}</td><td>gauge</td><td>engine</td><td>articles in the index (when the engine
 *       tells)</td></tr>
 *   <tr><td>{@value #CACHE_GETS}</td><td>function counter</td><td>result = hit | miss</td><td>searches answered
 *       from, or computed into, the result cache</td></tr>
 *   <tr><td>{@value #CACHE_EVICTIONS}</td><td>function counter</td><td></td><td>results dropped from the
 *       cache</td></tr>
 *   <tr><td>{@value #CACHE_SIZE}</td><td>gauge</td><td></td><td>results cached now</td></tr>
 *   <tr><td>{@value #CACHE_WEIGHT}</td><td>gauge (bytes)</td><td></td><td>the cached results' estimated
 *       size</td></tr>
 * </table>
 *
 * <p>The outcome tag is {@code success}, {@code refused} (the caller's input) or {@code failure} (see {@link
 * Outcome}). Gauges read {@link KnowledgeBase#indexStatus()} (one cheap store query) and {@link
 * KnowledgeBase#queryCacheStats()} when the registry polls them, and report {@code NaN} once the knowledge base is
 * closed or when the store does not answer. Thread-safe; one instance serves one knowledge base.
 */
public final class KnowledgeBaseMetrics implements MetricsListener, MeterBinder {
    /** Search latency. */
    public static final String SEARCH = "kb.search";
    /** Searches that showed no hit. */
    public static final String SEARCH_ZERO_HITS = "kb.search.zero.hits";
    /** Suggestion latency. */
    public static final String SUGGEST = "kb.suggest";
    /** Store commit latency. */
    public static final String STORE_COMMIT = "kb.store.commit";
    /** Change-feed lag, in store changes. */
    public static final String INDEX_LAG = "kb.index.lag";
    /** Articles in the index. */
    public static final String INDEX_ARTICLES = "kb.index.articles";
    /** Result cache look-ups, by result. */
    public static final String CACHE_GETS = "kb.search.cache.gets";
    /** Result cache evictions. */
    public static final String CACHE_EVICTIONS = "kb.search.cache.evictions";
    /** Results in the cache. */
    public static final String CACHE_SIZE = "kb.search.cache.size";
    /** The cached results' estimated bytes. */
    public static final String CACHE_WEIGHT = "kb.search.cache.weight";

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final Tags tags;
    /** The meters in each registry this was bound to. */
    private final List<Meters> bound = new CopyOnWriteArrayList<>();
    /** Registries given before a knowledge base was built with this; guarded by {@code bound}. */
    private final List<MeterRegistry> waiting = new java.util.ArrayList<>();

    private volatile KnowledgeBase knowledgeBase;
    private volatile String engine;

    /** Meters without tags of their own beyond outcome, engine and result. */
    public KnowledgeBaseMetrics() {
        this(Tags.empty());
    }

    /**
     * Meters that also carry {@code tags}, for example {@code Tags.of("kb", "help-site")} to tell several knowledge
     * bases in one application apart.
     */
    public KnowledgeBaseMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void opened(KnowledgeBase knowledgeBase) {
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        synchronized (bound) {
            if (this.knowledgeBase != null) {
                throw new IllegalStateException("These metrics already observe " + this.knowledgeBase
                        + "; give each knowledge base its own KnowledgeBaseMetrics (tell them apart with tags)");
            }
            this.engine = knowledgeBase.indexStatus().engine();
            this.knowledgeBase = knowledgeBase;
            for (MeterRegistry registry : waiting) {
                bound.add(new Meters(registry));
            }
            waiting.clear();
        }
    }

    /**
     * Registers the meters in {@code registry}; from then on every search, suggestion and commit is recorded there
     * too. Called before the knowledge base is built (as a framework may do), it registers them once the builder
     * hands the knowledge base over. Binding to the same registry twice changes nothing.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (bound) {
            if (waiting.contains(registry) || bound.stream().anyMatch(m -> m.registry == registry)) {
                return;
            }
            if (knowledgeBase == null) {
                waiting.add(registry);
            } else {
                bound.add(new Meters(registry));
            }
        }
    }

    /** The registries this is bound to, with its meters, once {@link #opened} was called; for tests. */
    int boundRegistries() {
        return bound.size();
    }

    @Override
    public void search(long nanos, Outcome outcome, long totalHits, boolean relaxed) {
        for (Meters meters : bound) {
            meters.search[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
            if (outcome == Outcome.SUCCESS && totalHits == 0) {
                meters.zeroHits.increment();
            }
        }
    }

    @Override
    public void suggest(long nanos, Outcome outcome, int suggestions) {
        for (Meters meters : bound) {
            meters.suggest[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void storeCommit(long nanos, Outcome outcome) {
        for (Meters meters : bound) {
            meters.commit[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String toString() {
        return "KnowledgeBaseMetrics"
                + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).toList();
    }

    /** The meters registered in one registry. */
    private final class Meters {
        final MeterRegistry registry;
        final Timer[] search = new Timer[OUTCOMES.length];
        final Timer[] suggest = new Timer[OUTCOMES.length];
        final Timer[] commit = new Timer[OUTCOMES.length];
        final Counter zeroHits;

        Meters(MeterRegistry registry) {
            this.registry = registry;
            Tags engineTags = tags.and("engine", engine);
            for (Outcome outcome : OUTCOMES) {
                Tags outcomeTags = engineTags.and("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
                search[outcome.ordinal()] = Timer.builder(SEARCH)
                        .description("Search latency")
                        .tags(outcomeTags)
                        .register(registry);
                suggest[outcome.ordinal()] = Timer.builder(SUGGEST)
                        .description("Suggestion latency")
                        .tags(outcomeTags)
                        .register(registry);
                commit[outcome.ordinal()] = Timer.builder(STORE_COMMIT)
                        .description("Latency of one write's store transaction")
                        .tags(tags.and("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)))
                        .register(registry);
            }
            zeroHits = Counter.builder(SEARCH_ZERO_HITS)
                    .description("Searches that showed no hit at all")
                    .tags(engineTags)
                    .register(registry);
            KnowledgeBaseMetrics self = KnowledgeBaseMetrics.this;
            Gauge.builder(INDEX_LAG, self, status(IndexStatus::lag))
                    .description("Store changes not yet searchable")
                    .baseUnit("changes")
                    .tags(engineTags)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(
                            INDEX_ARTICLES,
                            self,
                            status(s -> s.indexedArticles().isPresent()
                                    ? s.indexedArticles().getAsLong()
                                    : Double.NaN))
                    .description("Articles in the search index")
                    .baseUnit("articles")
                    .tags(engineTags)
                    .strongReference(true)
                    .register(registry);
            FunctionCounter.builder(CACHE_GETS, self, cache(QueryCacheStats::hits))
                    .description("Searches answered from the result cache (hit) or computed (miss)")
                    .tags(tags.and("result", "hit"))
                    .register(registry);
            FunctionCounter.builder(CACHE_GETS, self, cache(QueryCacheStats::misses))
                    .description("Searches answered from the result cache (hit) or computed (miss)")
                    .tags(tags.and("result", "miss"))
                    .register(registry);
            FunctionCounter.builder(CACHE_EVICTIONS, self, cache(QueryCacheStats::evictions))
                    .description("Results dropped from the cache to stay within its size")
                    .tags(tags)
                    .register(registry);
            Gauge.builder(CACHE_SIZE, self, cache(QueryCacheStats::entries))
                    .description("Results cached now (an estimate)")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(CACHE_WEIGHT, self, cache(QueryCacheStats::weightBytes))
                    .description("The cached results' estimated size")
                    .baseUnit("bytes")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Reads a figure of the index status; NaN when the knowledge base is closed or its store does not answer. */
    private static ToDoubleFunction<KnowledgeBaseMetrics> status(ToDoubleFunction<IndexStatus> figure) {
        return metrics -> {
            try {
                return figure.applyAsDouble(metrics.knowledgeBase.indexStatus());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }

    /** Reads a counter of the result cache; NaN once the knowledge base is closed. */
    private static ToDoubleFunction<KnowledgeBaseMetrics> cache(ToDoubleFunction<QueryCacheStats> figure) {
        return metrics -> {
            try {
                return figure.applyAsDouble(metrics.knowledgeBase.queryCacheStats());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
