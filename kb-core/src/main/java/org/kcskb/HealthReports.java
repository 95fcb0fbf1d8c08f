package org.kcskb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.browse.TimeRange;
import org.kcskb.health.ArticleHealth;
import org.kcskb.health.AuthorHealth;
import org.kcskb.health.CaseClosure;
import org.kcskb.health.CaseStats;
import org.kcskb.health.ContributionHealth;
import org.kcskb.health.FlagActivity;
import org.kcskb.health.HealthReport;
import org.kcskb.health.QualityIndex;
import org.kcskb.health.TeamHealth;
import org.kcskb.health.Trend;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.store.spi.ArticleActivity;

/**
 * Computes a {@link HealthReport} in one pass over the store's articles ({@link
 * org.kcskb.store.spi.ArticleStore#scanActivity}) and the window's case closures, read before the pass: O(articles +
 * links + flags + feedback + closures) time, memory for one tally per author, the ids the closures name and a heap of
 * the request's article limit. Not thread-safe; one per report.
 */
final class HealthReports implements Consumer<ArticleActivity> {
    /** Lowest AQI first, then most flags open now, then by id: the articles that most need work first. */
    static final Comparator<ArticleHealth> NEEDS_WORK_FIRST = Comparator.comparingDouble(ArticleHealth::aqi)
            .thenComparing(
                    Comparator.comparingInt((ArticleHealth a) -> a.flags().openNow())
                            .reversed())
            .thenComparing(ArticleHealth::id);

    private final Visibility visibility;
    private final QualityIndex quality;
    private final TimeRange window;
    private final TimeRange previous;
    /** The bounds of {@link #window} and {@link #previous}: the previous window ends where the window starts. */
    private final Instant previousFrom;

    private final Instant from;
    private final Instant to;
    private final Instant asOf;
    private final int articleLimit;

    /** The articles the window's case closures name, as given to the constructor. */
    private final Set<ArticleId> named;
    /** Of {@link #named}, those the reader may read. */
    private final Set<ArticleId> visible = new HashSet<>();

    private final List<CaseClosure> closures;
    private final Map<String, Tally> authors = new HashMap<>();
    private final Tally total = new Tally();
    /** The kept articles, the one that needs work least at the head, so that it is the one to drop. */
    private final PriorityQueue<ArticleHealth> kept;

    HealthReports(
            Visibility visibility,
            QualityIndex quality,
            TimeRange window,
            TimeRange previous,
            Instant asOf,
            int articleLimit,
            List<CaseClosure> closures) {
        this.closures = List.copyOf(closures);
        var named = new HashSet<ArticleId>();
        for (CaseClosure closure : this.closures) {
            named.addAll(closure.linked());
        }
        this.named = named;
        this.visibility = visibility;
        this.quality = quality;
        this.window = window;
        this.previous = previous;
        this.previousFrom = previous.from().orElseThrow();
        this.from = window.from().orElseThrow();
        this.to = window.to().orElseThrow();
        if (!previous.to().orElseThrow().equals(from)) {
            throw new IllegalArgumentException(
                    "The previous window " + previous + " must end where " + window + " starts");
        }
        this.asOf = asOf;
        this.articleLimit = articleLimit;
        this.kept = new PriorityQueue<>(Math.max(1, articleLimit + 1), NEEDS_WORK_FIRST.reversed());
    }

    @Override
    public void accept(ArticleActivity activity) {
        Article article = activity.article();
        if (!visibility.permits(article)) {
            return;
        }
        if (named.contains(article.id())) {
            visible.add(article.id());
        }
        List<String> failed = quality.failed(article);
        double aqi = quality.score(failed.size());
        Tally author = authors.computeIfAbsent(article.author(), k -> new Tally());

        var flags = new Tally();
        for (Flag flag : activity.flags()) {
            if (inWindow(flag.raisedAt())) {
                flags.flagsRaised++;
                flags.raisedByReason[flag.reason().ordinal()]++;
            }
            Optional<Flag.Resolution> resolution = flag.resolution();
            if (resolution.isPresent() && inWindow(resolution.get().resolvedAt())) {
                flags.flagsResolved++;
                flags.turnaroundMillis += Math.max(
                        0,
                        Duration.between(flag.raisedAt(), resolution.get().resolvedAt())
                                .toMillis());
            }
            if (!flag.raisedAt().isAfter(asOf)
                    && (resolution.isEmpty() || resolution.get().resolvedAt().isAfter(asOf))) {
                flags.flagsOpenNow++;
                flags.openByReason[flag.reason().ordinal()]++;
            }
        }
        long reuse = 0;
        long reusePrevious = 0;
        long byOthers = 0;
        long byOthersPrevious = 0;
        for (CaseLink link : activity.links()) {
            boolean other = !link.linkedBy().equals(article.author());
            if (inWindow(link.linkedAt())) {
                reuse++;
                byOthers += other ? 1 : 0;
            } else if (inPrevious(link.linkedAt())) {
                reusePrevious++;
                byOthersPrevious += other ? 1 : 0;
            }
        }
        long helpful = 0;
        long helpfulPrevious = 0;
        long unhelpful = 0;
        long unhelpfulPrevious = 0;
        for (Feedback feedback : activity.feedback()) {
            if (inWindow(feedback.givenAt())) {
                if (feedback.helpful()) {
                    helpful++;
                } else {
                    unhelpful++;
                }
            } else if (inPrevious(feedback.givenAt())) {
                if (feedback.helpful()) {
                    helpfulPrevious++;
                } else {
                    unhelpfulPrevious++;
                }
            }
        }

        for (Tally tally : new Tally[] {author, total}) {
            tally.articles++;
            tally.created += inWindow(article.created()) ? 1 : 0;
            tally.aqiSum += aqi;
            tally.articlesReusedByOthers += byOthers > 0 ? 1 : 0;
            tally.reusesByOthers += byOthers;
            tally.reusesByOthersPrevious += byOthersPrevious;
            tally.addFlags(flags);
        }

        if (articleLimit == 0
                || (kept.size() == articleLimit
                        && !needsMoreWork(aqi, flags.flagsOpenNow, article.id(), kept.peek()))) {
            return;
        }
        var health = new ArticleHealth(
                article.id(),
                article.title(),
                article.state(),
                article.audience(),
                article.author(),
                article.created(),
                aqi,
                failed,
                flags.flagActivity(),
                new Trend(reuse, reusePrevious),
                new Trend(helpful, helpfulPrevious),
                new Trend(unhelpful, unhelpfulPrevious));
        if (kept.size() == articleLimit) {
            kept.poll();
        }
        kept.add(health);
    }

    /** Whether {@code at} lies in the window. */
    private boolean inWindow(Instant at) {
        return at.compareTo(from) >= 0 && at.isBefore(to);
    }

    /** Whether {@code at} lies in the previous window. */
    private boolean inPrevious(Instant at) {
        return at.compareTo(previousFrom) >= 0 && at.isBefore(from);
    }

    /** Whether an article with these figures comes before {@code other} in {@link #NEEDS_WORK_FIRST} order. */
    private static boolean needsMoreWork(double aqi, int openNow, ArticleId id, ArticleHealth other) {
        int byAqi = Double.compare(aqi, other.aqi());
        if (byAqi != 0) {
            return byAqi < 0;
        }
        if (openNow != other.flags().openNow()) {
            return openNow > other.flags().openNow();
        }
        return id.compareTo(other.id()) < 0;
    }

    /** Counts the closures of the window, then assembles the report; call after the pass over the articles. */
    HealthReport report(Map<String, Set<String>> teams) {
        for (CaseClosure closure : closures) {
            if (!inWindow(closure.closed())) {
                continue;
            }
            boolean linked = closure.linked().stream().anyMatch(visible::contains);
            boolean captured = closure.captured().stream().anyMatch(visible::contains);
            for (Tally tally : new Tally[] {authors.computeIfAbsent(closure.closedBy(), k -> new Tally()), total}) {
                tally.casesClosed++;
                if (linked) {
                    tally.casesLinked++;
                    if (captured) {
                        tally.casesNew++;
                    } else {
                        tally.casesKnown++;
                    }
                }
            }
        }
        var articles = new ArrayList<>(kept);
        articles.sort(NEEDS_WORK_FIRST);
        var authorHealth = new ArrayList<AuthorHealth>(authors.size());
        for (Map.Entry<String, Tally> author : new TreeMap<>(authors).entrySet()) {
            authorHealth.add(new AuthorHealth(author.getKey(), author.getValue().contribution()));
        }
        var teamHealth = new ArrayList<TeamHealth>(teams.size());
        for (Map.Entry<String, Set<String>> team : new TreeMap<>(teams).entrySet()) {
            var tally = new Tally();
            for (String member : team.getValue()) {
                Tally of = authors.get(member);
                if (of != null) {
                    tally.add(of);
                }
            }
            teamHealth.add(new TeamHealth(team.getKey(), team.getValue(), tally.contribution()));
        }
        return new HealthReport(
                window,
                previous,
                asOf,
                quality.names(),
                total.articles,
                total.averageAqi(),
                total.flagActivity(),
                total.caseStats(),
                articles,
                authorHealth,
                teamHealth);
    }

    /** Running counts of one article, one author, a team or everything. */
    private static final class Tally {
        private static final FlagReason[] REASONS = FlagReason.values();

        int articles;
        int created;
        int articlesReusedByOthers;
        long reusesByOthers;
        long reusesByOthersPrevious;
        double aqiSum;
        int flagsRaised;
        int flagsResolved;
        int flagsOpenNow;
        long turnaroundMillis;
        /** {@link #flagsRaised} and {@link #flagsOpenNow} by {@link FlagReason#ordinal()}. */
        final int[] raisedByReason = new int[REASONS.length];

        final int[] openByReason = new int[REASONS.length];
        int casesClosed;
        int casesLinked;
        int casesNew;
        int casesKnown;

        void addFlags(Tally other) {
            flagsRaised += other.flagsRaised;
            flagsResolved += other.flagsResolved;
            flagsOpenNow += other.flagsOpenNow;
            turnaroundMillis += other.turnaroundMillis;
            for (int r = 0; r < REASONS.length; r++) {
                raisedByReason[r] += other.raisedByReason[r];
                openByReason[r] += other.openByReason[r];
            }
        }

        void add(Tally other) {
            articles += other.articles;
            created += other.created;
            articlesReusedByOthers += other.articlesReusedByOthers;
            reusesByOthers += other.reusesByOthers;
            reusesByOthersPrevious += other.reusesByOthersPrevious;
            aqiSum += other.aqiSum;
            addFlags(other);
            casesClosed += other.casesClosed;
            casesLinked += other.casesLinked;
            casesNew += other.casesNew;
            casesKnown += other.casesKnown;
        }

        OptionalDouble averageAqi() {
            return articles == 0 ? OptionalDouble.empty() : OptionalDouble.of(aqiSum / articles);
        }

        FlagActivity flagActivity() {
            if (flagsRaised == 0 && flagsResolved == 0 && flagsOpenNow == 0) {
                return FlagActivity.none();
            }
            return new FlagActivity(
                    flagsRaised,
                    flagsResolved,
                    flagsOpenNow,
                    flagsResolved == 0
                            ? Optional.empty()
                            : Optional.of(Duration.ofMillis(turnaroundMillis / flagsResolved)),
                    byReason(raisedByReason),
                    byReason(openByReason));
        }

        private static Map<FlagReason, Integer> byReason(int[] counts) {
            var map = new EnumMap<FlagReason, Integer>(FlagReason.class);
            for (int r = 0; r < REASONS.length; r++) {
                if (counts[r] > 0) {
                    map.put(REASONS[r], counts[r]);
                }
            }
            return map;
        }

        CaseStats caseStats() {
            return new CaseStats(casesClosed, casesLinked, casesNew, casesKnown);
        }

        ContributionHealth contribution() {
            return new ContributionHealth(
                    articles,
                    created,
                    articlesReusedByOthers,
                    new Trend(reusesByOthers, reusesByOthersPrevious),
                    averageAqi(),
                    flagActivity(),
                    caseStats());
        }
    }
}
