package org.kcskb.browse;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * A paged, filtered listing of articles for {@link org.kcskb.KnowledgeBase#browse}: which articles (every filter
 * must match; an empty set or range matches everything), in which order, how many and from where. The store, not
 * the search index, answers it, so a listing is complete and current. Immutable; build with {@link #builder()}.
 *
 * <p>There is no public constructor: build one with the builder, so that a new setting can be added
 * without breaking callers.
 */
public final class BrowseRequest {
    private final Set<ArticleState> states;
    private final Set<Audience> audiences;
    private final Optional<String> author;
    private final Map<String, String> environment;
    private final Set<String> tags;
    private final Set<Locale> languages;
    private final Optional<Boolean> openFlags;
    private final int minReuseCount;
    private final Optional<Long> maxViewCount;
    private final Optional<Integer> maxFeedbackCount;
    private final TimeRange created;
    private final TimeRange updated;
    private final TimeRange lastReused;
    private final Optional<Instant> notReusedSince;
    private final TimeRange oldestOpenFlag;
    private final Sort sort;
    private final boolean descending;
    private final int limit;
    private final Optional<String> after;

    /** The most articles per page. */
    public static final int MAX_LIMIT = 100;

    /** The most values of one filter (tags, languages, environment attributes). */
    public static final int MAX_FILTER_VALUES = 32;

    /** What a listing is ordered by; ties are broken by article id. */
    public enum Sort {
        /** When the latest revision was made. */
        UPDATED(KeyType.TIME, s -> s.updated()),
        /** When the article was captured. */
        CREATED(KeyType.TIME, s -> s.created()),
        /** When the newest current case link was made; articles without links count as oldest. */
        LAST_REUSED(KeyType.TIME, s -> s.lastReused().orElse(Instant.MIN)),
        /** How many cases link the article now. */
        REUSE_COUNT(KeyType.COUNT, s -> (long) s.reuseCount()),
        /** When the oldest open flag was raised; articles without open flags count as oldest. */
        OLDEST_OPEN_FLAG(KeyType.TIME, s -> s.oldestOpenFlag().orElse(Instant.MIN)),
        /** The title, by its characters' code points. */
        TITLE(KeyType.TEXT, s -> s.title()),
        /** The article id. */
        ID(KeyType.TEXT, s -> s.id().value());

        /** The kind of value a sort key is. */
        public enum KeyType {
            TEXT,
            COUNT,
            TIME
        }

        private final KeyType keyType;
        private final Function<ArticleSummary, Comparable<?>> key;

        Sort(KeyType keyType, Function<ArticleSummary, Comparable<?>> key) {
            this.keyType = keyType;
            this.key = key;
        }

        /** Returns the kind of value this sort's key is. */
        public KeyType keyType() {
            return keyType;
        }

        /** Returns the sort key of {@code summary}: a String, a Long or an Instant, see {@link #keyType()}. */
        public Comparable<?> key(ArticleSummary summary) {
            return key.apply(summary);
        }
    }

    private BrowseRequest(
            Set<ArticleState> states,
            Set<Audience> audiences,
            Optional<String> author,
            Map<String, String> environment,
            Set<String> tags,
            Set<Locale> languages,
            Optional<Boolean> openFlags,
            int minReuseCount,
            Optional<Long> maxViewCount,
            Optional<Integer> maxFeedbackCount,
            TimeRange created,
            TimeRange updated,
            TimeRange lastReused,
            Optional<Instant> notReusedSince,
            TimeRange oldestOpenFlag,
            Sort sort,
            boolean descending,
            int limit,
            Optional<String> after) {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        audiences = audiences.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(audiences));
        Objects.requireNonNull(author, "author");
        environment = Map.copyOf(environment);
        tags = Set.copyOf(tags);
        languages = Set.copyOf(languages);
        Objects.requireNonNull(openFlags, "openFlags");
        Objects.requireNonNull(maxViewCount, "maxViewCount");
        Objects.requireNonNull(maxFeedbackCount, "maxFeedbackCount");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(lastReused, "lastReused");
        Objects.requireNonNull(notReusedSince, "notReusedSince");
        Objects.requireNonNull(oldestOpenFlag, "oldestOpenFlag");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException(
                    "limit", limit, "ask for 1 to " + MAX_LIMIT + " articles per page; page on with the cursor");
        }
        if (minReuseCount < 0) {
            throw new InvalidInputException("minReuseCount", minReuseCount, "must be 0 or more");
        }
        if (maxViewCount.isPresent() && maxViewCount.get() < 0) {
            throw new InvalidInputException("maxViewCount", maxViewCount.get(), "must be 0 or more");
        }
        if (maxFeedbackCount.isPresent() && maxFeedbackCount.get() < 0) {
            throw new InvalidInputException("maxFeedbackCount", maxFeedbackCount.get(), "must be 0 or more");
        }
        for (var entry : Map.of("tags", tags.size(), "languages", languages.size(), "environment", environment.size())
                .entrySet()) {
            if (entry.getValue() > MAX_FILTER_VALUES) {
                throw new InvalidInputException(
                        entry.getKey(), entry.getValue() + " values", "filter on at most " + MAX_FILTER_VALUES);
            }
        }
        // Decoding checks the cursor's form and that it belongs to this sort; the store gets it decoded.
        after.ifPresent(text -> BrowseCursor.decode(text, sort, descending));
        this.states = states;
        this.audiences = audiences;
        this.author = author;
        this.environment = environment;
        this.tags = tags;
        this.languages = languages;
        this.openFlags = openFlags;
        this.minReuseCount = minReuseCount;
        this.maxViewCount = maxViewCount;
        this.maxFeedbackCount = maxFeedbackCount;
        this.created = created;
        this.updated = updated;
        this.lastReused = lastReused;
        this.notReusedSince = notReusedSince;
        this.oldestOpenFlag = oldestOpenFlag;
        this.sort = sort;
        this.descending = descending;
        this.limit = limit;
        this.after = after;
    }

    /** Starts a request for every article the viewer may see, most recently updated first, 25 per page. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder with this request's values, for example to read the next page. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the decoded cursor, or empty for the first page. */
    public Optional<BrowseCursor> cursor() {
        return after.map(text -> BrowseCursor.decode(text, sort, descending));
    }

    /**
     * Returns whether an article matches every filter (not the cursor), given its summary and content: for stores
     * that filter in memory.
     */
    public boolean matches(ArticleSummary summary, ArticleContent content) {
        if (!states.isEmpty() && !states.contains(summary.state())) {
            return false;
        }
        if (!audiences.isEmpty() && !audiences.contains(summary.audience())) {
            return false;
        }
        if (author.isPresent() && !author.get().equals(summary.author())) {
            return false;
        }
        for (var entry : environment.entrySet()) {
            if (!entry.getValue().equals(content.environment().attributes().get(entry.getKey()))) {
                return false;
            }
        }
        if (!content.tags().containsAll(tags)) {
            return false;
        }
        if (!languages.isEmpty() && !languages.contains(summary.language())) {
            return false;
        }
        if (openFlags.isPresent() && openFlags.get() != (summary.openFlags() > 0)) {
            return false;
        }
        if (summary.reuseCount() < minReuseCount) {
            return false;
        }
        if (maxViewCount.isPresent() && summary.viewCount() > maxViewCount.get()) {
            return false;
        }
        if (maxFeedbackCount.isPresent() && summary.feedbackCount() > maxFeedbackCount.get()) {
            return false;
        }
        if (notReusedSince.isPresent()
                && summary.lastReused().isPresent()
                && !summary.lastReused().get().isBefore(notReusedSince.get())) {
            return false;
        }
        return created.contains(summary.created())
                && updated.contains(summary.updated())
                && lastReused.contains(summary.lastReused())
                && oldestOpenFlag.contains(summary.oldestOpenFlag());
    }

    /** Returns the order of this request: the sort key, then the id, both in the request's direction. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Comparator<ArticleSummary> comparator() {
        Comparator<ArticleSummary> ascending = (a, b) -> {
            int byKey = ((Comparable) sort.key(a)).compareTo(sort.key(b));
            return byKey != 0 ? byKey : a.id().compareTo(b.id());
        };
        return descending ? ascending.reversed() : ascending;
    }

    /** Returns whether {@code summary} comes after the cursor's position in this request's order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static boolean isAfter(ArticleSummary summary, BrowseCursor cursor) {
        int byKey = ((Comparable) cursor.sort().key(summary)).compareTo(cursor.key());
        int order = byKey != 0 ? byKey : summary.id().compareTo(cursor.id());
        return cursor.descending() ? order < 0 : order > 0;
    }

    /** Builds a {@link BrowseRequest}. */
    public static final class Builder {
        private Set<ArticleState> states = new HashSet<>();
        private Set<Audience> audiences = new HashSet<>();
        private Optional<String> author = Optional.empty();
        private Map<String, String> environment = new TreeMap<>();
        private Set<String> tags = new TreeSet<>();
        private Set<Locale> languages = new HashSet<>();
        private Optional<Boolean> openFlags = Optional.empty();
        private int minReuseCount;
        private Optional<Long> maxViewCount = Optional.empty();
        private Optional<Integer> maxFeedbackCount = Optional.empty();
        private TimeRange created = TimeRange.any();
        private TimeRange updated = TimeRange.any();
        private TimeRange lastReused = TimeRange.any();
        private Optional<Instant> notReusedSince = Optional.empty();
        private TimeRange oldestOpenFlag = TimeRange.any();
        private Sort sort = Sort.UPDATED;
        private boolean descending = true;
        private int limit = 25;
        private Optional<String> after = Optional.empty();

        private Builder() {}

        private Builder(BrowseRequest r) {
            states = new HashSet<>(r.states);
            audiences = new HashSet<>(r.audiences);
            author = r.author;
            environment = new TreeMap<>(r.environment);
            tags = new TreeSet<>(r.tags);
            languages = new HashSet<>(r.languages);
            openFlags = r.openFlags;
            minReuseCount = r.minReuseCount;
            maxViewCount = r.maxViewCount;
            maxFeedbackCount = r.maxFeedbackCount;
            created = r.created;
            updated = r.updated;
            lastReused = r.lastReused;
            notReusedSince = r.notReusedSince;
            oldestOpenFlag = r.oldestOpenFlag;
            sort = r.sort;
            descending = r.descending;
            limit = r.limit;
            after = r.after;
        }

        /** Lists only articles in these states (replacing earlier ones). */
        public Builder states(ArticleState... states) {
            this.states = new HashSet<>(Set.of(states));
            return this;
        }

        /** Lists only articles published to these audiences (replacing earlier ones). */
        public Builder audiences(Audience... audiences) {
            this.audiences = new HashSet<>(Set.of(audiences));
            return this;
        }

        /** Lists only articles captured by this actor id. */
        public Builder author(String actorId) {
            this.author = Optional.of(Objects.requireNonNull(actorId, "author"));
            return this;
        }

        /** Lists only articles whose environment has {@code key} set to {@code value}. */
        public Builder environment(String key, String value) {
            environment.put(
                    Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(value, "value").strip());
            return this;
        }

        /** Lists only articles about this product (the environment's {@code product} attribute). */
        public Builder product(String product) {
            return environment(org.kcskb.article.Environment.PRODUCT, product);
        }

        /** Lists only articles with this tag (in addition to earlier ones). */
        public Builder tag(String tag) {
            tags.add(Objects.requireNonNull(tag, "tag").strip());
            return this;
        }

        /** Lists only articles in these languages (replacing earlier ones). */
        public Builder languages(Locale... languages) {
            this.languages = new HashSet<>(Set.of(languages));
            return this;
        }

        /** Lists only articles with ({@code true}) or without ({@code false}) open flags. */
        public Builder openFlags(boolean open) {
            this.openFlags = Optional.of(open);
            return this;
        }

        /** Lists only articles linked to at least this many cases now. */
        public Builder minReuseCount(int count) {
            this.minReuseCount = count;
            return this;
        }

        /** Lists only articles viewed at most this often. */
        public Builder maxViewCount(long count) {
            this.maxViewCount = Optional.of(count);
            return this;
        }

        /** Lists only articles with at most this many votes, helpful or not. */
        public Builder maxFeedbackCount(int count) {
            this.maxFeedbackCount = Optional.of(count);
            return this;
        }

        /** Lists only articles captured within {@code range}. */
        public Builder created(TimeRange range) {
            this.created = Objects.requireNonNull(range, "created");
            return this;
        }

        /** Lists only articles whose latest revision was made within {@code range}. */
        public Builder updated(TimeRange range) {
            this.updated = Objects.requireNonNull(range, "updated");
            return this;
        }

        /** Lists only articles whose newest case link was made within {@code range}. */
        public Builder lastReused(TimeRange range) {
            this.lastReused = Objects.requireNonNull(range, "lastReused");
            return this;
        }

        /** Lists only articles no case linked at or after {@code since}, including those never linked. */
        public Builder notReusedSince(Instant since) {
            this.notReusedSince = Optional.of(Objects.requireNonNull(since, "notReusedSince"));
            return this;
        }

        /** Lists only articles whose oldest open flag was raised within {@code range}. */
        public Builder oldestOpenFlag(TimeRange range) {
            this.oldestOpenFlag = Objects.requireNonNull(range, "oldestOpenFlag");
            return this;
        }

        /** Orders by {@code sort}, descending or ascending. */
        public Builder sort(Sort sort, boolean descending) {
            this.sort = Objects.requireNonNull(sort, "sort");
            this.descending = descending;
            return this;
        }

        /** Returns at most {@code limit} articles per page, 1 to {@link #MAX_LIMIT}. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Continues after the page that returned this {@link BrowsePage#nextCursor() cursor}. */
        public Builder after(String cursor) {
            this.after = Optional.of(Objects.requireNonNull(cursor, "after"));
            return this;
        }

        /** Starts from the first page again. */
        public Builder first() {
            this.after = Optional.empty();
            return this;
        }

        /**
         * Returns the request.
         *
         * @throws InvalidInputException if the limit is out of range, a filter has too many values or the cursor
         *     is not one of {@link BrowsePage#nextCursor()} for this sort
         */
        public BrowseRequest build() {
            return new BrowseRequest(
                    states,
                    audiences,
                    author,
                    new HashMap<>(environment),
                    tags,
                    languages,
                    openFlags,
                    minReuseCount,
                    maxViewCount,
                    maxFeedbackCount,
                    created,
                    updated,
                    lastReused,
                    notReusedSince,
                    oldestOpenFlag,
                    sort,
                    descending,
                    limit,
                    after);
        }
    }

    /** Returns the states to list; empty for all. */
    public Set<ArticleState> states() {
        return states;
    }

    /** Returns the audiences to list; empty for all. */
    public Set<Audience> audiences() {
        return audiences;
    }

    /** Returns the id of the actor who captured the article, or empty for any. */
    public Optional<String> author() {
        return author;
    }

    /**
     * Returns the environment attributes the article must have with exactly these values, such as {@code product=Acme
     * Print}.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** Returns the tags the article must all have. */
    public Set<String> tags() {
        return tags;
    }

    /** Returns the languages to list; empty for all. */
    public Set<Locale> languages() {
        return languages;
    }

    /** Returns whether to list articles with open flags only ({@code true}) or without ({@code false}); empty for both. */
    public Optional<Boolean> openFlags() {
        return openFlags;
    }

    /** Returns the fewest current case links an article must have. */
    public int minReuseCount() {
        return minReuseCount;
    }

    /** Returns the most views an article may have, or empty for no limit. */
    public Optional<Long> maxViewCount() {
        return maxViewCount;
    }

    /** Returns the most votes (helpful or not) an article may have, or empty for no limit. */
    public Optional<Integer> maxFeedbackCount() {
        return maxFeedbackCount;
    }

    /** Returns when the article must have been captured. */
    public TimeRange created() {
        return created;
    }

    /** Returns when its latest revision must have been made. */
    public TimeRange updated() {
        return updated;
    }

    /**
     * Returns when its newest current case link must have been made (an article without links only matches a range
     * without bounds).
     */
    public TimeRange lastReused() {
        return lastReused;
    }

    /** Returns the instant since which listed articles have no case link, if any. */
    public Optional<Instant> notReusedSince() {
        return notReusedSince;
    }

    /**
     * Returns when its oldest open flag must have been raised (an article without open flags only matches a range
     * without bounds).
     */
    public TimeRange oldestOpenFlag() {
        return oldestOpenFlag;
    }

    /** Returns the order. */
    public Sort sort() {
        return sort;
    }

    /** Returns whether the order is descending; ties are broken by id in the same direction. */
    public boolean descending() {
        return descending;
    }

    /** Returns how many articles per page, 1 to {@link #MAX_LIMIT}. */
    public int limit() {
        return limit;
    }

    /** Returns the {@link BrowsePage#nextCursor() cursor} of the previous page, or empty for the first. */
    public Optional<String> after() {
        return after;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrowseRequest other
                && states.equals(other.states)
                && audiences.equals(other.audiences)
                && author.equals(other.author)
                && environment.equals(other.environment)
                && tags.equals(other.tags)
                && languages.equals(other.languages)
                && openFlags.equals(other.openFlags)
                && minReuseCount == other.minReuseCount
                && maxViewCount.equals(other.maxViewCount)
                && maxFeedbackCount.equals(other.maxFeedbackCount)
                && created.equals(other.created)
                && updated.equals(other.updated)
                && lastReused.equals(other.lastReused)
                && notReusedSince.equals(other.notReusedSince)
                && oldestOpenFlag.equals(other.oldestOpenFlag)
                && sort.equals(other.sort)
                && descending == other.descending
                && limit == other.limit
                && after.equals(other.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                states,
                audiences,
                author,
                environment,
                tags,
                languages,
                openFlags,
                minReuseCount,
                maxViewCount,
                maxFeedbackCount,
                created,
                updated,
                lastReused,
                notReusedSince,
                oldestOpenFlag,
                sort,
                descending,
                limit,
                after);
    }

    @Override
    public String toString() {
        return "BrowseRequest[" + "states=" + states + ", "
                + "audiences=" + audiences + ", "
                + "author=" + author + ", "
                + "environment=" + environment + ", "
                + "tags=" + tags + ", "
                + "languages=" + languages + ", "
                + "openFlags=" + openFlags + ", "
                + "minReuseCount=" + minReuseCount + ", "
                + "maxViewCount=" + maxViewCount + ", "
                + "maxFeedbackCount=" + maxFeedbackCount + ", "
                + "created=" + created + ", "
                + "updated=" + updated + ", "
                + "lastReused=" + lastReused + ", "
                + "notReusedSince=" + notReusedSince + ", "
                + "oldestOpenFlag=" + oldestOpenFlag + ", "
                + "sort=" + sort + ", "
                + "descending=" + descending + ", "
                + "limit=" + limit + ", "
                + "after=" + after + "]";
    }
}
