package org.kcskb.analytics;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleId;

/**
 * One recorded search, click, suggestion pick or case link: the raw material of the search analytics.
 *
 * <p>The knowledge base creates these (see {@link org.kcskb.KnowledgeBase#search}) and hands them to an
 * {@link org.kcskb.store.spi.AnalyticsStore} in batches; hosts only meet them when they implement that SPI. Use the
 * factories ({@link #search}, {@link #click}, {@link #suggestionPick}, {@link #link}): they normalise the query.
 *
 * <p>The compact constructor bounds what a store has to hold: {@code at} is truncated to microseconds, the query
 * texts are cut to {@value #MAX_QUERY_LENGTH} characters and the viewer id to {@value #MAX_VIEWER_ID_LENGTH},
 * and control and format characters (bidi overrides, zero-width characters) become spaces: PostgreSQL cannot
 * store U+0000, and none of them belongs in a report or a log. Immutable and thread-safe.
 *
 * @param kind what happened
 * @param at when, at microsecond precision, within about 285,000 years of 1970
 * @param searchId the search this event belongs to; a {@link Kind#SEARCH} event introduces it, the other kinds
 *     refer to it ({@link Kind#SUGGESTION_PICK} events have their own)
 * @param query the text as the person typed it, bounded; empty for clicks and links
 * @param normalizedQuery the text as reports group it: see {@link #normalize(String)}
 * @param viewerKind whether the person was the public, a partner or an agent
 * @param viewerId the viewer's id ({@code public} for anonymous visitors), bounded
 * @param visitor a keyed hash of the searcher's visitor key (see
 *     {@link org.kcskb.search.SearchRequest.Builder#visitor(String)}), never the key itself; empty when unknown.
 *     Only {@link Kind#SEARCH} events carry one; at most {@value #MAX_VISITOR_LENGTH} characters
 * @param language the query's language, {@link Locale#ROOT} when unknown (stored as {@code und})
 * @param hitCount how many articles the text as typed matched (for {@link Kind#SEARCH}), otherwise 0; 0 as well
 *     when only a relaxed form of the query found articles ({@link org.kcskb.search.SearchResult#relaxation()}),
 *     so that such a search still counts as a content gap
 * @param article the chosen article, present for every kind but {@link Kind#SEARCH}
 * @param position the 1-based rank of the chosen article, or 0 for {@link Kind#SEARCH}
 * @param product the product the search was made for (its {@code product} environment filter, else the asker's
 *     {@code product} context), bounded to {@value #MAX_PRODUCT_LENGTH} characters; empty when none, and for every
 *     kind but {@link Kind#SEARCH}: what lets a coach read the content gaps of one product
 */
public record SearchEvent(
        Kind kind,
        Instant at,
        SearchId searchId,
        String query,
        String normalizedQuery,
        ViewerKind viewerKind,
        String viewerId,
        String visitor,
        Locale language,
        long hitCount,
        Optional<ArticleId> article,
        int position,
        String product) {

    /** The longest product name kept, in characters, as a search's environment filter bounds it. */
    public static final int MAX_PRODUCT_LENGTH = 200;

    /** The longest query text kept, in characters; longer queries are cut (only their start matters). */
    public static final int MAX_QUERY_LENGTH = 200;

    /** The longest viewer id kept, in characters. */
    public static final int MAX_VIEWER_ID_LENGTH = 128;

    /** The longest visitor hash kept, in characters. */
    public static final int MAX_VISITOR_LENGTH = 64;

    /** Event times are limited to this many seconds either side of 1970 so that epoch microseconds fit a long. */
    private static final long MAX_EPOCH_SECONDS = 9_000_000_000_000L;

    public SearchEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(searchId, "searchId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(normalizedQuery, "normalizedQuery");
        Objects.requireNonNull(viewerKind, "viewerKind");
        Objects.requireNonNull(viewerId, "viewerId");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(product, "product");
        if (Math.abs(at.getEpochSecond()) > MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException(
                    "Event time " + at + " is out of range: analytics events must lie within 285,000 years of 1970");
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        query = bound(printable(query), MAX_QUERY_LENGTH);
        normalizedQuery = bound(printable(normalizedQuery), MAX_QUERY_LENGTH);
        viewerId = bound(printable(viewerId), MAX_VIEWER_ID_LENGTH);
        visitor = bound(printable(visitor).strip(), MAX_VISITOR_LENGTH);
        product = bound(printable(product).strip(), MAX_PRODUCT_LENGTH);
        if (kind != Kind.SEARCH && !product.isEmpty()) {
            throw new IllegalArgumentException("Only SEARCH events carry a product; a " + kind + " event has none");
        }
        if (kind != Kind.SEARCH && !visitor.isEmpty()) {
            throw new IllegalArgumentException("Only SEARCH events carry a visitor; a " + kind + " event has none");
        }
        if (kind == Kind.SEARCH) {
            if (article.isPresent() || position != 0) {
                throw new IllegalArgumentException("A SEARCH event has no chosen article and position 0; got "
                        + article.map(ArticleId::value).orElse("no article") + " at position " + position);
            }
            if (hitCount < 0) {
                throw new IllegalArgumentException("hitCount must not be negative, was " + hitCount);
            }
        } else {
            if (article.isEmpty() || position < 1) {
                throw new IllegalArgumentException("A " + kind + " event needs the chosen article and its 1-based"
                        + " position; got " + article.map(ArticleId::value).orElse("no article") + " at position "
                        + position);
            }
            if (hitCount != 0) {
                throw new IllegalArgumentException(
                        "Only SEARCH events have a hit count; a " + kind + " event has 0, was " + hitCount);
            }
        }
    }

    /** Returns an event without a product, as every kind but a search made for one has. */
    public SearchEvent(
            Kind kind,
            Instant at,
            SearchId searchId,
            String query,
            String normalizedQuery,
            ViewerKind viewerKind,
            String viewerId,
            String visitor,
            Locale language,
            long hitCount,
            Optional<ArticleId> article,
            int position) {
        this(
                kind,
                at,
                searchId,
                query,
                normalizedQuery,
                viewerKind,
                viewerId,
                visitor,
                language,
                hitCount,
                article,
                position,
                "");
    }

    /**
     * Returns a search by {@code viewer} for {@code text} that matched {@code hitCount} articles.
     *
     * @param language the query language, {@link Locale#ROOT} when unknown
     */
    public static SearchEvent search(
            Instant at, SearchId searchId, String text, Viewer viewer, Locale language, long hitCount) {
        return search(at, searchId, text, viewer, "", language, hitCount);
    }

    /**
     * Returns a search by {@code viewer}, known as {@code visitor}, for {@code text} that matched {@code hitCount}
     * articles.
     *
     * @param visitor a keyed hash of the visitor key, or empty when unknown; never the key itself
     * @param language the query language, {@link Locale#ROOT} when unknown
     */
    public static SearchEvent search(
            Instant at, SearchId searchId, String text, Viewer viewer, String visitor, Locale language, long hitCount) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(viewer, "viewer");
        String normalized = normalize(text);
        return new SearchEvent(
                Kind.SEARCH,
                at,
                searchId,
                text,
                // Most people type in lower case: sharing the string halves what an in-memory store holds.
                normalized.equals(text) ? text : normalized,
                ViewerKind.of(viewer),
                viewer.id(),
                visitor,
                language,
                hitCount,
                Optional.empty(),
                0);
    }

    /** Returns a click by {@code viewer} on {@code article}, shown by the search and at the position of origin. */
    public static SearchEvent click(Instant at, Viewer viewer, ArticleId article, SearchOrigin origin) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(origin, "origin");
        return new SearchEvent(
                Kind.CLICK,
                at,
                origin.searchId(),
                "",
                "",
                ViewerKind.of(viewer),
                viewer.id(),
                "",
                Locale.ROOT,
                0,
                Optional.of(article),
                origin.position());
    }

    /**
     * Returns a pick of {@code article} from the suggestions shown for {@code typed}, at 1-based {@code position}.
     * A pick is its own search (it gets a new id): suggestions are shown while typing, before any search runs.
     */
    public static SearchEvent suggestionPick(
            Instant at, Viewer viewer, String typed, Locale language, ArticleId article, int position) {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(viewer, "viewer");
        String normalized = normalize(typed);
        return new SearchEvent(
                Kind.SUGGESTION_PICK,
                at,
                SearchId.random(),
                typed,
                normalized.equals(typed) ? typed : normalized,
                ViewerKind.of(viewer),
                viewer.id(),
                "",
                language,
                0,
                Optional.of(article),
                position);
    }

    /** Returns a case link of {@code article} by {@code actor}, who found it with the search of origin. */
    public static SearchEvent link(Instant at, Actor actor, ArticleId article, SearchOrigin origin) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(origin, "origin");
        return new SearchEvent(
                Kind.LINK,
                at,
                origin.searchId(),
                "",
                "",
                ViewerKind.AGENT,
                actor.id(),
                "",
                Locale.ROOT,
                0,
                Optional.of(article),
                origin.position());
    }

    /** Returns this event with {@code language}, for example once the query language has been detected. */
    public SearchEvent withLanguage(Locale language) {
        return new SearchEvent(
                kind,
                at,
                searchId,
                query,
                normalizedQuery,
                viewerKind,
                viewerId,
                visitor,
                language,
                hitCount,
                article,
                position,
                product);
    }

    /** Returns this search with the product it was made for (see {@link #product()}). */
    public SearchEvent withProduct(String product) {
        return new SearchEvent(
                kind,
                at,
                searchId,
                query,
                normalizedQuery,
                viewerKind,
                viewerId,
                visitor,
                language,
                hitCount,
                article,
                position,
                product);
    }

    /**
     * Returns the form of a query that reports group by: Unicode NFKC (so full-width and compatibility characters
     * fold to their plain forms), lower case (root locale), every run of white space, control and format characters
     * collapsed into one space, trimmed, and cut to {@value #MAX_QUERY_LENGTH} characters. Letters keep their
     * accents: {@code Größe} and {@code grosse} stay different queries.
     */
    public static String normalize(String query) {
        Objects.requireNonNull(query, "query");
        String folded = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        var out = new StringBuilder(Math.min(folded.length(), MAX_QUERY_LENGTH));
        boolean space = false;
        for (int i = 0; i < folded.length() && out.length() < MAX_QUERY_LENGTH; ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || invisible(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? '\uFFFD' : c);
            }
        }
        return bound(out.toString(), MAX_QUERY_LENGTH);
    }

    /**
     * Replaces control and format characters with spaces and unpaired surrogates with U+FFFD, which every store can
     * hold.
     */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c;
            if (invisible(c)) {
                replacement = ' ';
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                replacement = '\uFFFD';
            }
            if (replacement != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether {@code c} is a control character (U+0000 to U+001F, U+007F to U+009F) or a format character (bidi
     * overrides and isolates, zero-width characters): never stored, since they break stores (PostgreSQL cannot
     * hold U+0000), forge lines in logs and reorder or hide text in reports.
     */
    private static boolean invisible(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /** Cuts {@code text} to at most {@code max} characters without splitting a surrogate pair. */
    private static String bound(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** What a person did. */
    public enum Kind {
        /** Ran a search and saw the first page of its result. */
        SEARCH,
        /** Opened an article from a search result. */
        CLICK,
        /** Picked an article from the suggestions shown while typing. */
        SUGGESTION_PICK,
        /** Linked an article found by a search to a case (a reuse). */
        LINK
    }

    /** Who searched, without more detail than analytics needs. */
    public enum ViewerKind {
        /** An anonymous visitor. */
        PUBLIC,
        /** A partner's user. */
        PARTNER,
        /** A licensed agent. */
        AGENT;

        /** Returns the audience of this kind of viewer: see {@link Viewer#audience()}. */
        public org.kcskb.article.Audience audience() {
            return switch (this) {
                case PUBLIC -> org.kcskb.article.Audience.PUBLIC;
                case PARTNER -> org.kcskb.article.Audience.PARTNER;
                case AGENT -> org.kcskb.article.Audience.INTERNAL;
            };
        }

        /** Returns the kind of {@code viewer}. */
        public static ViewerKind of(Viewer viewer) {
            return switch (Objects.requireNonNull(viewer, "viewer")) {
                case Viewer.Public p -> PUBLIC;
                case Viewer.Partner p -> PARTNER;
                case Viewer.Agent a -> AGENT;
            };
        }
    }
}
