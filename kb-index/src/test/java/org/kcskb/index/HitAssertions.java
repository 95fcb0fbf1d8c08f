package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/** What the tests of the search's own queries compare them by: every hit and its score. */
final class HitAssertions {
    private HitAssertions() {}

    /** Every hit's score, by document. */
    static Map<Integer, Float> scores(IndexSearcher searcher, Query query) throws IOException {
        var scores = new HashMap<Integer, Float>();
        for (ScoreDoc hit :
                searcher.search(query, new TopScoreDocCollectorManager(10_000, Integer.MAX_VALUE)).scoreDocs) {
            scores.put(hit.doc, hit.score);
        }
        return scores;
    }

    /** The same hits with the same scores, up to rounding: two forms of a query may add the same floats in another order. */
    static void assertSameScores(Map<Integer, Float> actual, Map<Integer, Float> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (doc, score) -> assertThat(actual.get(doc)).as("doc %d", doc).isCloseTo(score, within(1e-5f)));
    }

    /** Up to {@code count} distinct elements of {@code from}, chosen by {@code random}. */
    static <T> List<T> pick(Random random, List<T> from, int count) {
        var copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(count, copy.size()));
    }
}
