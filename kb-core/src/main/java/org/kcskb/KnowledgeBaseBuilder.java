package org.kcskb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.lifecycle.LifecyclePolicy;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.metrics.MetricsListener;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.vocabulary.Vocabulary;

/**
 * Configures and opens a {@link KnowledgeBase}.
 *
 * <p>Each option may be set once; setting it again fails and names the earlier value. {@link #build()} checks
 * the combination, opens the store and the search engine, and does not change the builder. Not thread-safe.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>Option</th><th>Default</th></tr>
 *   <tr><td>{@link #directory(Path)}</td><td>none: then {@link #store(ArticleStore)} is required and the index
 *       lives in memory</td></tr>
 *   <tr><td>{@link #store(ArticleStore)}</td><td>H2 in {@code directory/store}</td></tr>
 *   <tr><td>{@link #searchEngine(SearchEngineProvider)}</td><td>the first provider found by
 *       {@link ServiceLoader} ({@code kb-index}); none means searches fail</td></tr>
 *   <tr><td>{@link #languageDetector(LanguageDetector)}</td><td>the first {@link LanguageDetector} found by
 *       {@link ServiceLoader} ({@code kb-language}, which {@code kb-index} brings along); none means languages that
 *       were not given stay unknown</td></tr>
 *   <tr><td>{@link #refreshInterval(Duration)}</td><td>1 second</td></tr>
 *   <tr><td>{@link #lifecyclePolicy(LifecyclePolicy)}</td><td>{@link LifecyclePolicy#kcsDefault()}</td></tr>
 *   <tr><td>{@link #visibilityPolicy(VisibilityPolicy)}</td><td>{@link VisibilityPolicy#kcsDefault()}</td></tr>
 *   <tr><td>{@link #contentStandard(ContentStandard)}</td><td>{@link ContentStandard#kcsDefault()}</td></tr>
 *   <tr><td>{@link #limits(Limits)}</td><td>{@link Limits#defaults()}</td></tr>
 *   <tr><td>{@link #clock(Clock)}</td><td>{@link Clock#systemUTC()}</td></tr>
 *   <tr><td>{@link #suggestionVisitors(int)}</td><td>3</td></tr>
 *   <tr><td>{@link #personalDataPattern(Pattern)}</td><td>none (e-mail addresses, phone numbers and long digit
 *       runs are never learned anyway)</td></tr>
 *   <tr><td>{@link #blockedSuggestions(Collection)}</td><td>none</td></tr>
 *   <tr><td>{@link #analyticsRetention(Duration, long)}</td><td>90 days, 5,000,000 events</td></tr>
 *   <tr><td>{@link #visitorHashKey(byte[])}</td><td>a random key kept by the analytics store</td></tr>
 *   <tr><td>{@link #retention(Retention)}</td><td>{@link Retention#defaults()}</td></tr>
 *   <tr><td>{@link #scheduler(ScheduledExecutorService)}</td><td>{@link KnowledgeBase#sharedScheduler()}, one
 *       small pool for every knowledge base in the JVM</td></tr>
 *   <tr><td>{@link #baseVocabulary(Vocabulary)}</td><td>{@link Vocabulary#starter()}, the starter sets of common
 *       support abbreviations and colloquial synonyms</td></tr>
 *   <tr><td>{@link #metrics(MetricsListener)}</td><td>{@link MetricsListener#none()}: nothing is timed</td></tr>
 * </table>
 */
public final class KnowledgeBaseBuilder {
    private Path directory;
    private ArticleStore store;
    private SearchEngineProvider searchEngine;
    private boolean searchDisabled;
    private LanguageDetector languageDetector;
    private Duration refreshInterval;
    private LifecyclePolicy lifecyclePolicy;
    private VisibilityPolicy visibilityPolicy;
    private ContentStandard contentStandard;
    private Limits limits;
    private Clock clock;
    private Boolean recordSearches;
    private Integer suggestionVisitors;
    private Pattern personalDataPattern;
    private Set<String> blockedSuggestions;
    private Duration retentionAge;
    private long retentionRows;
    private byte[] visitorHashKey;
    private Retention retention;
    private ScheduledExecutorService scheduler;
    private Vocabulary baseVocabulary;
    private MetricsListener metrics;

    KnowledgeBaseBuilder() {}

    /** Keeps the embedded store and the index in {@code directory} (created if missing). */
    public KnowledgeBaseBuilder directory(Path directory) {
        requireUnset("directory", this.directory);
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Uses {@code store} instead of the embedded H2 store, for example
     * {@code ArticleStores.postgres(url, user, password)}. The knowledge base closes it when it is closed.
     */
    public KnowledgeBaseBuilder store(ArticleStore store) {
        requireUnset("store", this.store);
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Uses this search engine instead of the one found on the class path; an engine's own options (such as the Lucene
     * engine's result cache, {@code LuceneSearchEngineProvider.builder().resultCacheBytes(...)}) are set on its
     * provider.
     */
    public KnowledgeBaseBuilder searchEngine(SearchEngineProvider provider) {
        requireUnset("searchEngine", this.searchEngine);
        if (searchDisabled) {
            throw new IllegalStateException("searchEngine cannot be set after withoutSearch()");
        }
        this.searchEngine = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /**
     * Opens the knowledge base without search (store and Solve Loop only); searches then fail. Languages are
     * detected as with search (see {@link #languageDetector(LanguageDetector)}).
     */
    public KnowledgeBaseBuilder withoutSearch() {
        if (searchEngine != null) {
            throw new IllegalStateException("withoutSearch() conflicts with searchEngine set to " + searchEngine);
        }
        this.searchDisabled = true;
        return this;
    }

    /**
     * Detects the language of articles captured or updated without one, and of recorded searches that named none,
     * with {@code detector} instead of the one found on the class path; {@link LanguageDetector#none()} detects
     * nothing. The stored language depends on this detector only, never on the search engine.
     */
    public KnowledgeBaseBuilder languageDetector(LanguageDetector detector) {
        requireUnset("languageDetector", this.languageDetector);
        this.languageDetector = Objects.requireNonNull(detector, "detector");
        return this;
    }

    /** Sets how soon a write becomes searchable (default 1 second). */
    public KnowledgeBaseBuilder refreshInterval(Duration refreshInterval) {
        requireUnset("refreshInterval", this.refreshInterval);
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        return this;
    }

    public KnowledgeBaseBuilder lifecyclePolicy(LifecyclePolicy policy) {
        requireUnset("lifecyclePolicy", this.lifecyclePolicy);
        this.lifecyclePolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public KnowledgeBaseBuilder visibilityPolicy(VisibilityPolicy policy) {
        requireUnset("visibilityPolicy", this.visibilityPolicy);
        this.visibilityPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public KnowledgeBaseBuilder contentStandard(ContentStandard standard) {
        requireUnset("contentStandard", this.contentStandard);
        this.contentStandard = Objects.requireNonNull(standard, "standard");
        return this;
    }

    public KnowledgeBaseBuilder limits(Limits limits) {
        requireUnset("limits", this.limits);
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * Sets whether searches, clicks, suggestion picks and case links from a search are recorded for the
     * {@linkplain KnowledgeBase#analytics() search analytics} (default: recorded). Off, nothing is recorded, the
     * reports show only what was recorded before, and query suggestions learn no new queries; for hosts that may
     * not keep what people typed.
     */
    public KnowledgeBaseBuilder recordSearches(boolean record) {
        requireUnset("recordSearches", this.recordSearches);
        this.recordSearches = record;
        return this;
    }

    /**
     * Sets how many distinct visitors must have searched a query, and chosen one of its hits, before it is
     * suggested to others of their audience (default 3). Visitors are told apart by
     * {@link org.kcskb.search.SearchRequest.Builder#visitor(String)}; anonymous public searches without a visitor
     * key never count. 1 suggests what a single visitor typed: only for knowledge bases where every searcher is
     * trusted.
     */
    public KnowledgeBaseBuilder suggestionVisitors(int visitors) {
        requireUnset("suggestionVisitors", this.suggestionVisitors);
        if (visitors < 1) {
            throw new IllegalArgumentException("suggestionVisitors must be at least 1, was " + visitors);
        }
        this.suggestionVisitors = visitors;
        return this;
    }

    /**
     * Never learns a query suggestion from text in which {@code pattern} is found (case-insensitively, in the
     * normalised query), for example customer or case numbers: {@code Pattern.compile("\\b(cs|case)-?\\d{4,}")}.
     * E-mail addresses, phone numbers and runs of seven digits or more are never learned whatever is set.
     */
    public KnowledgeBaseBuilder personalDataPattern(Pattern pattern) {
        requireUnset("personalDataPattern", this.personalDataPattern);
        this.personalDataPattern = Objects.requireNonNull(pattern, "pattern");
        return this;
    }

    /**
     * Never suggests these learned queries (compared in normalised form); more can be blocked at run time with
     * {@link KnowledgeBase#blockSuggestion}.
     */
    public KnowledgeBaseBuilder blockedSuggestions(Collection<String> texts) {
        requireUnset("blockedSuggestions", this.blockedSuggestions);
        var normalized = new LinkedHashSet<String>();
        for (String text : List.copyOf(texts)) {
            normalized.add(SearchEvent.normalize(text));
        }
        this.blockedSuggestions = Set.copyOf(normalized);
        return this;
    }

    /**
     * Bounds the stored search analytics events, which grow with public traffic: events older than
     * {@code maxAge}, and the oldest beyond the newest {@code maxRows}, are deleted every ten minutes (by the
     * {@link #clock(Clock) clock}) on the background thread that writes them. Default 90 days and 5,000,000
     * events (about 2.5 GB in PostgreSQL at 500 bytes an event).
     */
    public KnowledgeBaseBuilder analyticsRetention(Duration maxAge, long maxRows) {
        requireUnset("analyticsRetention", this.retentionAge);
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("analyticsRetention maxAge must be positive, was " + maxAge);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("analyticsRetention maxRows must be at least 1, was " + maxRows);
        }
        this.retentionAge = maxAge;
        this.retentionRows = maxRows;
        return this;
    }

    /**
     * Hashes visitor keys with this secret (at least 16 bytes) instead of the random key the analytics store
     * creates and keeps: for hosts that want the key outside the database, so that stolen analytics cannot be
     * matched against guessed keys (such as client addresses). Keep it stable: a new key makes every visitor
     * new.
     */
    public KnowledgeBaseBuilder visitorHashKey(byte[] key) {
        requireUnset("visitorHashKey", this.visitorHashKey == null ? null : "a key");
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("visitorHashKey needs at least 16 bytes, was " + key.length);
        }
        this.visitorHashKey = key.clone();
        return this;
    }

    /**
     * Sets how long the change feed and feedback comments are kept (default {@link Retention#defaults()}); the
     * knowledge base enforces it in the background against its {@link #clock(Clock)}.
     */
    public KnowledgeBaseBuilder retention(Retention retention) {
        requireUnset("retention", this.retention);
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /**
     * Runs the knowledge base's background work (the analytics writer, retention, and the search engine's
     * following of the store, where the engine supports it) as tasks on {@code scheduler} instead of the
     * {@linkplain KnowledgeBase#sharedScheduler() shared pool}. The host owns it: closing the knowledge base cancels
     * its tasks and leaves the scheduler running; shutting the scheduler down while knowledge bases use it stops
     * their background work (events then queue up and are dropped when the queue is full, written again only by
     * reports and close()). Its threads are shared by the knowledge bases given it, so a single thread serves many,
     * each one's work serialised.
     *
     * <pre>{@code
     * ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
     * KnowledgeBase tenant = KnowledgeBase.builder().store(ArticleStores.inMemory()).scheduler(background).build();
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code scheduler} is already shut down
     */
    public KnowledgeBaseBuilder scheduler(ScheduledExecutorService scheduler) {
        requireUnset("scheduler", this.scheduler);
        Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler.isShutdown()) {
            throw new IllegalArgumentException("The scheduler " + scheduler + " is shut down; give one that runs");
        }
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Sets the vocabulary configured in code, which the search engine applies at query time before the entries
     * managed through {@link KnowledgeBase#addVocabulary}: by default the {@linkplain Vocabulary#starter() starter
     * sets}. Pass {@link Vocabulary#empty()} to turn them off, or extend them:
     *
     * <pre>{@code
     * builder.baseVocabulary(Vocabulary.starter().plus(Vocabulary.parse("acme", Locale.GERMAN, "apd => acme print driver")));
     * }</pre>
     */
    public KnowledgeBaseBuilder baseVocabulary(Vocabulary baseVocabulary) {
        requireUnset("baseVocabulary", this.baseVocabulary);
        this.baseVocabulary = Objects.requireNonNull(baseVocabulary, "baseVocabulary");
        return this;
    }

    /**
     * Reports the latency of every search, suggestion and store commit to {@code listener}, and hands it the
     * knowledge base once it is open so that it can register gauges (see {@link MetricsListener}); {@code
     * kb-micrometer}'s {@code KnowledgeBaseMetrics} is one. Default {@link MetricsListener#none()}: nothing is
     * timed.
     */
    public KnowledgeBaseBuilder metrics(MetricsListener listener) {
        requireUnset("metrics", this.metrics);
        this.metrics = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Sets the clock for revision and link times (tests use a fixed clock). */
    public KnowledgeBaseBuilder clock(Clock clock) {
        requireUnset("clock", this.clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Opens the knowledge base: the store, then the search engine, which catches up on changes it missed.
     *
     * @throws IllegalStateException if neither a directory nor a store was given
     * @throws StorageException if the store cannot be opened
     */
    public KnowledgeBase build() {
        if (directory == null && store == null) {
            throw new IllegalStateException("Give a directory(Path) for the embedded store, or a store(ArticleStore)"
                    + ", for example KnowledgeBase.builder().directory(Path.of(\"kb\")).build()");
        }
        if (scheduler != null && scheduler.isShutdown()) {
            throw new IllegalStateException(
                    "The scheduler " + scheduler + " was shut down after it was given; give one that runs");
        }
        ArticleStore opened = store != null ? store : ArticleStores.h2(directory.resolve("store"));
        Optional<SearchEngineProvider> provider = searchDisabled
                ? Optional.empty()
                : Optional.ofNullable(searchEngine)
                        .or(() -> ServiceLoader.load(SearchEngineProvider.class).findFirst());
        try {
            LanguageDetector detector = languageDetector != null ? languageDetector : languageDetectorOnClassPath();
            MetricsListener listener = metrics != null ? metrics : MetricsListener.none();
            var kb = new StoreBackedKnowledgeBase(
                    opened,
                    provider,
                    detector,
                    Optional.ofNullable(directory).map(d -> d.resolve("index")),
                    refreshInterval != null ? refreshInterval : Duration.ofSeconds(1),
                    recordSearches == null || recordSearches,
                    lifecyclePolicy != null ? lifecyclePolicy : LifecyclePolicy.kcsDefault(),
                    visibilityPolicy != null ? visibilityPolicy : VisibilityPolicy.kcsDefault(),
                    contentStandard != null ? contentStandard : ContentStandard.kcsDefault(),
                    limits != null ? limits : Limits.defaults(),
                    clock != null ? clock : Clock.systemUTC(),
                    new AnalyticsSettings(
                            suggestionVisitors != null ? suggestionVisitors : AnalyticsSettings.DEFAULT_MIN_VISITORS,
                            Optional.ofNullable(personalDataPattern),
                            blockedSuggestions != null ? blockedSuggestions : Set.of(),
                            retentionAge != null ? retentionAge : AnalyticsSettings.DEFAULT_RETENTION_AGE,
                            retentionAge != null ? retentionRows : AnalyticsSettings.DEFAULT_RETENTION_ROWS,
                            Optional.ofNullable(visitorHashKey)),
                    retention != null ? retention : Retention.defaults(),
                    scheduler != null ? scheduler : SharedScheduler.get(),
                    baseVocabulary != null ? baseVocabulary : Vocabulary.starter());
            try {
                kb.observeWith(listener);
            } catch (RuntimeException e) {
                kb.close();
                throw e;
            }
            return kb;
        } catch (RuntimeException e) {
            if (store == null) {
                opened.close();
            }
            throw e;
        }
    }

    /** The first language detector {@link ServiceLoader} finds, or {@link LanguageDetector#none()}. */
    private static LanguageDetector languageDetectorOnClassPath() {
        try {
            return ServiceLoader.load(LanguageDetector.class).findFirst().orElse(LanguageDetector.none());
        } catch (ServiceConfigurationError e) {
            throw new KbException(
                    "The language detector on the class path cannot be loaded (" + e.getMessage()
                            + "); fix its dependencies (kb-language needs opennlp-tools and opennlp-models-langdetect)"
                            + " or set one with languageDetector(...), LanguageDetector.none() for none",
                    e);
        }
    }

    private static void requireUnset(String option, Object current) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set to " + current + "; set each option once");
        }
    }
}
