package org.kcskb.search;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleState;

/**
 * A search as a person typed it, with who is asking, filters and paging.
 *
 * <p>The text is natural language: quotes, operators and wildcards are read as plain words, never as query
 * syntax. Build one with {@link #builder(String, Viewer)}. Immutable and thread-safe; equal requests are equal
 * (usable as cache keys).
 *
 * @param text what the person typed; blank text (or only punctuation) finds nothing, never the whole index
 * @param viewer who is asking; decides which articles can be seen at all
 * @param language the query's language, or {@link Locale#ROOT} to detect it (both languages when unsure)
 * @param environment filters on environment attributes, for example {@code product=Acme Print}
 * @param tags articles must carry every one of these tags
 * @param languages articles must be in one of these languages; empty for any
 * @param states articles must be in one of these states (within what the viewer may see); empty for any
 * @param includeArchived whether archived articles may appear (only for viewers allowed to see them)
 * @param modifiedFrom only articles modified at or after this instant, or {@link Instant#MIN}
 * @param modifiedTo only articles modified before this instant, or {@link Instant#MAX}
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param offset hits to skip for shallow paging, 0 to {@link #MAX_OFFSET}; prefer {@code after} for deep pages
 * @param after the {@link SearchResult#nextPage() cursor} of the previous page, or empty
 * @param facets whether to count facets (product, version, category, state, language)
 * @param explain whether to attach a ranking explanation to every hit
 * @param recorded whether the search is recorded for the {@linkplain org.kcskb.KnowledgeBase#analytics() search
 *     analytics} (the default); turn it off for the searches a search box fires while the person is still typing,
 *     so that "dru", "druc" and "druck" do not show up as content gaps, and record the search they settle on
 * @param visitor a pseudonymous key of the person searching, for counting distinct visitors (see
 *     {@link Builder#visitor(String)}); empty for partners and agents means their viewer id, for the public it
 *     means the search never counts towards a learned query suggestion
 */
public record SearchRequest(
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
        Optional<String> visitor) {

    /** The largest page size. */
    public static final int MAX_LIMIT = 100;
    /** The largest offset for shallow paging; use the cursor beyond it. */
    public static final int MAX_OFFSET = 10_000;
    /** The longest query text in characters; longer text is rejected. */
    public static final int MAX_TEXT_LENGTH = 4_096;
    /** The longest visitor key in characters. */
    public static final int MAX_VISITOR_LENGTH = 256;

    public SearchRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(modifiedFrom, "modifiedFrom");
        Objects.requireNonNull(modifiedTo, "modifiedTo");
        Objects.requireNonNull(after, "after");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Query text is " + text.length() + " characters long; the limit is "
                    + MAX_TEXT_LENGTH + ". Shorten the query (only its first words matter for ranking).");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and " + MAX_OFFSET + ", was " + offset
                    + "; page deeper with the cursor from SearchResult.nextPage()");
        }
        if (offset > 0 && after.isPresent()) {
            throw new IllegalArgumentException("Use either offset or a cursor (after), not both");
        }
        if (!modifiedFrom.isBefore(modifiedTo)) {
            throw new IllegalArgumentException(
                    "modifiedFrom (" + modifiedFrom + ") must be before modifiedTo (" + modifiedTo + ")");
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        languages = Set.copyOf(languages);
        states = Set.copyOf(states);
        Objects.requireNonNull(visitor, "visitor");
        if (visitor.isPresent() && (visitor.get().isBlank() || visitor.get().length() > MAX_VISITOR_LENGTH)) {
            throw new IllegalArgumentException("A visitor key must be 1 to " + MAX_VISITOR_LENGTH
                    + " characters and not blank (for example a session id); leave it unset when there is none");
        }
    }

    /** A request without a visitor key; see the canonical constructor. */
    public SearchRequest(
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
            boolean recorded) {
        this(
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
                Optional.empty());
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
                visitor);
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

        private Builder(String text, Viewer viewer) {
            this.text = Objects.requireNonNull(text, "text");
            this.viewer = Objects.requireNonNull(viewer, "viewer");
        }

        /** Sets the query language; {@link Locale#ROOT} (the default) detects it. */
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
                    visitor);
        }
    }
}
