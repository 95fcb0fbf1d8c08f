package org.kcskb.search;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kcskb.InvalidInputException;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Environment;
import org.kcskb.article.Languages;

/**
 * A search as a person typed it, with who is asking, filters and paging.
 *
 * <p>The text is natural language: quotes, operators and wildcards are read as plain words, never as query
 * syntax. Build one with {@link #builder(String, Viewer)} (or {@link #of}); there is no public constructor, so that a new
 * setting can be added without breaking callers. Immutable and thread-safe; equal requests are equal (usable as
 * cache keys).
 */
public final class SearchRequest {

    /** The largest page size. */
    public static final int MAX_LIMIT = 100;
    /** The largest offset for shallow paging; use the cursor beyond it. */
    public static final int MAX_OFFSET = 10_000;
    /** The longest query text in characters; longer text is rejected. */
    public static final int MAX_TEXT_LENGTH = 4_096;
    /** The longest visitor key in characters. */
    public static final int MAX_VISITOR_LENGTH = 256;
    /** The most tags, the most environment filters and the most languages a request may name, each. */
    public static final int MAX_FILTERS = 32;
    /** The longest tag or environment value a filter may name, in characters. */
    public static final int MAX_FILTER_VALUE_LENGTH = 200;
    /** The longest page cursor; the cursors of {@link SearchResult#nextPage()} are far shorter. */
    public static final int MAX_CURSOR_LENGTH = 256;

    /** The longest attribute name of the context, in characters, as articles' environment attributes are named. */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 64;

    /** An attribute name as articles' {@link Environment} attributes are named. */
    private static final Pattern CONTEXT_KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final String text;
    private final Viewer viewer;
    private final Locale language;
    private final Map<String, String> environment;
    private final Set<String> tags;
    private final Set<Locale> languages;
    private final Set<ArticleState> states;
    private final boolean includeArchived;
    private final Instant modifiedFrom;
    private final Instant modifiedTo;
    private final int limit;
    private final int offset;
    private final Optional<String> after;
    private final boolean facets;
    private final boolean explain;
    private final boolean recorded;
    private final Optional<String> visitor;
    private final Map<String, String> context;

    private SearchRequest(
            String text,
            Viewer viewer,
            Locale language,
            Map<String, String> environment,
            Set<String> tags,
            Set<Locale> languages,
            Set<ArticleState> states,
            boolean includeArchived,
            Instant modifiedFrom,
            Instant modifiedTo,
            int limit,
            int offset,
            Optional<String> after,
            boolean facets,
            boolean explain,
            boolean recorded,
            Optional<String> visitor,
            Map<String, String> context) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(modifiedFrom, "modifiedFrom");
        Objects.requireNonNull(modifiedTo, "modifiedTo");
        Objects.requireNonNull(after, "after");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException(
                    "text",
                    text,
                    "the limit is " + MAX_TEXT_LENGTH
                            + " characters; shorten the query (only its first words matter for ranking)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidInputException(
                    "offset",
                    offset,
                    "must be between 0 and " + MAX_OFFSET
                            + "; page deeper with the cursor from SearchResult.nextPage()");
        }
        checkFilters(environment, tags, language, languages);
        after.ifPresent(SearchRequest::checkCursor);
        if (offset > 0 && after.isPresent()) {
            throw new InvalidInputException(
                    "offset", offset, "use either offset or a cursor (after), not both: drop offset when paging on");
        }
        if (!modifiedFrom.isBefore(modifiedTo)) {
            throw new InvalidInputException(
                    "modifiedFrom", modifiedFrom, "must be before modifiedTo (" + modifiedTo + ")");
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        languages = Set.copyOf(languages);
        states = Set.copyOf(states);
        Objects.requireNonNull(visitor, "visitor");
        if (visitor.isPresent() && (visitor.get().isBlank() || visitor.get().length() > MAX_VISITOR_LENGTH)) {
            throw InvalidInputException.withoutValue(
                    "visitor",
                    visitor.get().length(),
                    "a visitor key must be 1 to " + MAX_VISITOR_LENGTH
                            + " characters and not blank (for example a session id); leave it unset when there is none");
        }
        context = checkContext(context);
        this.text = text;
        this.viewer = viewer;
        this.language = language;
        this.environment = environment;
        this.tags = tags;
        this.languages = languages;
        this.states = states;
        this.includeArchived = includeArchived;
        this.modifiedFrom = modifiedFrom;
        this.modifiedTo = modifiedTo;
        this.limit = limit;
        this.offset = offset;
        this.after = after;
        this.facets = facets;
        this.explain = explain;
        this.recorded = recorded;
        this.visitor = visitor;
        this.context = context;
    }

    /**
     * Checks the asker's context as the environment filters are bounded (at most {@link #MAX_FILTERS} attributes,
     * values of at most {@link #MAX_FILTER_VALUE_LENGTH} characters), with names as articles write them (see {@link
     * Environment}) and values that are not blank, and returns an unmodifiable copy sorted by name.
     */
    private static Map<String, String> checkContext(Map<String, String> context) {
        Objects.requireNonNull(context, "context");
        if (context.size() > MAX_FILTERS) {
            throw new InvalidInputException(
                    "context",
                    context.size() + " attributes",
                    "a search may carry at most " + MAX_FILTERS
                            + " context attributes; pass the ones articles are written for (product, version, platform)");
        }
        var sorted = new TreeMap<String, String>();
        context.forEach((key, value) -> {
            Objects.requireNonNull(key, "context key");
            Objects.requireNonNull(value, () -> "value of context attribute '" + key + "'");
            if (!CONTEXT_KEY.matcher(key).matches()) {
                throw new InvalidInputException(
                        "context",
                        key,
                        "an attribute name is 1 to " + MAX_ATTRIBUTE_NAME_LENGTH
                                + " lower-case letters, digits, '_', '.' or '-', starting with a letter, as articles'"
                                + " environment attributes are named (for example 'product' or 'version')");
            }
            if (value.isBlank() || value.length() > MAX_FILTER_VALUE_LENGTH) {
                throw new InvalidInputException(
                        "context." + key,
                        value,
                        "a context value has 1 to " + MAX_FILTER_VALUE_LENGTH
                                + " characters and is not blank; leave the attribute out when it is not known");
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * Bounds the filters before they reach a search engine, so that a request with thousands of them is a clear
     * error naming the field rather than a failure deep in the engine (Lucene's TooManyClauses).
     */
    private static void checkFilters(
            Map<String, String> environment, Set<String> tags, Locale language, Set<Locale> languages) {
        if (tags.size() > MAX_FILTERS) {
            throw new InvalidInputException(
                    "tags", tags.size() + " tags", "a search may require at most " + MAX_FILTERS + " tags");
        }
        for (String tag : tags) {
            if (tag.length() > MAX_FILTER_VALUE_LENGTH) {
                throw new InvalidInputException(
                        "tags", tag, "a tag filter has at most " + MAX_FILTER_VALUE_LENGTH + " characters");
            }
        }
        if (environment.size() > MAX_FILTERS) {
            throw new InvalidInputException(
                    "environment",
                    environment.size() + " filters",
                    "a search may filter on at most " + MAX_FILTERS + " environment attributes");
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().length() > MAX_FILTER_VALUE_LENGTH) {
                throw new InvalidInputException(
                        "environment", e.getKey(), "an attribute name has at most 64 characters, such as 'product'");
            }
            if (e.getValue().length() > MAX_FILTER_VALUE_LENGTH) {
                throw new InvalidInputException(
                        "environment." + e.getKey(),
                        e.getValue(),
                        "an environment filter has at most " + MAX_FILTER_VALUE_LENGTH + " characters");
            }
        }
        if (languages.size() > MAX_FILTERS) {
            throw new InvalidInputException(
                    "languages",
                    languages.size() + " languages",
                    "a search may name at most " + MAX_FILTERS + " languages");
        }
        Languages.requireBounded("language", language);
        for (Locale l : languages) {
            Languages.requireBounded("languages", l);
        }
    }

    /**
     * A cursor is opaque text from {@link SearchResult#nextPage()}: URL-safe Base64. Anything else is refused
     * without echoing it, since a forged cursor is attacker-controlled text that would otherwise reach logs.
     */
    private static void checkCursor(String cursor) {
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw InvalidInputException.withoutValue(
                    "after",
                    cursor.length(),
                    "a page cursor has at most " + MAX_CURSOR_LENGTH
                            + " characters; pass the value of SearchResult.nextPage() unchanged");
        }
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            boolean base64Url = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '=';
            if (!base64Url) {
                throw InvalidInputException.withoutValue(
                        "after",
                        cursor.length(),
                        "not a page cursor; pass the value of SearchResult.nextPage() unchanged");
            }
        }
        if (cursor.isEmpty()) {
            throw InvalidInputException.withoutValue("after", 0, "an empty page cursor; omit it for the first page");
        }
    }

    /** Starts a request for {@code text} on behalf of {@code viewer}, with 10 hits per page and facets off. */
    public static Builder builder(String text, Viewer viewer) {
        return new Builder(text, viewer);
    }

    /** Returns a request for {@code text} by {@code viewer} with every other setting at its default. */
    public static SearchRequest of(String text, Viewer viewer) {
        return builder(text, viewer).build();
    }

    /** Returns the request for the page after {@code result}. */
    public SearchRequest next(SearchResult result) {
        String cursor = result.nextPage()
                .orElseThrow(() -> new IllegalStateException("The result has no next page; check nextPage() first"));
        return new SearchRequest(
                text,
                viewer,
                language,
                environment,
                tags,
                languages,
                states,
                includeArchived,
                modifiedFrom,
                modifiedTo,
                limit,
                0,
                Optional.of(cursor),
                facets,
                explain,
                recorded,
                visitor,
                context);
    }

    /** Returns what the person typed; blank text (or only punctuation) finds nothing, never the whole index. */
    public String text() {
        return text;
    }

    /** Returns who is asking, which decides what articles can be seen at all. */
    public Viewer viewer() {
        return viewer;
    }

    /**
     * Returns the query's language, or {@link Locale#ROOT} to detect it (both languages when unsure); a
     * preference, not a filter: articles in this language rank first, and articles in other languages are still
     * found at a lower weight (an issue documented only in the other language); restrict with {@code languages}.
     */
    public Locale language() {
        return language;
    }

    /** Returns the required environment attributes, for example {@code product=Acme Print}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Returns the tags an article must all carry. */
    public Set<String> tags() {
        return tags;
    }

    /** Returns the languages an article must be in (a strict filter); empty for any. */
    public Set<Locale> languages() {
        return languages;
    }

    /** Returns the states an article must be in (within what the viewer may see); empty for any. */
    public Set<ArticleState> states() {
        return states;
    }

    /** Returns whether archived articles may appear (only for viewers allowed to see them). */
    public boolean includeArchived() {
        return includeArchived;
    }

    /** Returns the instant articles must be modified at or after, or {@link Instant#MIN}. */
    public Instant modifiedFrom() {
        return modifiedFrom;
    }

    /** Returns the instant articles must be modified before, or {@link Instant#MAX}. */
    public Instant modifiedTo() {
        return modifiedTo;
    }

    /** Returns the page size, 1 to {@link #MAX_LIMIT}. */
    public int limit() {
        return limit;
    }

    /** Returns the hits to skip for shallow paging, 0 to {@link #MAX_OFFSET}; {@code after} pages deeper. */
    public int offset() {
        return offset;
    }

    /** Returns the {@link SearchResult#nextPage() cursor} of the previous page, or empty. */
    public Optional<String> after() {
        return after;
    }

    /** Returns whether to count facets (product, version, category, state, language). */
    public boolean facets() {
        return facets;
    }

    /** Returns whether to attach a ranking explanation to every hit. */
    public boolean explain() {
        return explain;
    }

    /**
     * Returns whether the search is recorded for the {@linkplain org.kcskb.KnowledgeBase#analytics() search
     * analytics} (the default); turn it off for the searches a search box fires while the person is still typing,
     * so that "dru", "druc" and "druck" do not show up as content gaps, and record the search they settle on.
     */
    public boolean recorded() {
        return recorded;
    }

    /**
     * Returns a pseudonymous key of the person searching, for counting distinct visitors (see {@link
     * Builder#visitor(String)}); empty for partners and agents means their viewer id, for the public it means the
     * search never counts towards a learned query suggestion.
     */
    public Optional<String> visitor() {
        return visitor;
    }

    /**
     * Returns the asker's environment, for example {@code product=Windows 11} of the case an agent works on or of
     * a logged-in customer: a preference, not a filter; articles whose environment attributes match it rank higher
     * (see {@link org.kcskb.search.spi.ContextBoost}), the others are still found, and totals and facets do not
     * change; empty for none.
     */
    public Map<String, String> context() {
        return context;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchRequest other
                && text.equals(other.text)
                && viewer.equals(other.viewer)
                && language.equals(other.language)
                && environment.equals(other.environment)
                && tags.equals(other.tags)
                && languages.equals(other.languages)
                && states.equals(other.states)
                && includeArchived == other.includeArchived
                && modifiedFrom.equals(other.modifiedFrom)
                && modifiedTo.equals(other.modifiedTo)
                && limit == other.limit
                && offset == other.offset
                && after.equals(other.after)
                && facets == other.facets
                && explain == other.explain
                && recorded == other.recorded
                && visitor.equals(other.visitor)
                && context.equals(other.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                text,
                viewer,
                language,
                environment,
                tags,
                languages,
                states,
                includeArchived,
                modifiedFrom,
                modifiedTo,
                limit,
                offset,
                after,
                facets,
                explain,
                recorded,
                visitor,
                context);
    }

    @Override
    public String toString() {
        return "SearchRequest[" + "text=" + text + ", "
                + "viewer=" + viewer + ", "
                + "language=" + language + ", "
                + "environment=" + environment + ", "
                + "tags=" + tags + ", "
                + "languages=" + languages + ", "
                + "states=" + states + ", "
                + "includeArchived=" + includeArchived + ", "
                + "modifiedFrom=" + modifiedFrom + ", "
                + "modifiedTo=" + modifiedTo + ", "
                + "limit=" + limit + ", "
                + "offset=" + offset + ", "
                + "after=" + after + ", "
                + "facets=" + facets + ", "
                + "explain=" + explain + ", "
                + "recorded=" + recorded + ", "
                + "visitor=" + visitor + ", "
                + "context=" + context + "]";
    }

    /** A mutable builder for {@link SearchRequest}; not thread-safe. */
    public static final class Builder {
        private final String text;
        private final Viewer viewer;
        private Locale language = Locale.ROOT;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> tags = new TreeSet<>();
        private Set<Locale> languages = Set.of();
        private Set<ArticleState> states = Set.of();
        private boolean includeArchived;
        private Instant modifiedFrom = Instant.MIN;
        private Instant modifiedTo = Instant.MAX;
        private int limit = 10;
        private int offset;
        private Optional<String> after = Optional.empty();
        private boolean facets;
        private boolean explain;
        private boolean recorded = true;
        private Optional<String> visitor = Optional.empty();
        private final Map<String, String> context = new TreeMap<>();

        private Builder(String text, Viewer viewer) {
            this.text = Objects.requireNonNull(text, "text");
            this.viewer = Objects.requireNonNull(viewer, "viewer");
        }

        /**
         * Sets the query language, whose articles rank first (other languages' articles are still found, lower);
         * {@link Locale#ROOT} (the default) detects it. To search only some languages, use {@link #languages}.
         */
        public Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** Requires an environment attribute, for example {@code environment("product", "Acme Print")}. */
        public Builder environment(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Requires a tag. */
        public Builder tag(String tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        /** Restricts the article languages. */
        public Builder languages(Set<Locale> languages) {
            this.languages = Set.copyOf(languages);
            return this;
        }

        /** Restricts the article states (within what the viewer may see). */
        public Builder states(Set<ArticleState> states) {
            this.states = Set.copyOf(states);
            return this;
        }

        /** Lets archived articles appear, for viewers allowed to see them. */
        public Builder includeArchived(boolean includeArchived) {
            this.includeArchived = includeArchived;
            return this;
        }

        /** Restricts to articles last modified in {@code [from, to)}. */
        public Builder modified(Instant from, Instant to) {
            this.modifiedFrom = Objects.requireNonNull(from, "from");
            this.modifiedTo = Objects.requireNonNull(to, "to");
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        /** Continues after a page; see {@link SearchResult#nextPage()}. */
        public Builder after(String cursor) {
            this.after = Optional.of(cursor);
            return this;
        }

        public Builder facets(boolean facets) {
            this.facets = facets;
            return this;
        }

        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        /** Sets whether the search is recorded for the analytics (default true); see {@link SearchRequest}. */
        public Builder recorded(boolean recorded) {
            this.recorded = recorded;
            return this;
        }

        /**
         * Sets a pseudonymous key of the person searching, so that a learned query suggestion can require several
         * distinct visitors: a session id, or a keyed hash of the client address, never a name or an e-mail
         * address. The knowledge base stores only a keyed hash of it. Partners and agents default to their viewer
         * id; anonymous public searches without a key never count towards a learned suggestion.
         */
        public Builder visitor(String visitor) {
            this.visitor = Optional.of(Objects.requireNonNull(visitor, "visitor"));
            return this;
        }

        /**
         * Adds an attribute of the asker's environment, for example {@code context("product", "Windows 11")} for an
         * agent on a Windows 11 case: articles written for it rank higher, the others are still found (unlike {@link
         * #environment}, which requires the attribute). Values compare without regard to case; see {@link
         * SearchRequest#context()}.
         */
        public Builder context(String key, String value) {
            context.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds every attribute of {@code environment} with a non-blank value as the asker's context, for example the
         * environment of the case an agent works on; its free text is not used.
         */
        public Builder context(Environment environment) {
            Objects.requireNonNull(environment, "environment").attributes().forEach((key, value) -> {
                if (!value.isBlank()) {
                    context.put(key, value);
                }
            });
            return this;
        }

        /** Builds the request, validating every setting. */
        public SearchRequest build() {
            return new SearchRequest(
                    text,
                    viewer,
                    language,
                    environment,
                    tags,
                    languages,
                    states,
                    includeArchived,
                    modifiedFrom,
                    modifiedTo,
                    limit,
                    offset,
                    after,
                    facets,
                    explain,
                    recorded,
                    visitor,
                    context);
        }
    }
}
