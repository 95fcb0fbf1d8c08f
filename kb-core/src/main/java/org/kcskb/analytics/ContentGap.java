package org.kcskb.analytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A query that the knowledge base did not answer: what to write or improve next (the Evolve Loop).
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the {@linkplain SearchEvent#normalize(String) normalised} query
 * @param language the query language, {@link Locale#ROOT} when unknown
 * @param searches how many searches in the window had this gap
 * @param lastSearched when the latest of them ran
 * @param kind whether they found nothing, or found articles nobody chose
 */
public record ContentGap(String query, Locale language, long searches, Instant lastSearched, Kind kind) {
    public ContentGap {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(lastSearched, "lastSearched");
        Objects.requireNonNull(kind, "kind");
        if (searches < 1) {
            throw new IllegalArgumentException("A content gap counts at least one search, was " + searches);
        }
    }

    /** Why a search counts as unanswered. */
    public enum Kind {
        /**
         * The search as typed matched no article the viewer may see, including searches that were shown the
         * results of a relaxed form of the query ({@link org.kcskb.search.Relaxation}).
         */
        NO_RESULTS,
        /** The search matched articles, but none was clicked, picked or linked to a case from it. */
        NO_CLICK
    }
}
