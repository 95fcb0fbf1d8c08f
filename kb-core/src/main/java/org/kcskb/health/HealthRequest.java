package org.kcskb.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.kcskb.InvalidInputException;
import org.kcskb.browse.TimeRange;

/**
 * What a {@linkplain org.kcskb.KnowledgeBase#health content health report} covers. Immutable; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * HealthRequest request = HealthRequest.builder()
 *         .last(Duration.ofDays(30))
 *         .team("Printing", Set.of("agent-1", "agent-2"))
 *         .team("Network", Set.of("agent-3"))
 *         .articleLimit(50)
 *         .build();
 * }</pre>
 *
 * <p><b>Teams.</b> The knowledge base knows actors, not teams: the host passes its own mapping from team name to the
 * actor ids of the members, as of the report (an actor may be in several teams, or in none; a team's figures are its
 * members' together). Teams are listed in name order.
 *
 * <p>There is no public constructor: build one with the builder, so that a new setting can be added
 * without breaking callers.
 */
public final class HealthRequest {
    private final Optional<TimeRange> window;
    private final Duration last;
    private final Map<String, Set<String>> teams;
    private final int articleLimit;
    private final Optional<QualityIndex> quality;

    /** The default window: the last 30 days. */
    public static final Duration DEFAULT_LAST = Duration.ofDays(30);
    /** The longest window, about ten years. */
    public static final Duration MAX_WINDOW = Duration.ofDays(3653);
    /** The default {@link #articleLimit()}. */
    public static final int DEFAULT_ARTICLE_LIMIT = 100;
    /** The largest {@link #articleLimit()}. */
    public static final int MAX_ARTICLE_LIMIT = 10_000;
    /** The most teams a request may define. */
    public static final int MAX_TEAMS = 1_000;
    /** The most members one team may have. */
    public static final int MAX_TEAM_MEMBERS = 10_000;

    private HealthRequest(
            Optional<TimeRange> window,
            Duration last,
            Map<String, Set<String>> teams,
            int articleLimit,
            Optional<QualityIndex> quality) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(teams, "teams");
        Objects.requireNonNull(quality, "quality");
        if (window.isPresent()) {
            TimeRange range = window.get();
            if (range.from().isEmpty() || range.to().isEmpty()) {
                throw new InvalidInputException(
                        "window",
                        range,
                        "give both ends, for example TimeRange.between(from, to): the trends compare the window"
                                + " with the one before it of the same length");
            }
            if (Duration.between(range.from().get(), range.to().get()).compareTo(MAX_WINDOW) > 0) {
                throw new InvalidInputException("window", range, "at most " + MAX_WINDOW.toDays() + " days long");
            }
        }
        if (last.isNegative() || last.isZero() || last.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(
                    "last", last, "give a positive duration of at most " + MAX_WINDOW.toDays() + " days");
        }
        if (articleLimit < 0 || articleLimit > MAX_ARTICLE_LIMIT) {
            throw new InvalidInputException(
                    "articleLimit", articleLimit, "use 0 (no articles, only totals) to " + MAX_ARTICLE_LIMIT);
        }
        if (teams.size() > MAX_TEAMS) {
            throw new InvalidInputException(
                    "teams", teams.size() + " teams", "at most " + MAX_TEAMS + " teams; report on fewer at a time");
        }
        var copy = new TreeMap<String, Set<String>>();
        for (Map.Entry<String, Set<String>> team : teams.entrySet()) {
            copy.put(checkTeam(team.getKey()), checkMembers(team.getKey(), team.getValue()));
        }
        teams = java.util.Collections.unmodifiableMap(copy);
        this.window = window;
        this.last = last;
        this.teams = teams;
        this.articleLimit = articleLimit;
        this.quality = quality;
    }

    /** Returns the request for the last 30 days, without teams, with up to 100 articles and the default index. */
    public static HealthRequest defaults() {
        return builder().build();
    }

    /** Starts a request with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the report's window: {@link #window()}, or the {@link #last()} duration up to {@code asOf} (exclusive).
     */
    public TimeRange windowAt(Instant asOf) {
        return window.orElseGet(() -> TimeRange.between(asOf.minus(last), asOf));
    }

    /** Returns the window before {@code window}, of the same length, ending where it starts. */
    public static TimeRange previous(TimeRange window) {
        Instant from = window.from().orElseThrow();
        Duration length = Duration.between(from, window.to().orElseThrow());
        return TimeRange.between(from.minus(length), from);
    }

    private static String checkTeam(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > 128
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("team", name, "name a team with 1 to 128 printable characters");
        }
        return name;
    }

    private static Set<String> checkMembers(String team, Set<String> members) {
        if (members == null || members.isEmpty()) {
            throw new InvalidInputException(
                    "team " + team, members, "list at least one actor id as a member, or leave the team out");
        }
        if (members.size() > MAX_TEAM_MEMBERS) {
            throw new InvalidInputException(
                    "team " + team, members.size() + " members", "at most " + MAX_TEAM_MEMBERS + " members");
        }
        for (String member : members) {
            if (member == null
                    || member.isBlank()
                    || member.length() > 128
                    || member.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException(
                        "member of team " + team, member, "use actor ids: 1 to 128 printable characters");
            }
        }
        return Set.copyOf(members);
    }

    /** Builds a {@link HealthRequest}; not thread-safe. Invalid values fail in {@link #build()}. */
    public static final class Builder {
        private Optional<TimeRange> window = Optional.empty();
        private Duration last = DEFAULT_LAST;
        private final Map<String, Set<String>> teams = new LinkedHashMap<>();
        private int articleLimit = DEFAULT_ARTICLE_LIMIT;
        private Optional<QualityIndex> quality = Optional.empty();

        private Builder() {}

        /** Sets a fixed window, both ends set (replaces {@link #last}). */
        public Builder window(TimeRange window) {
            this.window = Optional.of(Objects.requireNonNull(window, "window"));
            return this;
        }

        /** Sets the window to the {@code last} duration before the report's as-of instant (default 30 days). */
        public Builder last(Duration last) {
            this.last = Objects.requireNonNull(last, "last");
            this.window = Optional.empty();
            return this;
        }

        /** Adds (or replaces) a team: its name and the actor ids of its members. */
        public Builder team(String name, Set<String> members) {
            teams.put(name, members);
            return this;
        }

        /** Adds every team of {@code teams}, team name to member ids. */
        public Builder teams(Map<String, Set<String>> teams) {
            this.teams.putAll(teams);
            return this;
        }

        /** Sets how many articles the report lists, lowest AQI first (default 100; 0 for totals only). */
        public Builder articleLimit(int articleLimit) {
            this.articleLimit = articleLimit;
            return this;
        }

        /** Sets the quality index (default {@link QualityIndex#kcsDefault} over the knowledge base's standard). */
        public Builder quality(QualityIndex quality) {
            this.quality = Optional.of(Objects.requireNonNull(quality, "quality"));
            return this;
        }

        public HealthRequest build() {
            return new HealthRequest(window, last, teams, articleLimit, quality);
        }
    }

    /**
     * Returns the window, both ends set; empty for the {@link #last()} duration ending at the report's as-of
     * instant.
     */
    public Optional<TimeRange> window() {
        return window;
    }

    /** Returns the length of the window ending at the report's as-of instant, used when {@code window} is empty. */
    public Duration last() {
        return last;
    }

    /** Returns the teams: team name to the actor ids of its members. */
    public Map<String, Set<String>> teams() {
        return teams;
    }

    /** Returns how many articles {@link HealthReport#articles()} lists at most, lowest AQI first. */
    public int articleLimit() {
        return articleLimit;
    }

    /**
     * Returns the quality index; empty for {@link QualityIndex#kcsDefault} over the knowledge base's content
     * standard.
     */
    public Optional<QualityIndex> quality() {
        return quality;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthRequest other
                && window.equals(other.window)
                && last.equals(other.last)
                && teams.equals(other.teams)
                && articleLimit == other.articleLimit
                && quality.equals(other.quality);
    }

    @Override
    public int hashCode() {
        return Objects.hash(window, last, teams, articleLimit, quality);
    }

    @Override
    public String toString() {
        return "HealthRequest[" + "window=" + window + ", "
                + "last=" + last + ", "
                + "teams=" + teams + ", "
                + "articleLimit=" + articleLimit + ", "
                + "quality=" + quality + "]";
    }
}
