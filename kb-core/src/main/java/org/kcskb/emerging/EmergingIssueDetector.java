package org.kcskb.emerging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
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
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchAnalytics;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;

/**
 * Finds the {@link EmergingIssue}s in what the search analytics recorded: the engine room of {@link
 * org.kcskb.KnowledgeBase#emergingIssues}; hosts call that, this class is public for simulations and custom
 * schedules.
 *
 * <p>Besides searches it counts the flags raised on the articles the viewer may read ({@link Articles#flagsRaised},
 * one read over the baseline and the window), and sums reuse and flags per product ({@link Articles#product}); see
 * {@link EmergingIssue} for how product-level issues and the issues they cover are told apart.
 *
 * <p>Searches are grouped per product they were made for ({@link SearchAnalytics#searchesPerProduct}): each product
 * searched at least {@link EmergingIssueSettings#minimumCount()} times in the window (the {@value #MAX_PRODUCTS} most
 * searched at most) has groups of its own, read with {@link ReportQuery#withProduct}; the other searches are what the
 * whole report leaves after subtracting those products' rows. A product group's expectation is its share of every
 * search in the baseline, like any group's. Flags are tested per article and product, all together and per reason;
 * of those about one article or product, the one most improbable rise of a single reason is reported when any rose,
 * otherwise the rise of all its flags. {@link EmergingIssueSettings#product()} narrows the issues after the tests.
 *
 * <p>One detection reads six reports of the analytics it was given (top queries, content gaps and answered queries,
 * over the window and over the baseline), the searches per product, and the top queries and content gaps of each
 * product checked apart (over the window, and over the baseline when that is read again); a few more, one window
 * each, to date the issues it found. So it sees
 * exactly what those reports let their viewer see, and works with every store that keeps analytics. Queries are
 * grouped by their analysed words (see {@link EmergingIssue}); the words of each query are computed once and kept
 * (up to {@value #WORD_CACHE} queries) for later detections by the same detector. When a baseline report is cut at
 * {@link ReportQuery#MAX_LIMIT} rows, a group without a baseline row is assumed to have had as many as the last row
 * shown, which can hide a rise but never invents one. The baseline's reports are read again once the window has
 * moved on by a quarter of a window since they were read, so that periodic checks cost three reports over one window
 * most of the time. Thread-safe.
 */
public final class EmergingIssueDetector {
    /** The most example queries and candidate articles an issue names. */
    public static final int MAX_EXAMPLES = 5;

    /** The most windows looked back to find when an issue started. */
    static final int MAX_STEPS_BACK = 24;

    /** Into how many parts the earliest window is cut to date an issue's start. */
    static final int SLICES = 6;

    /** The most products whose searches are grouped apart in one detection: the most searched in the window. */
    static final int MAX_PRODUCTS = 50;

    private static final int WORD_CACHE = 50_000;

    /** The words of a query as the search engine matches them. */
    @FunctionalInterface
    public interface Words {
        /** Returns the distinct analysed words of {@code text}, for example {@code SearchEngine.words}. */
        List<String> of(String text, Locale language);

        /** The words without an engine: lower-cased, accents removed, split at every non-letter. */
        static Words plain() {
            return (text, language) -> org.kcskb.search.spi.EngineText.plainWords(text);
        }
    }

    /** The articles an issue may name: only those the report's viewer may read. */
    public interface Articles {
        /** Returns the title of an article the viewer may read, or empty. */
        Optional<String> title(ArticleId id);

        /** Returns up to {@code limit} articles the viewer may read that a search for {@code text} finds, best first. */
        List<ArticleId> search(String text, Locale language, int limit);

        /**
         * Returns the flags raised in {@code [from, to)} on articles the viewer may read, resolved ones too, in any
         * order. The default, for hosts that pass no flags, is none.
         */
        default List<Flag> flagsRaised(Instant from, Instant to) {
            return List.of();
        }

        /**
         * Returns the product of an article the viewer may read (its environment's {@link
         * org.kcskb.article.Environment#PRODUCT product} attribute), or empty. The default names none.
         */
        default Optional<String> product(ArticleId id) {
            return Optional.empty();
        }

        /**
         * Returns {@link #product} of each of {@code ids} (every id a key): the detector asks for all the articles of
         * one check at once, so that a store can read them in one call. The default asks one by one.
         */
        default Map<ArticleId, Optional<String>> products(Collection<ArticleId> ids) {
            var products = new HashMap<ArticleId, Optional<String>>();
            for (ArticleId id : ids) {
                products.computeIfAbsent(id, this::product);
            }
            return products;
        }

        /** Names no article beyond those the analytics report. */
        static Articles none() {
            return new Articles() {
                @Override
                public Optional<String> title(ArticleId id) {
                    return Optional.empty();
                }

                @Override
                public List<ArticleId> search(String text, Locale language, int limit) {
                    return List.of();
                }
            };
        }
    }

    private final SearchAnalytics analytics;
    private final Words words;
    private final Articles articles;
    private final Map<String, List<String>> wordCache = new HashMap<>();
    /** Each article's product, forgotten whenever the baseline is read again; guarded by {@link #wordCache}'s lock. */
    private final Map<ArticleId, Optional<String>> productCache = new HashMap<>();
    /** The latest baseline's reports; guarded by {@link #wordCache}'s lock. */
    private Baseline lastBaseline;

    /**
     * @param analytics the reports to read, scoped to the viewer the issues are for
     * @param words how queries are analysed, with that viewer's visibility
     * @param articles the articles that viewer may read
     */
    public EmergingIssueDetector(SearchAnalytics analytics, Words words, Articles articles) {
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.words = Objects.requireNonNull(words, "words");
        this.articles = Objects.requireNonNull(articles, "articles");
    }

    /**
     * Returns the issues at {@code now}: those rising in {@code [now - window, now)} against {@code [now - window -
     * baseline, now - window)}, most improbable first.
     */
    public List<EmergingIssue> detect(Instant now, EmergingIssueSettings settings) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(settings, "settings");
        Duration window = settings.window();
        Instant windowStart = now.minus(window);
        ReportQuery current = ReportQuery.between(windowStart, now).withLimit(ReportQuery.MAX_LIMIT);
        ReportQuery baseline = ReportQuery.between(windowStart.minus(settings.baseline()), windowStart)
                .withLimit(ReportQuery.MAX_LIMIT);

        // Searches are grouped per product they were made for: each product searched often enough to make an issue
        // has its own groups; the rest (no product, or a rarely searched one) are what the whole report leaves after
        // subtracting those products' rows.
        List<QueryCount> currentQueries = analytics.topQueries(current);
        List<ContentGap> currentGaps = analytics.contentGaps(current);
        Baseline before = baseline(baseline, settings);
        List<QueryCount> baselineQueries = before.queries();
        List<ContentGap> baselineGaps = before.gaps();
        long currentTotal = total(currentQueries);
        long baselineTotal = total(baselineQueries);
        List<String> checked = new ArrayList<>();
        analytics.searchesPerProduct(current.withLimit(MAX_PRODUCTS)).forEach((product, searches) -> {
            if (searches >= settings.minimumCount()) {
                checked.add(product);
            }
        });
        var scopes = new ArrayList<Scope>();
        var currentByProduct = new ArrayList<List<Row>>();
        var baselineByProduct = new ArrayList<List<Row>>();
        for (String product : checked) {
            List<QueryCount> queries = analytics.topQueries(current.withProduct(product));
            List<Row> now_ = rows(queries, analytics.contentGaps(current.withProduct(product)));
            Baseline base = before.of(product, analytics);
            List<Row> base_ = rows(base.queries(), base.gaps());
            currentByProduct.add(now_);
            baselineByProduct.add(base_);
            scopes.add(new Scope(product, now_, base_, floor(base.queries()), gapFloor(base.gaps())));
        }
        scopes.add(new Scope(
                null,
                subtract(rows(currentQueries, currentGaps), currentByProduct),
                subtract(rows(baselineQueries, baselineGaps), baselineByProduct),
                floor(baselineQueries),
                gapFloor(baselineGaps)));

        List<AnsweredQuery> currentAnswers = analytics.answeredQueries(current);
        Map<ArticleId, Reuse> reuse = new LinkedHashMap<>();
        for (AnsweredQuery answer : currentAnswers) {
            reuse.computeIfAbsent(answer.article(), Reuse::new).add(answer, true);
        }
        List<AnsweredQuery> baselineAnswers = before.answers();
        for (AnsweredQuery answer : baselineAnswers) {
            Reuse r = reuse.get(answer.article());
            if (r != null) {
                r.add(answer, false);
            }
        }
        long answerFloor = baselineAnswers.size() == ReportQuery.MAX_LIMIT
                ? baselineAnswers.getLast().answers()
                : 0;

        // What the tests compare with: the group's share of the baseline's searches (one added to every count, so
        // that a query new in the window has a small share rather than none), applied to the window's searches.
        // Tested given the window's number of searches (binomial), so that the daily rush or a quiet night moves
        // every group alike and raises none. A product's groups are shares of every search too: a product whose
        // searches rise as a whole rises against the rest.
        var candidates = new ArrayList<Candidate>();
        for (Scope scope : scopes) {
            Groups groups = new Groups(settings.similarity(), scope.product());
            for (Row row : scope.current()) {
                groups.add(row, true);
            }
            for (Row row : scope.baseline()) {
                groups.add(row, false);
            }
            for (Group g : groups.current()) {
                long baseSearches = g.baseSearches == 0 ? scope.searchFloor() : g.baseSearches;
                long baseGaps = g.baseGaps == 0 ? scope.gapFloor() : g.baseGaps;
                if (g.gaps >= settings.minimumCount()) {
                    candidates.add(new Candidate(
                            EmergingIssue.Kind.CONTENT_GAP,
                            g,
                            null,
                            g.gaps,
                            currentTotal,
                            share(baseGaps, baselineTotal)));
                }
                if (g.searches >= settings.minimumCount()) {
                    candidates.add(new Candidate(
                            EmergingIssue.Kind.SEARCHES,
                            g,
                            null,
                            g.searches,
                            currentTotal,
                            share(baseSearches, baselineTotal)));
                }
            }
        }
        for (Reuse r : reuse.values()) {
            if (r.answers >= settings.minimumCount()) {
                long base = r.baseAnswers == 0 ? answerFloor : r.baseAnswers;
                candidates.add(new Candidate(
                        EmergingIssue.Kind.REUSE, null, r, r.answers, currentTotal, share(base, baselineTotal)));
            }
        }
        // Flags per article: one read over the baseline and the window, only articles the viewer may read.
        Instant baselineStart = windowStart.minus(settings.baseline());
        double perWindow = (double) window.toNanos() / settings.baseline().toNanos();
        List<Flag> flags = new ArrayList<>();
        for (Flag flag : articles.flagsRaised(baselineStart, now)) {
            if (!flag.raisedAt().isBefore(baselineStart) && flag.raisedAt().isBefore(now)) {
                flags.add(flag);
            }
        }
        // Every article's flags are tested all together and per reason (against the article's flags of that reason
        // and the rise of the rest of the knowledge base's flags of that reason).
        Map<ArticleId, Flagged> flagged = new LinkedHashMap<>();
        long flagsNow = 0;
        long flagsBefore = 0;
        var flagsByReason = new EnumMap<FlagReason, long[]>(FlagReason.class);
        for (Flag flag : flags) {
            Flagged f = flagged.computeIfAbsent(flag.articleId(), Flagged::new);
            boolean inBaseline = flag.raisedAt().isBefore(windowStart);
            f.add(flag.reason(), inBaseline);
            flagsByReason.computeIfAbsent(flag.reason(), r -> new long[2])[inBaseline ? 1 : 0]++;
            if (inBaseline) {
                flagsBefore++;
            } else {
                flagsNow++;
            }
        }
        for (Flagged f : flagged.values()) {
            if (f.count >= settings.minimumCount()) {
                candidates.add(Candidate.flags(
                        f,
                        null,
                        null,
                        f.count,
                        flagsExpected(f.count, f.base, flagsNow, flagsBefore, perWindow, settings)));
            }
            for (var byReason : f.byReason.entrySet()) {
                long[] own = byReason.getValue();
                long[] all = flagsByReason.get(byReason.getKey());
                if (own[0] >= settings.minimumCount() && own[0] < f.count) {
                    candidates.add(Candidate.flags(
                            f,
                            null,
                            byReason.getKey(),
                            own[0],
                            flagsExpected(own[0], own[1], all[0], all[1], perWindow, settings)));
                }
            }
        }

        // Per product: the reuse and flags of its articles summed, tested when they fall on two articles or more.
        var inWindow = new ArrayList<ArticleId>();
        currentAnswers.forEach(answer -> inWindow.add(answer.article()));
        flagged.values().forEach(f -> inWindow.add(f.article));
        prefetchProducts(inWindow);
        Map<String, Product> products = new LinkedHashMap<>();
        for (AnsweredQuery answer : currentAnswers) {
            productOf(answer.article()).ifPresent(name -> products.computeIfAbsent(name, Product::new)
                    .answered(answer));
        }
        for (Flagged f : flagged.values()) {
            if (f.count > 0) {
                productOf(f.article).ifPresent(name -> products.computeIfAbsent(name, Product::new)
                        .flagged(f));
            }
        }
        if (!products.isEmpty()) {
            prefetchProducts(
                    baselineAnswers.stream().map(AnsweredQuery::article).toList());
            for (AnsweredQuery answer : baselineAnswers) {
                Product p = productOf(answer.article()).map(products::get).orElse(null);
                if (p != null) {
                    p.baseAnswers += answer.answers();
                }
            }
            for (Flagged f : flagged.values()) {
                Product p = f.base == 0
                        ? null
                        : productOf(f.article).map(products::get).orElse(null);
                if (p != null) {
                    p.baseFlags += f.base;
                    f.byReason.forEach((reason, counts) ->
                            p.flagsByReason.computeIfAbsent(reason, r -> new long[2])[1] += counts[1]);
                }
            }
        }
        for (Product p : products.values()) {
            if (p.answersByArticle.size() >= 2 && p.answers >= settings.minimumCount()) {
                long base = p.baseAnswers == 0 ? answerFloor : p.baseAnswers;
                candidates.add(Candidate.product(
                        EmergingIssue.Kind.REUSE, p, p.answers, currentTotal, share(base, baselineTotal)));
            }
            if (p.flagsByArticle.size() >= 2 && p.flags >= settings.minimumCount()) {
                candidates.add(Candidate.flags(
                        null,
                        p,
                        null,
                        p.flags,
                        flagsExpected(p.flags, p.baseFlags, flagsNow, flagsBefore, perWindow, settings)));
            }
            for (var byReason : p.flagsByReason.entrySet()) {
                long[] own = byReason.getValue();
                long[] all = flagsByReason.get(byReason.getKey());
                if (p.articlesByReason.get(byReason.getKey()).size() >= 2
                        && own[0] >= settings.minimumCount()
                        && own[0] < p.flags) {
                    candidates.add(Candidate.flags(
                            null,
                            p,
                            byReason.getKey(),
                            own[0],
                            flagsExpected(own[0], own[1], all[0], all[1], perWindow, settings)));
                }
            }
        }

        // Bonferroni: each test at the family's rate divided by the number of tests, so that steady traffic raises a
        // false alarm in one check with a probability of at most falseAlarmRate.
        double alpha = settings.falseAlarmRate() / Math.max(1, candidates.size());
        var rising = new ArrayList<Candidate>();
        var risenGroups = new HashSet<Group>();
        for (Candidate c : candidates) {
            c.probability = c.poisson
                    ? Poisson.upperTail(c.count, c.expected)
                    : Poisson.binomialUpperTail(c.count, Math.max(c.count, c.trials), c.share);
            boolean rises = c.probability <= alpha && c.count >= settings.minimumGrowth() * c.expected;
            // A content gap that rose is the issue; the same group's searches are not a second one.
            if (rises && (c.group == null || risenGroups.add(c.group))) {
                rising.add(c);
            }
        }
        rising.removeAll(flagsOfOneReasonAtMost(rising));
        rising.removeAll(coveredByProducts(rising, currentAnswers));
        if (rising.isEmpty()) {
            return List.of();
        }
        if (settings.product().isPresent()) {
            // Narrowed to one product: the same issues, those about it (the tests above counted every one).
            String only = settings.product().get();
            prefetchProducts(rising.stream()
                    .map(Candidate::article)
                    .filter(Objects::nonNull)
                    .toList());
            rising.removeIf(c -> !only.equals(
                    c.productName() != null
                            ? c.productName()
                            : c.article() != null ? productOf(c.article()).orElse(null) : null));
            if (rising.isEmpty()) {
                return List.of();
            }
        }
        Map<Candidate, Instant> since = since(rising, now, settings, flags, checked);
        var issues = new ArrayList<EmergingIssue>();
        for (Candidate c : rising) {
            issues.add(
                    c.group != null
                            ? groupIssue(
                                    c,
                                    since.get(c),
                                    now,
                                    c.group.product == null
                                            ? currentAnswers
                                            : analytics.answeredQueries(current.withProduct(c.group.product)))
                            : c.product != null
                                    ? productIssue(c, since.get(c), now)
                                    : c.reuse != null
                                            ? reuseIssue(c, since.get(c), now)
                                            : flagIssue(c, since.get(c), now));
        }
        issues.sort(Comparator.comparingDouble(EmergingIssue::probability)
                .thenComparing(Comparator.comparingLong(EmergingIssue::count).reversed())
                .thenComparing(EmergingIssue::label));
        return List.copyOf(issues);
    }

    private EmergingIssue groupIssue(Candidate c, Instant since, Instant now, List<AnsweredQuery> answers) {
        Group g = c.group;
        g.label = label(g);
        List<String> examples = g.queries.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_EXAMPLES)
                .map(Map.Entry::getKey)
                .toList();
        // Candidates: the articles that answered the group's searches (visible to the viewer: the scoped report
        // names no other), then what a search for the label finds.
        Map<ArticleId, Long> answered = new HashMap<>();
        for (AnsweredQuery a : answers) {
            if (g.queries.containsKey(a.query())) {
                answered.merge(a.article(), a.answers(), Long::sum);
            }
        }
        var found = new LinkedHashSet<ArticleId>();
        answered.entrySet().stream()
                .sorted(Map.Entry.<ArticleId, Long>comparingByValue().reversed().thenComparing(e -> e.getKey()
                        .value()))
                .forEach(e -> found.add(e.getKey()));
        if (found.size() < MAX_EXAMPLES) {
            found.addAll(articles.search(g.label, g.language, MAX_EXAMPLES));
        }
        return new EmergingIssue(
                c.kind,
                g.label,
                g.language,
                Optional.empty(),
                since,
                now,
                c.count,
                c.expected,
                g.searches,
                Math.min(g.gaps, g.searches),
                c.probability,
                examples,
                found.stream().limit(MAX_EXAMPLES).toList(),
                Optional.ofNullable(g.product),
                Optional.empty());
    }

    private EmergingIssue reuseIssue(Candidate c, Instant since, Instant now) {
        Reuse r = c.reuse;
        List<String> examples = r.queries.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_EXAMPLES)
                .map(Map.Entry::getKey)
                .toList();
        return new EmergingIssue(
                c.kind,
                articles.title(r.article).orElse(r.article.value()),
                r.language,
                Optional.of(r.article),
                since,
                now,
                c.count,
                c.expected,
                r.answers,
                0,
                c.probability,
                examples,
                List.of(r.article),
                Optional.empty(),
                Optional.empty());
    }

    private EmergingIssue flagIssue(Candidate c, Instant since, Instant now) {
        ArticleId article = c.flagged.article;
        return new EmergingIssue(
                c.kind,
                articles.title(article).orElse(article.value()),
                Locale.ROOT,
                Optional.of(article),
                since,
                now,
                c.count,
                c.expected,
                0,
                0,
                c.probability,
                List.of(),
                List.of(article),
                Optional.empty(),
                Optional.ofNullable(c.namedReason()));
    }

    private EmergingIssue productIssue(Candidate c, Instant since, Instant now) {
        Product p = c.product;
        boolean reuse = c.kind == EmergingIssue.Kind.REUSE;
        List<String> examples = reuse
                ? p.queries.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_EXAMPLES)
                        .map(Map.Entry::getKey)
                        .toList()
                : List.of();
        List<ArticleId> top = (reuse ? p.answersByArticle : p.flagsByArticle)
                .entrySet().stream()
                        .sorted(Map.Entry.<ArticleId, Long>comparingByValue()
                                .reversed()
                                .thenComparing(e -> e.getKey().value()))
                        .limit(MAX_EXAMPLES)
                        .map(Map.Entry::getKey)
                        .toList();
        return new EmergingIssue(
                c.kind,
                p.name,
                reuse ? p.language : Locale.ROOT,
                Optional.empty(),
                since,
                now,
                c.count,
                c.expected,
                reuse ? c.count : 0,
                0,
                c.probability,
                examples,
                top,
                Optional.of(p.name),
                Optional.ofNullable(c.namedReason()));
    }

    /**
     * When each rising candidate started: the start of the earliest window of the unbroken run of windows, back from
     * the current one, in which its count was above the baseline's average for one window (at the per-check false
     * alarm rate and the minimum growth), at most {@value #MAX_STEPS_BACK} windows back; then the start of the
     * first of {@value #SLICES} parts of that window with any of its events.
     */
    private Map<Candidate, Instant> since(
            List<Candidate> rising,
            Instant now,
            EmergingIssueSettings settings,
            List<Flag> flags,
            List<String> checked) {
        Duration window = settings.window();
        var since = new HashMap<Candidate, Instant>();
        var open = new ArrayList<Candidate>();
        for (Candidate c : rising) {
            since.put(c, now.minus(window));
            open.add(c);
        }
        double perWindow = (double) window.toNanos() / settings.baseline().toNanos();
        long steps = Math.min(MAX_STEPS_BACK, settings.baseline().dividedBy(window) - 1);
        for (int k = 1; k <= steps && !open.isEmpty(); k++) {
            Instant to = now.minus(window.multipliedBy(k));
            ReportQuery step = ReportQuery.between(to.minus(window), to).withLimit(ReportQuery.MAX_LIMIT);
            var rows = new ScopedRows(step, checked);
            List<AnsweredQuery> answers =
                    open.stream().anyMatch(Candidate::countsAnswers) ? analytics.answeredQueries(step) : List.of();
            for (var it = open.iterator(); it.hasNext(); ) {
                Candidate c = it.next();
                long count;
                double expected;
                if (c.group != null) {
                    count = count(c, rows.of(c.group.product), settings);
                    long base = c.kind == EmergingIssue.Kind.CONTENT_GAP ? c.group.baseGaps : c.group.baseSearches;
                    expected = (base + 1) * perWindow;
                } else if (c.kind == EmergingIssue.Kind.FLAGS) {
                    count = count(c, flags, to.minus(window), to);
                    expected = (c.baseFlags() + 1) * perWindow;
                } else {
                    count = count(c, answers);
                    expected = ((c.product != null ? c.product.baseAnswers : c.reuse.baseAnswers) + 1) * perWindow;
                }
                boolean raised = count >= 2
                        && count >= settings.minimumGrowth() * expected
                        && Poisson.upperTail(count, expected) <= settings.falseAlarmRate();
                if (raised) {
                    since.put(c, to.minus(window));
                } else {
                    it.remove();
                }
            }
        }
        // Within the earliest window, the first sixth in which the group had events at all: an outbreak that began
        // at 10:00 is dated 10:00, not at the start of the hour-long window that first showed it.
        Duration slice = window.dividedBy(SLICES);
        var rowCache = new HashMap<Instant, ScopedRows>();
        var answerCache = new HashMap<Instant, List<AnsweredQuery>>();
        for (Candidate c : rising) {
            Instant start = since.get(c);
            for (int j = 0; j < SLICES; j++) {
                Instant from = start.plus(slice.multipliedBy(j));
                ReportQuery part = ReportQuery.between(from, from.plus(slice)).withLimit(ReportQuery.MAX_LIMIT);
                long count = c.group != null
                        ? count(
                                c,
                                rowCache.computeIfAbsent(from, f -> new ScopedRows(part, checked))
                                        .of(c.group.product),
                                settings)
                        : c.kind == EmergingIssue.Kind.FLAGS
                                ? count(c, flags, from, from.plus(slice))
                                : count(c, answerCache.computeIfAbsent(from, f -> analytics.answeredQueries(part)));
                if (count > 0) {
                    since.put(c, from);
                    break;
                }
            }
        }
        return since;
    }

    /**
     * The rows of one report window per product checked apart, each read when first asked for: a product's own
     * searches, or (for null) the rest, every search less those of the products checked apart.
     */
    private final class ScopedRows {
        private final ReportQuery query;
        private final List<String> checked;
        private final Map<String, List<Row>> byProduct = new HashMap<>();
        private List<Row> all;

        ScopedRows(ReportQuery query, List<String> checked) {
            this.query = query;
            this.checked = checked;
        }

        List<Row> of(String product) {
            if (product != null) {
                return byProduct.computeIfAbsent(product, p -> {
                    ReportQuery q = query.withProduct(p);
                    return rows(analytics.topQueries(q), analytics.contentGaps(q));
                });
            }
            if (all == null) {
                var parts = new ArrayList<List<Row>>();
                for (String p : checked) {
                    parts.add(of(p));
                }
                all = subtract(rows(analytics.topQueries(query), analytics.contentGaps(query)), parts);
            }
            return all;
        }
    }

    private long count(Candidate c, List<Row> rows, EmergingIssueSettings settings) {
        long count = 0;
        for (Row row : rows) {
            if (QueryWords.similarity(c.group.words, wordsOf(row)) >= settings.similarity()) {
                count += c.kind == EmergingIssue.Kind.CONTENT_GAP ? row.gaps : row.searches;
            }
        }
        return count;
    }

    private long count(Candidate c, List<AnsweredQuery> answers) {
        long count = 0;
        for (AnsweredQuery a : answers) {
            if (c.product != null
                    ? productOf(a.article()).filter(c.product.name::equals).isPresent()
                    : a.article().equals(c.reuse.article)) {
                count += a.answers();
            }
        }
        return count;
    }

    /** The flags of the candidate's article or product (of its reason, if any) raised in {@code [from, to)}. */
    private long count(Candidate c, List<Flag> flags, Instant from, Instant to) {
        long count = 0;
        for (Flag flag : flags) {
            if (!flag.raisedAt().isBefore(from)
                    && flag.raisedAt().isBefore(to)
                    && (c.product != null
                            ? productOf(flag.articleId())
                                    .filter(c.product.name::equals)
                                    .isPresent()
                            : flag.articleId().equals(c.flagged.article))
                    && (c.reason == null || c.reason == flag.reason())) {
                count++;
            }
        }
        return count;
    }

    /**
     * What the flags of an article (or product) lead to expect in the window: its own flags per window in the
     * baseline, one added, times the rise of the rest of the knowledge base's flags when those reached the minimum
     * count in the window (so that a wave across everything raises every expectation alike).
     */
    private static double flagsExpected(
            long count, long base, long totalNow, long totalBefore, double perWindow, EmergingIssueSettings settings) {
        double own = (base + 1) * perWindow;
        long restNow = totalNow - count;
        long restBefore = totalBefore - base;
        double surge = restNow >= settings.minimumCount() ? restNow / ((restBefore + 1) * perWindow) : 1;
        return own * Math.max(1, surge);
    }

    /**
     * The rising flags candidates that are not an article's (or product's) one flags issue: of the candidates about
     * one article or product, the most improbable of those naming a reason when any rose (the reason that rose),
     * otherwise the one of all its flags.
     */
    private static List<Candidate> flagsOfOneReasonAtMost(List<Candidate> rising) {
        var kept = new HashMap<Object, Candidate>();
        for (Candidate c : rising) {
            if (c.kind != EmergingIssue.Kind.FLAGS) {
                continue;
            }
            kept.merge(c.subject(), c, (a, b) -> {
                if ((a.reason == null) != (b.reason == null)) {
                    return a.reason != null ? a : b;
                }
                return b.probability < a.probability ? b : a;
            });
        }
        var dropped = new ArrayList<Candidate>();
        for (Candidate c : rising) {
            if (c.kind == EmergingIssue.Kind.FLAGS && kept.get(c.subject()) != c) {
                dropped.add(c);
            }
        }
        return dropped;
    }

    /**
     * The rising candidates a product-level one covers (see {@link EmergingIssue}): its kind's article-level
     * candidates, and for reuse the search groups answered mostly by its articles; or the product-level candidate
     * itself, when one of its articles rose on its own and carries at least half of its count.
     */
    private static Set<Candidate> coveredByProducts(List<Candidate> rising, List<AnsweredQuery> answers) {
        var covered = new HashSet<Candidate>();
        for (Candidate p : rising) {
            if (p.product == null) {
                continue;
            }
            Map<ArticleId, Long> byArticle =
                    p.kind == EmergingIssue.Kind.REUSE ? p.product.answersByArticle : p.product.flagsByArticle;
            List<Candidate> ofIt = rising.stream()
                    .filter(c -> c.kind == p.kind && c.product == null && byArticle.containsKey(c.article()))
                    .toList();
            if (ofIt.stream().anyMatch(c -> 2 * c.count >= p.count)) {
                covered.add(p);
                continue;
            }
            covered.addAll(ofIt);
            if (p.kind == EmergingIssue.Kind.REUSE) {
                for (Candidate g : rising) {
                    if (g.kind == EmergingIssue.Kind.SEARCHES && answeredMostlyBy(g.group, byArticle, answers)) {
                        covered.add(g);
                    }
                }
            }
        }
        return covered;
    }

    /** Whether more than half of the group's searches in the window were answered by one of {@code articles}. */
    private static boolean answeredMostlyBy(Group g, Map<ArticleId, Long> articles, List<AnsweredQuery> answers) {
        long answered = 0;
        for (AnsweredQuery a : answers) {
            if (articles.containsKey(a.article()) && g.queries.containsKey(a.query())) {
                answered += a.answers();
            }
        }
        return 2 * answered > g.searches;
    }

    /** Reads the products of those of {@code ids} not remembered yet in one {@link Articles#products} call. */
    private void prefetchProducts(List<ArticleId> ids) {
        var missing = new LinkedHashSet<ArticleId>();
        synchronized (wordCache) {
            for (ArticleId id : ids) {
                if (!productCache.containsKey(id)) {
                    missing.add(id);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<ArticleId, Optional<String>> read = articles.products(missing);
        synchronized (wordCache) {
            if (productCache.size() + missing.size() > WORD_CACHE) {
                productCache.clear();
            }
            for (ArticleId id : missing) {
                productCache.put(
                        id,
                        read.getOrDefault(id, Optional.empty())
                                .map(String::strip)
                                .filter(p -> !p.isEmpty()));
            }
        }
    }

    /** The product of an article the viewer may read, remembered until the baseline is read again. */
    private Optional<String> productOf(ArticleId id) {
        synchronized (wordCache) {
            Optional<String> cached = productCache.get(id);
            if (cached != null) {
                return cached;
            }
        }
        Optional<String> product = articles.product(id).map(String::strip).filter(p -> !p.isEmpty());
        synchronized (wordCache) {
            if (productCache.size() >= WORD_CACHE) {
                productCache.clear();
            }
            productCache.put(id, product);
        }
        return product;
    }

    /**
     * The baseline's reports, and the window they cover; the reports of the searches made for one product are read
     * when first needed and kept with them.
     */
    private record Baseline(
            ReportQuery window,
            List<QueryCount> queries,
            List<ContentGap> gaps,
            List<AnsweredQuery> answers,
            Map<String, Baseline> byProduct) {
        Baseline(ReportQuery window, List<QueryCount> queries, List<ContentGap> gaps, List<AnsweredQuery> answers) {
            this(window, queries, gaps, answers, new java.util.concurrent.ConcurrentHashMap<>());
        }

        /** The top queries and content gaps of the searches made for {@code product} in the baseline. */
        Baseline of(String product, SearchAnalytics analytics) {
            Baseline cached = byProduct.get(product);
            if (cached == null) {
                ReportQuery q = window.withProduct(product);
                cached = new Baseline(q, analytics.topQueries(q), analytics.contentGaps(q), List.of(), Map.of());
                byProduct.put(product, cached);
            }
            return cached;
        }
    }

    /**
     * The searches of one product (or, with a null product, of no product checked on its own) in the window and in
     * the baseline, and the searches assumed of a group without a baseline row when the baseline report was cut.
     */
    private record Scope(String product, List<Row> current, List<Row> baseline, long searchFloor, long gapFloor) {}

    /** The searches assumed of a group without a row in {@code queries}: the last row's when the report was cut. */
    private static long floor(List<QueryCount> queries) {
        return queries.size() == ReportQuery.MAX_LIMIT ? queries.getLast().searches() : 0;
    }

    private static long gapFloor(List<ContentGap> gaps) {
        return gaps.size() == ReportQuery.MAX_LIMIT ? gaps.getLast().searches() : 0;
    }

    /** The rows of {@code all} less those of {@code parts} (by query and language), without the rows left empty. */
    private static List<Row> subtract(List<Row> all, List<List<Row>> parts) {
        if (parts.isEmpty()) {
            return all;
        }
        record Key(String query, Locale language) {}
        var taken = new HashMap<Key, long[]>();
        for (List<Row> part : parts) {
            for (Row row : part) {
                long[] t = taken.computeIfAbsent(new Key(row.query(), row.language()), k -> new long[2]);
                t[0] += row.searches();
                t[1] += row.gaps();
            }
        }
        var rest = new ArrayList<Row>(all.size());
        for (Row row : all) {
            long[] t = taken.get(new Key(row.query(), row.language()));
            if (t == null) {
                rest.add(row);
                continue;
            }
            long searches = Math.max(0, row.searches() - t[0]);
            long gaps = Math.min(searches, Math.max(0, row.gaps() - t[1]));
            if (searches > 0) {
                rest.add(new Row(row.query(), row.language(), searches, gaps));
            }
        }
        return rest;
    }

    /**
     * The baseline's reports: read again when the window has moved on by a quarter of a window or more since they
     * were read, otherwise the last ones. The baseline is days long and only its shares count, so a baseline some
     * minutes old tells the same, and periodic checks do not aggregate a week of events every few minutes.
     */
    private Baseline baseline(ReportQuery wanted, EmergingIssueSettings settings) {
        synchronized (wordCache) {
            Baseline cached = lastBaseline;
            if (cached != null
                    && Duration.between(cached.window().from(), cached.window().to())
                            .equals(settings.baseline())
                    && !cached.window().to().isAfter(wanted.to())
                    && Duration.between(cached.window().to(), wanted.to())
                                    .compareTo(settings.window().dividedBy(4))
                            < 0) {
                return cached;
            }
        }
        var fresh = new Baseline(
                wanted, analytics.topQueries(wanted), analytics.contentGaps(wanted), analytics.answeredQueries(wanted));
        synchronized (wordCache) {
            lastBaseline = fresh;
            productCache.clear();
        }
        return fresh;
    }

    /** One normalised query and language with its searches and unanswered searches in a report's window. */
    private record Row(String query, Locale language, long searches, long gaps) {}

    private static List<Row> rows(List<QueryCount> queries, List<ContentGap> gaps) {
        record Key(String query, Locale language) {}
        var searches = new LinkedHashMap<Key, long[]>();
        for (QueryCount q : queries) {
            if (q.searches() > 0) {
                searches.computeIfAbsent(new Key(q.query(), q.language()), k -> new long[2])[0] += q.searches();
            }
        }
        for (ContentGap g : gaps) {
            searches.computeIfAbsent(new Key(g.query(), g.language()), k -> new long[2])[1] += g.searches();
        }
        var rows = new ArrayList<Row>(searches.size());
        searches.forEach((k, v) -> rows.add(new Row(k.query(), k.language(), Math.max(v[0], v[1]), v[1])));
        // Most searched first, so that a group is named after (and keyed by) its most frequent query.
        rows.sort(Comparator.comparingLong(Row::searches).reversed().thenComparing(Row::query));
        return rows;
    }

    private static long total(List<QueryCount> queries) {
        long total = 0;
        for (QueryCount q : queries) {
            total += q.searches();
        }
        return total;
    }

    private List<String> wordsOf(Row row) {
        String key = row.language().toLanguageTag() + '\u0000' + row.query();
        synchronized (wordCache) {
            List<String> cached = wordCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<String> analysed = words.of(row.query(), row.language());
        List<String> result = analysed.isEmpty() ? List.of(row.query()) : List.copyOf(new LinkedHashSet<>(analysed));
        synchronized (wordCache) {
            if (wordCache.size() >= WORD_CACHE) {
                wordCache.clear();
            }
            wordCache.put(key, result);
        }
        return result;
    }

    /** A group of similar queries, found through the first three letters of its words. */
    private final class Groups {
        private final double similarity;
        private final String product;
        private final List<Group> all = new ArrayList<>();
        private final Map<String, List<Group>> byPrefix = new HashMap<>();

        Groups(double similarity, String product) {
            this.similarity = similarity;
            this.product = product;
        }

        /** Adds a row to the most similar group; a row of the window starts a group when none is similar enough. */
        void add(Row row, boolean current) {
            List<String> words = wordsOf(row);
            Group best = null;
            double bestSimilarity = 0;
            var seen = new HashSet<Group>();
            for (String word : words) {
                for (Group g : byPrefix.getOrDefault(prefix(word), List.of())) {
                    if (seen.add(g)) {
                        double s = QueryWords.similarity(words, g.words);
                        if (s >= similarity && s > bestSimilarity) {
                            best = g;
                            bestSimilarity = s;
                        }
                    }
                }
            }
            if (best == null) {
                if (!current) {
                    return;
                }
                best = new Group(row.query(), row.language(), words, product);
                all.add(best);
                for (String word : words) {
                    byPrefix.computeIfAbsent(prefix(word), p -> new ArrayList<>())
                            .add(best);
                }
            }
            if (current) {
                best.searches += row.searches();
                best.gaps += row.gaps();
                best.queries.merge(row.query(), row.searches(), Long::sum);
                best.queryWords.putIfAbsent(row.query(), words);
            } else {
                best.baseSearches += row.searches();
                best.baseGaps += row.gaps();
            }
        }

        List<Group> current() {
            return all;
        }

        private static String prefix(String word) {
            return word.length() <= 3 ? word : word.substring(0, 3);
        }
    }

    private static final class Group {
        String label;
        final Locale language;
        final List<String> words;
        /** The product the group's searches were made for, or null for searches of no product checked apart. */
        final String product;

        final Map<String, Long> queries = new HashMap<>();
        final Map<String, List<String>> queryWords = new HashMap<>();
        long searches;
        long gaps;
        long baseSearches;
        long baseGaps;

        Group(String label, Locale language, List<String> words, String product) {
            this.label = label;
            this.language = language;
            this.words = words;
            this.product = product;
        }
    }

    private static final class Reuse {
        final ArticleId article;
        final Map<String, Long> queries = new HashMap<>();
        Locale language = Locale.ROOT;
        long answers;
        long baseAnswers;

        Reuse(ArticleId article) {
            this.article = article;
        }

        void add(AnsweredQuery answer, boolean current) {
            if (current) {
                if (answers == 0) {
                    language = answer.language();
                }
                answers += answer.answers();
                queries.merge(answer.query(), answer.answers(), Long::sum);
            } else {
                baseAnswers += answer.answers();
            }
        }
    }

    /**
     * The query that names a group best: the one whose exact words the group's searches share most (each query's
     * word overlap with every query of the group, weighted by its searches). A typo matches its neighbours only
     * loosely, never exactly, so a correctly spelt query names the group even when a typo was typed as often. Then
     * the most searched, the shortest, the first in order.
     */
    private static String label(Group g) {
        String best = g.label;
        double bestScore = -1;
        for (var candidate : g.queries.entrySet()) {
            Set<String> words = new HashSet<>(g.queryWords.getOrDefault(candidate.getKey(), List.of()));
            double score = 0;
            for (var other : g.queries.entrySet()) {
                List<String> otherWords = g.queryWords.getOrDefault(other.getKey(), List.of());
                long shared = otherWords.stream().filter(words::contains).count();
                long union = words.size() + otherWords.size() - shared;
                score += other.getValue() * (union == 0 ? 0 : shared / (double) union);
            }
            if (score > bestScore + 1e-9
                    || (Math.abs(score - bestScore) <= 1e-9 && better(candidate.getKey(), best, g.queries))) {
                best = candidate.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean better(String a, String b, Map<String, Long> counts) {
        int byCount = Long.compare(counts.getOrDefault(a, 0L), counts.getOrDefault(b, 0L));
        if (byCount != 0) {
            return byCount > 0;
        }
        if (a.length() != b.length()) {
            return a.length() < b.length();
        }
        return a.compareTo(b) < 0;
    }

    /** A share of the baseline's searches, one added to both so that a group without a baseline row has one. */
    private static double share(long count, long total) {
        return Math.min(1, (count + 1.0) / (total + 1.0));
    }

    /** An article's flags: raised in the window and in the baseline, all together and per reason. */
    private static final class Flagged {
        final ArticleId article;
        /** Per reason: raised in the window, in the baseline. */
        final Map<FlagReason, long[]> byReason = new EnumMap<>(FlagReason.class);

        long count;
        long base;

        Flagged(ArticleId article) {
            this.article = article;
        }

        void add(FlagReason reason, boolean inBaseline) {
            byReason.computeIfAbsent(reason, r -> new long[2])[inBaseline ? 1 : 0]++;
            if (inBaseline) {
                base++;
            } else {
                count++;
            }
        }
    }

    /** A product's answered searches and flags, in the window per article and query, and in the baseline. */
    private static final class Product {
        final String name;
        final Map<ArticleId, Long> answersByArticle = new HashMap<>();
        final Map<ArticleId, Long> flagsByArticle = new HashMap<>();
        /** Per reason: flags raised in the window, in the baseline. */
        final Map<FlagReason, long[]> flagsByReason = new EnumMap<>(FlagReason.class);
        /** Per reason: the articles flagged for it in the window. */
        final Map<FlagReason, Set<ArticleId>> articlesByReason = new EnumMap<>(FlagReason.class);

        final Map<String, Long> queries = new HashMap<>();
        Locale language = Locale.ROOT;
        long answers;
        long baseAnswers;
        long flags;
        long baseFlags;

        Product(String name) {
            this.name = name;
        }

        void answered(AnsweredQuery answer) {
            if (answers == 0) {
                language = answer.language();
            }
            answers += answer.answers();
            answersByArticle.merge(answer.article(), answer.answers(), Long::sum);
            queries.merge(answer.query(), answer.answers(), Long::sum);
        }

        void flagged(Flagged f) {
            flags += f.count;
            flagsByArticle.merge(f.article, f.count, Long::sum);
            f.byReason.forEach((reason, counts) -> {
                if (counts[0] > 0) {
                    flagsByReason.computeIfAbsent(reason, r -> new long[2])[0] += counts[0];
                    articlesByReason
                            .computeIfAbsent(reason, r -> new HashSet<>())
                            .add(f.article);
                }
            });
        }
    }

    private static final class Candidate {
        final EmergingIssue.Kind kind;
        final Group group;
        final Reuse reuse;
        final Flagged flagged;
        final Product product;
        /** The reason of the flags a {@link EmergingIssue.Kind#FLAGS} candidate counts, or null for every reason. */
        final FlagReason reason;

        final long count;
        final long trials;
        final double share;
        final double expected;
        /** Tested against {@link #expected} alone (Poisson) rather than as a share of the window's searches. */
        final boolean poisson;

        double probability;

        Candidate(EmergingIssue.Kind kind, Group group, Reuse reuse, long count, long trials, double share) {
            this(kind, group, reuse, null, null, null, count, trials, share, Math.max(trials, count) * share, false);
        }

        private Candidate(
                EmergingIssue.Kind kind,
                Group group,
                Reuse reuse,
                Flagged flagged,
                Product product,
                FlagReason reason,
                long count,
                long trials,
                double share,
                double expected,
                boolean poisson) {
            this.kind = kind;
            this.group = group;
            this.reuse = reuse;
            this.flagged = flagged;
            this.product = product;
            this.reason = reason;
            this.count = count;
            this.trials = trials;
            this.share = share;
            this.expected = expected;
            this.poisson = poisson;
        }

        static Candidate product(EmergingIssue.Kind kind, Product product, long count, long trials, double share) {
            return new Candidate(
                    kind,
                    null,
                    null,
                    null,
                    product,
                    null,
                    count,
                    trials,
                    share,
                    Math.max(trials, count) * share,
                    false);
        }

        static Candidate flags(Flagged flagged, Product product, FlagReason reason, long count, double expected) {
            return new Candidate(
                    EmergingIssue.Kind.FLAGS, null, null, flagged, product, reason, count, 0, 0, expected, true);
        }

        /** The article of an article-level reuse or flags candidate, or null. */
        ArticleId article() {
            return reuse != null ? reuse.article : flagged != null ? flagged.article : null;
        }

        /** The flags the candidate counts in the baseline: of its reason, or all. */
        long baseFlags() {
            if (reason != null) {
                long[] counts = (product != null ? product.flagsByReason : flagged.byReason).get(reason);
                return counts == null ? 0 : counts[1];
            }
            return product != null ? product.baseFlags : flagged.base;
        }

        /**
         * The reason a flags issue names: the candidate's own, or for one of all flags, the one reason of all of them
         * in the window, if they have one; null otherwise.
         */
        FlagReason namedReason() {
            if (reason != null || kind != EmergingIssue.Kind.FLAGS) {
                return reason;
            }
            FlagReason only = null;
            for (var e : (product != null ? product.flagsByReason : flagged.byReason).entrySet()) {
                if (e.getValue()[0] > 0) {
                    if (only != null) {
                        return null;
                    }
                    only = e.getKey();
                }
            }
            return only;
        }

        /** The product the candidate names: its searches' product or its product; null for none (or an article). */
        String productName() {
            if (group != null) {
                return group.product;
            }
            if (product != null) {
                return product.name;
            }
            return null;
        }

        /** The article or product a flags candidate is about. */
        Object subject() {
            return product != null ? product : flagged;
        }

        boolean countsAnswers() {
            return kind == EmergingIssue.Kind.REUSE;
        }
    }
}
