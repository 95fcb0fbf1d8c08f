package org.kcskb.store.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.Reformulation;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Languages;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ReportScope;

/**
 * An {@link AnalyticsStore} in memory, bounded: it keeps the newest {@code capacity} events in a ring and forgets
 * the oldest as new ones arrive, so memory stays flat under any load. An event of a few words takes some 400 bytes
 * (measured), so the default of {@value #DEFAULT_CAPACITY} events holds about 20 MB; even if every query used all
 * {@value SearchEvent#MAX_QUERY_LENGTH} characters outside Latin-1 it stays under 80 MB. Reports scan the ring, so
 * they cost time linear in the capacity. Used by {@link InMemoryArticleStore}, and by the knowledge base for a
 * host's store that does not implement {@link AnalyticsStore}. Blocked queries and the visitor hash key (random,
 * made when the store is) live as long as the events: a new store starts without them. Every report copies the
 * ring under the lock and aggregates the copy without it; a report scoped to a viewer ({@link ReportScope}) first
 * drops the events the scope does not count, looking each distinct article id up once in the article lookup it
 * was made with (one lookup per distinct article id in the ring, never under this lock). Thread-safe (one lock).
 */
public final class InMemoryAnalytics implements AnalyticsStore {
    /** The number of events kept unless a capacity is given. */
    public static final int DEFAULT_CAPACITY = 50_000;

    private final int capacity;
    private final Function<ArticleId, Optional<Article>> articles;
    private final ArrayDeque<SearchEvent> events;
    private final Set<String> blocked = new LinkedHashSet<>();
    private final byte[] visitorHashKey = new byte[32];
    private boolean closed;

    /**
     * Returns an empty store that keeps the newest {@value #DEFAULT_CAPACITY} events, without articles: its
     * scoped reports fail with {@link UnsupportedOperationException}.
     */
    public InMemoryAnalytics() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Returns an empty store that keeps the newest {@code capacity} events, without articles: its scoped reports
     * fail with {@link UnsupportedOperationException}.
     */
    public InMemoryAnalytics(int capacity) {
        this(capacity, null);
    }

    /**
     * Returns an empty store that keeps the newest {@code capacity} events and looks up the articles that scoped
     * reports check in {@code articles} (the article store's current articles). A scoped report copies the events
     * under the lock, then looks up each distinct article id its events name once, without the lock (so the
     * lookup may take the article store's own lock), and aggregates the events the scope counts.
     */
    public InMemoryAnalytics(int capacity, Function<ArticleId, Optional<Article>> articles) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.articles = articles;
        this.events = new ArrayDeque<>(Math.min(capacity, 1_024));
        // Lives as long as the events: a restart forgets both.
        new SecureRandom().nextBytes(visitorHashKey);
    }

    @Override
    public synchronized void append(List<SearchEvent> batch) {
        ensureOpen();
        List<SearchEvent> copy = List.copyOf(batch);
        for (SearchEvent event : copy) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    @Override
    public List<Reformulation> reformulations(ReportQuery query, Duration within) {
        Objects.requireNonNull(query, "query");
        long withinMicros = EventTimes.reformulationWindow(within);
        List<SearchEvent> events = counted(ReportScope.everything());
        Window window = new Window(query);
        Set<SearchId> answered = new HashSet<>();
        Set<SearchId> clicked = new HashSet<>();
        for (SearchEvent event : events) {
            if (event.kind() != SearchEvent.Kind.SEARCH) {
                answered.add(event.searchId());
            }
            if (event.kind() == SearchEvent.Kind.CLICK || event.kind() == SearchEvent.Kind.LINK) {
                clicked.add(event.searchId());
            }
        }
        Map<String, List<SearchEvent>> clickedByVisitor = new HashMap<>();
        for (SearchEvent event : events) {
            if (event.kind() == SearchEvent.Kind.SEARCH
                    && !event.visitor().isEmpty()
                    && clicked.contains(event.searchId())) {
                clickedByVisitor
                        .computeIfAbsent(event.visitor(), v -> new ArrayList<>())
                        .add(event);
            }
        }
        record Pair(SearchEvent failed, SearchEvent then) {}
        var pairs = new ArrayList<Pair>();
        for (SearchEvent failed : events) {
            if (failed.kind() != SearchEvent.Kind.SEARCH
                    || failed.visitor().isEmpty()
                    || !window.contains(failed)
                    || !window.speaks(failed)
                    || answered.contains(failed.searchId())) {
                continue;
            }
            long from = EventTimes.micros(failed.at());
            List<SearchEvent> candidates = clickedByVisitor.getOrDefault(failed.visitor(), List.of()).stream()
                    .filter(s -> EventTimes.micros(s.at()) > from
                            && EventTimes.micros(s.at()) - from <= withinMicros
                            && !s.normalizedQuery().equals(failed.normalizedQuery()))
                    .toList();
            long earliest = candidates.stream()
                    .mapToLong(s -> EventTimes.micros(s.at()))
                    .min()
                    .orElse(Long.MAX_VALUE);
            for (SearchEvent then : candidates) {
                if (EventTimes.micros(then.at()) == earliest) {
                    pairs.add(new Pair(failed, then));
                }
            }
        }
        return pairs.stream()
                .sorted(Comparator.<Pair, Instant>comparing(p -> p.then().at())
                        .thenComparing(p -> p.failed().at())
                        .reversed())
                .limit(Reformulation.MAX_ROWS)
                .map(p -> new Reformulation(
                        p.failed().normalizedQuery(),
                        p.failed().language(),
                        p.then().normalizedQuery(),
                        p.then().language(),
                        p.failed().visitor(),
                        p.then().at()))
                .toList();
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query) {
        return contentGaps(query, ReportScope.everything());
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query, ReportScope scope) {
        return contentGaps(counted(scope), query);
    }

    private static List<ContentGap> contentGaps(List<SearchEvent> events, ReportQuery query) {
        Window window = new Window(query);
        Set<SearchId> chosen = new HashSet<>();
        for (SearchEvent event : events) {
            if (event.kind() != SearchEvent.Kind.SEARCH) {
                chosen.add(event.searchId());
            }
        }
        record Key(String query, String language, ContentGap.Kind kind) {}
        Map<Key, long[]> groups = new HashMap<>();
        for (SearchEvent event : events) {
            if (event.kind() != SearchEvent.Kind.SEARCH || !window.contains(event) || !window.speaks(event)) {
                continue;
            }
            ContentGap.Kind kind;
            if (event.hitCount() == 0) {
                kind = ContentGap.Kind.NO_RESULTS;
            } else if (!chosen.contains(event.searchId())) {
                kind = ContentGap.Kind.NO_CLICK;
            } else {
                continue;
            }
            long[] group = groups.computeIfAbsent(
                    new Key(event.normalizedQuery(), tag(event.language()), kind), k -> new long[] {0, Long.MIN_VALUE});
            group[0]++;
            group[1] = Math.max(group[1], EventTimes.micros(event.at()));
        }
        return groups.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[1])
                        .thenComparing(e -> e.getKey().query())
                        .thenComparing(e -> e.getKey().language())
                        .thenComparing(e -> e.getKey().kind().name()))
                .limit(query.limit())
                .map(e -> new ContentGap(
                        e.getKey().query(),
                        Languages.parse(e.getKey().language()),
                        e.getValue()[0],
                        EventTimes.instant(e.getValue()[1]),
                        e.getKey().kind()))
                .toList();
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query) {
        return answeredQueries(query, ReportScope.everything());
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query, ReportScope scope) {
        return answeredQueries(counted(scope), query);
    }

    private static List<AnsweredQuery> answeredQueries(List<SearchEvent> events, ReportQuery query) {
        Window window = new Window(query);
        Map<SearchId, Set<ArticleId>> chosen = new HashMap<>();
        for (SearchEvent event : events) {
            if (event.kind() == SearchEvent.Kind.CLICK || event.kind() == SearchEvent.Kind.LINK) {
                chosen.computeIfAbsent(event.searchId(), k -> new HashSet<>())
                        .add(event.article().orElseThrow());
            }
        }
        record Key(String query, String language, String viewerKind, String article) {}
        record Group(long[] counts, Set<String> visitors) {}
        Map<Key, Group> groups = new HashMap<>();
        Set<SearchId> counted = new HashSet<>();
        for (SearchEvent event : events) {
            Set<ArticleId> articles = chosen.get(event.searchId());
            if (event.kind() != SearchEvent.Kind.SEARCH
                    || event.hitCount() == 0
                    || articles == null
                    || !window.contains(event)
                    || !window.speaks(event)
                    || !counted.add(event.searchId())) {
                continue;
            }
            for (ArticleId article : articles) {
                Group group = groups.computeIfAbsent(
                        new Key(
                                event.normalizedQuery(),
                                tag(event.language()),
                                event.viewerKind().name(),
                                article.value()),
                        k -> new Group(new long[] {0, Long.MIN_VALUE}, new HashSet<>()));
                group.counts()[0]++;
                group.counts()[1] = Math.max(group.counts()[1], EventTimes.micros(event.at()));
                if (!event.visitor().isEmpty()) {
                    group.visitors().add(event.visitor());
                }
            }
        }
        return groups.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, Group>>comparingLong(
                                e -> -e.getValue().counts()[0])
                        .thenComparingLong(e -> -e.getValue().counts()[1])
                        .thenComparing(e -> e.getKey().query())
                        .thenComparing(e -> e.getKey().language())
                        .thenComparing(e -> e.getKey().viewerKind())
                        .thenComparing(e -> e.getKey().article()))
                .limit(query.limit())
                .map(e -> new AnsweredQuery(
                        e.getKey().query(),
                        Languages.parse(e.getKey().language()),
                        SearchEvent.ViewerKind.valueOf(e.getKey().viewerKind()).audience(),
                        ArticleId.of(e.getKey().article()),
                        e.getValue().counts()[0],
                        e.getValue().visitors().size(),
                        EventTimes.instant(e.getValue().counts()[1])))
                .toList();
    }

    @Override
    public synchronized long forgetArticle(ArticleId id) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        int before = events.size();
        events.removeIf(
                event -> event.article().isPresent() && event.article().get().equals(id));
        return before - events.size();
    }

    @Override
    public synchronized long deleteEvents(Instant before, long maxRows) {
        ensureOpen();
        Objects.requireNonNull(before, "before");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        int size = events.size();
        events.removeIf(event -> event.at().isBefore(before));
        while (events.size() > maxRows) {
            events.removeFirst();
        }
        return size - events.size();
    }

    @Override
    public synchronized void blockQuery(String normalizedQuery) {
        ensureOpen();
        blocked.add(Objects.requireNonNull(normalizedQuery, "normalizedQuery"));
    }

    @Override
    public synchronized Set<String> blockedQueries() {
        ensureOpen();
        return Set.copyOf(blocked);
    }

    @Override
    public byte[] visitorHashKey() {
        return visitorHashKey.clone();
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query) {
        return topQueries(query, ReportScope.everything());
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query, ReportScope scope) {
        return topQueries(counted(scope), query);
    }

    private static List<QueryCount> topQueries(List<SearchEvent> events, ReportQuery query) {
        Window window = new Window(query);
        record Key(String query, String language) {}
        // searches, without results, picks
        Map<Key, long[]> groups = new HashMap<>();
        for (SearchEvent event : events) {
            boolean search = event.kind() == SearchEvent.Kind.SEARCH;
            if (!(search || event.kind() == SearchEvent.Kind.SUGGESTION_PICK)
                    || !window.contains(event)
                    || !window.speaks(event)) {
                continue;
            }
            long[] group =
                    groups.computeIfAbsent(new Key(event.normalizedQuery(), tag(event.language())), k -> new long[3]);
            if (search) {
                group[0]++;
                group[1] += event.hitCount() == 0 ? 1 : 0;
            } else {
                group[2]++;
            }
        }
        return groups.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[2]))
                        .thenComparingLong(e -> -e.getValue()[0])
                        .thenComparing(e -> e.getKey().query())
                        .thenComparing(e -> e.getKey().language()))
                .limit(query.limit())
                .map(e -> new QueryCount(
                        e.getKey().query(),
                        Languages.parse(e.getKey().language()),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2]))
                .toList();
    }

    @Override
    public Map<String, Long> searchesPerProduct(ReportQuery query, ReportScope scope) {
        Objects.requireNonNull(query, "query");
        Window window = new Window(query);
        Map<String, Long> counts = new HashMap<>();
        for (SearchEvent event : counted(scope)) {
            if (event.kind() == SearchEvent.Kind.SEARCH
                    && !event.product().isEmpty()
                    && window.contains(event)
                    && window.speaks(event)) {
                counts.merge(event.product(), 1L, Long::sum);
            }
        }
        var perProduct = new LinkedHashMap<String, Long>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(query.limit())
                .forEach(e -> perProduct.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(perProduct);
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query) {
        return clickPositions(query, ReportScope.everything());
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query, ReportScope scope) {
        return clickPositions(counted(scope), query);
    }

    private static List<PositionCount> clickPositions(List<SearchEvent> events, ReportQuery query) {
        Window window = new Window(query);
        Map<SearchId, String> searchLanguages = new HashMap<>();
        if (query.language().isPresent()) {
            for (SearchEvent event : events) {
                if (event.kind() == SearchEvent.Kind.SEARCH) {
                    searchLanguages.put(event.searchId(), tag(event.language()));
                }
            }
        }
        // clicks, picks per position
        Map<Integer, long[]> positions = new HashMap<>();
        for (SearchEvent event : events) {
            if (!window.contains(event)) {
                continue;
            }
            int column;
            if (event.kind() == SearchEvent.Kind.CLICK) {
                if (window.language.isPresent()
                        && !window.language.get().equals(searchLanguages.get(event.searchId()))) {
                    continue;
                }
                column = 0;
            } else if (event.kind() == SearchEvent.Kind.SUGGESTION_PICK && window.speaks(event)) {
                column = 1;
            } else {
                continue;
            }
            positions.computeIfAbsent(event.position(), p -> new long[2])[column]++;
        }
        return positions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .limit(query.limit())
                .map(e -> new PositionCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /**
     * Returns a copy of the events that {@code scope} counts. The copy is taken under the lock; the articles are
     * looked up after it, each distinct id once, so that a report costs one lookup per distinct article id among
     * the events (at most the capacity), and never holds this lock while the article store is asked.
     */
    private List<SearchEvent> counted(ReportScope scope) {
        Objects.requireNonNull(scope, "scope");
        List<SearchEvent> snapshot;
        synchronized (this) {
            ensureOpen();
            snapshot = new ArrayList<>(events);
        }
        if (scope.isEverything()) {
            return snapshot;
        }
        if (scope.articles().isPresent() && articles == null) {
            throw new UnsupportedOperationException(
                    this + " was made without its articles and cannot scope a report to a viewer");
        }
        Map<ArticleId, Optional<Article>> looked = new HashMap<>();
        var counted = new ArrayList<SearchEvent>(snapshot.size());
        for (SearchEvent event : snapshot) {
            Optional<Article> article =
                    scope.articles().isPresent() && event.article().isPresent()
                            ? looked.computeIfAbsent(event.article().get(), articles)
                            : Optional.empty();
            if (scope.counts(event.viewerKind(), event.article().isPresent(), article)) {
                counted.add(event);
            }
        }
        return counted;
    }

    /** Makes every later call fail; the events are dropped. Idempotent. */
    public synchronized void close() {
        closed = true;
        events.clear();
        blocked.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The store is closed");
        }
    }

    private static String tag(Locale language) {
        return Languages.tag(language);
    }

    /** A report query's window, language and product, in the form the scans compare. */
    private static final class Window {
        final long from;
        final long to;
        final Optional<String> language;
        final Optional<String> product;

        Window(ReportQuery query) {
            this.from = EventTimes.micros(query.from());
            this.to = EventTimes.micros(query.to());
            this.language = query.language().map(InMemoryAnalytics::tag);
            this.product = query.product();
        }

        boolean contains(SearchEvent event) {
            long at = EventTimes.micros(event.at());
            return at >= from && at < to;
        }

        /** Whether the event is in the query's language and, for a search, made for the query's product. */
        boolean speaks(SearchEvent event) {
            return (language.isEmpty() || language.get().equals(tag(event.language())))
                    && (product.isEmpty()
                            || event.kind() != SearchEvent.Kind.SEARCH
                            || product.get().equals(event.product()));
        }
    }

    @Override
    public String toString() {
        return "InMemoryAnalytics[capacity=" + capacity + "]";
    }
}
