package org.kcskb.index;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchResult;

/**
 * Which languages a search weighed fully, read from its hits' ranking explanations: every language is searched, the
 * query's own at full weight and every other at {@link QueryCompiler#CROSS_LANGUAGE_WEIGHT}, which the explanation
 * of a hit in another language shows as its boost (times {@link QueryCompiler#SYNONYM_WEIGHT} where only a synonym or
 * translation matched). So tests of the query-language vote observe the vote.
 */
final class PreferredLanguages {
    private static final String CROSS_LANGUAGE_BOOST = QueryCompiler.CROSS_LANGUAGE_WEIGHT + " = boost";
    /** A synonym or translation searched in another language. */
    private static final String CROSS_LANGUAGE_ALTERNATIVE_BOOST =
            (QueryCompiler.SYNONYM_WEIGHT * QueryCompiler.CROSS_LANGUAGE_WEIGHT) + " = boost";

    private PreferredLanguages() {}

    /** The languages of the hits of {@code result} (searched with {@code explain}) that were weighed fully. */
    static Set<Locale> of(SearchResult result) {
        return result.hits().stream()
                .peek(hit -> {
                    if (hit.explanation().isEmpty()) {
                        throw new IllegalArgumentException("search with explain(true) to read the weights");
                    }
                })
                .filter(hit -> !hit.explanation().orElseThrow().contains(CROSS_LANGUAGE_BOOST)
                        && !hit.explanation().orElseThrow().contains(CROSS_LANGUAGE_ALTERNATIVE_BOOST))
                .map(SearchHit::language)
                .collect(Collectors.toSet());
    }
}
