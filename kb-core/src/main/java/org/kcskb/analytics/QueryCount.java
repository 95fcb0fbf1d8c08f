package org.kcskb.analytics;

import java.util.Locale;
import java.util.Objects;

/**
 * How often people asked for something: searches and suggestion picks of one normalised query and language.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the {@linkplain SearchEvent#normalize(String) normalised} query (for picks: the text typed)
 * @param language the query language, {@link Locale#ROOT} when unknown
 * @param searches how many searches ran for it
 * @param withoutResults how many of those searches matched nothing
 * @param suggestionPicks how many times a suggestion was picked after typing it
 */
public record QueryCount(String query, Locale language, long searches, long withoutResults, long suggestionPicks) {
    public QueryCount {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        if (searches < 0 || withoutResults < 0 || withoutResults > searches || suggestionPicks < 0) {
            throw new IllegalArgumentException("Inconsistent query counts for '" + query + "': " + searches
                    + " searches, " + withoutResults + " without results, " + suggestionPicks + " picks");
        }
    }

    /** Returns searches plus suggestion picks: how often people asked. */
    public long total() {
        return searches + suggestionPicks;
    }
}
