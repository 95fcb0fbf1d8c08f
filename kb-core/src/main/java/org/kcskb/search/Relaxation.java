package org.kcskb.search;

import java.util.Objects;

/**
 * How a search that found nothing as typed was relaxed to find something: the text to show as "showing results for
 * …", and what was changed. A search engine relaxes a query only when the query as typed matches no article the
 * viewer may see, and only by what those visible articles hold, so a relaxation never tells of an article the viewer
 * may not see.
 *
 * <p>The knowledge base still records such a search as one that found nothing (a content gap for the text as typed,
 * see {@link org.kcskb.analytics.ContentGap.Kind#NO_RESULTS}). Immutable and thread-safe.
 *
 * @param kind what was relaxed
 * @param query the query whose results are shown, as plain text (escape it before putting it into HTML)
 */
public record Relaxation(Kind kind, String query) {
    public Relaxation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("A relaxation shows results for some query; it was blank");
        }
    }

    /** What a search engine changed in the query. */
    public enum Kind {
        /**
         * Words that no visible article holds were replaced by visible words one or two typing errors away ("how do
         * i logn" shows results for "how do i login"), short words included; the result's
         * {@link SearchResult#didYouMean()} names the same corrected query.
         */
        CORRECTED_TYPOS,
        /**
         * Words that no visible article holds, and that have no correction, were left out ("how do i frobnicate"
         * shows results for "how do i"): what remains is searched, stopwords included when nothing else remains.
         */
        DROPPED_UNKNOWN_WORDS
    }
}
