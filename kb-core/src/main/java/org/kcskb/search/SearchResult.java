package org.kcskb.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.analytics.SearchId;

/**
 * One page of search results.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits the page of hits, best first
 * @param totalHits how many articles matched (exact when {@code totalExact}, otherwise a lower bound)
 * @param totalExact whether {@code totalHits} is exact
 * @param facets counts per facet name ({@code product}, {@code version}, {@code category}, {@code state},
 *     {@code language}), each sorted by count; empty unless requested
 * @param didYouMean a corrected query that would find more, if one is known
 * @param nextPage a cursor for the page after this one, or empty on the last page
 * @param searchId identifies this search for analytics: pass it back with a click or case link (see
 *     {@link org.kcskb.analytics.SearchOrigin}); the knowledge base always sets it, a search engine leaves it
 *     empty
 * @param relaxation present when the query as typed found nothing the viewer may see and these are the results of a
 *     relaxed form of it: show "showing results for {@link Relaxation#query()}". The hits, totals, facets and
 *     cursors are then those of the relaxed query; the knowledge base still records the search as one that found
 *     nothing
 * @param notices the active {@linkplain org.kcskb.notice.Notice known-issue notices} whose symptoms or environments
 *     match the search and that the viewer may see, to show before the hits (newest first); empty from engines, filled
 *     by {@link org.kcskb.KnowledgeBase#search}
 */
public record SearchResult(
        List<SearchHit> hits,
        long totalHits,
        boolean totalExact,
        Map<String, List<FacetCount>> facets,
        Optional<String> didYouMean,
        Optional<String> nextPage,
        Optional<SearchId> searchId,
        Optional<Relaxation> relaxation,
        List<org.kcskb.notice.Notice> notices) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
        Objects.requireNonNull(didYouMean, "didYouMean");
        Objects.requireNonNull(nextPage, "nextPage");
        Objects.requireNonNull(searchId, "searchId");
        Objects.requireNonNull(relaxation, "relaxation");
        notices = List.copyOf(notices);
    }

    /** Returns a result without notices, as an engine builds it (the knowledge base adds the notices). */
    public SearchResult(
            List<SearchHit> hits,
            long totalHits,
            boolean totalExact,
            Map<String, List<FacetCount>> facets,
            Optional<String> didYouMean,
            Optional<String> nextPage,
            Optional<SearchId> searchId,
            Optional<Relaxation> relaxation) {
        this(hits, totalHits, totalExact, facets, didYouMean, nextPage, searchId, relaxation, List.of());
    }

    /** Returns a result of the query as typed (not relaxed). */
    public SearchResult(
            List<SearchHit> hits,
            long totalHits,
            boolean totalExact,
            Map<String, List<FacetCount>> facets,
            Optional<String> didYouMean,
            Optional<String> nextPage,
            Optional<SearchId> searchId) {
        this(hits, totalHits, totalExact, facets, didYouMean, nextPage, searchId, Optional.empty());
    }

    /** Returns a result without a search id, as a {@link org.kcskb.search.spi.SearchEngine} builds it. */
    public SearchResult(
            List<SearchHit> hits,
            long totalHits,
            boolean totalExact,
            Map<String, List<FacetCount>> facets,
            Optional<String> didYouMean,
            Optional<String> nextPage) {
        this(hits, totalHits, totalExact, facets, didYouMean, nextPage, Optional.empty(), Optional.empty());
    }

    /** Returns an empty result. */
    public static SearchResult empty() {
        return new SearchResult(List.of(), 0, true, Map.of(), Optional.empty(), Optional.empty());
    }

    /** Returns this result with a "did you mean" suggestion. */
    public SearchResult withDidYouMean(String suggestion) {
        return new SearchResult(
                hits,
                totalHits,
                totalExact,
                facets,
                Optional.of(Objects.requireNonNull(suggestion, "suggestion")),
                nextPage,
                searchId,
                relaxation,
                notices);
    }

    /**
     * Returns this result as the results of {@code relaxation}'s query, for a query that found nothing as typed.
     */
    public SearchResult withRelaxation(Relaxation relaxation) {
        return new SearchResult(
                hits,
                totalHits,
                totalExact,
                facets,
                didYouMean,
                nextPage,
                searchId,
                Optional.of(Objects.requireNonNull(relaxation, "relaxation")),
                notices);
    }

    /**
     * Returns this result with {@code hits} in place of its hits, everything else kept: for an engine that completes
     * the hits of a page it has counted (their translations, their explanations).
     */
    public SearchResult withHits(List<SearchHit> hits) {
        return new SearchResult(
                hits, totalHits, totalExact, facets, didYouMean, nextPage, searchId, relaxation, notices);
    }

    /** Returns this result with {@code searchId}. */
    public SearchResult withSearchId(SearchId searchId) {
        return new SearchResult(
                hits,
                totalHits,
                totalExact,
                facets,
                didYouMean,
                nextPage,
                Optional.of(Objects.requireNonNull(searchId, "searchId")),
                relaxation,
                notices);
    }

    /**
     * Returns this result with {@code notices}: the active known-issue notices that match the search, shown before the
     * hits. The knowledge base adds them; engines leave them empty.
     */
    public SearchResult withNotices(List<org.kcskb.notice.Notice> notices) {
        return new SearchResult(
                hits, totalHits, totalExact, facets, didYouMean, nextPage, searchId, relaxation, notices);
    }
}
