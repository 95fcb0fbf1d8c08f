package org.kcskb.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The two ranking phases of a search: a first-phase query that every match is scored with, and an optional bonus
 * added to the {@value #WINDOW} best first-phase hits only.
 *
 * <p>The window is fixed, whatever page is asked for, so that the order of hits is one total order for every page:
 * the window's hits by first-phase score plus bonus, then every other hit by first-phase score (ties by article
 * id). Since a bonus is never negative, that order also descends by score. A page within the window is found again
 * by its position; a page beyond it by search-after on the first phase.
 *
 * @param first the first-phase query (text × prior, with the filters)
 * @param bonus the second-phase clauses, each added where it matches, scored only within the window
 * @param priors the prior that multiplies the bonus, as it multiplies the first phase
 */
record Ranking(Query first, List<Query> bonus, KcsPriors priors) {
    /**
     * How many first-phase hits the bonus can reorder: a default page and the hit after it. Measured (nDCG@10 on
     * the four relevance sets) a window of 11 ranked best: 0.8194, 0.8828, 0.3133, 0.7485 against 0.8187, 0.8828,
     * 0.3120, 0.7468 with 20 and 0.8177, 0.8828, 0.3099, 0.7461 with 50; the bonus is a tie-breaker among close
     * text matches, not a way up from far below. A wider window also lowers the score the collector must beat to
     * keep a hit, so it skips fewer documents (about a quarter more time per search at 50 than at 11).
     */
    static final int WINDOW = 11;

    static Ranking of(Query first) {
        return new Ranking(first, List.of(), null);
    }

    /** Orders by score, then by article id ({@code fields[1]}), as the first-phase collector sorts. */
    static final Comparator<FieldDoc> ORDER =
            Comparator.<FieldDoc>comparingDouble(d -> -(Float) d.fields[0]).thenComparing(d -> (BytesRef) d.fields[1]);

    /**
     * Returns {@code ranked} (first-phase order) with the bonus added to its first {@link #WINDOW} hits and those
     * re-sorted by {@link #ORDER}; the hits beyond the window keep their place. The clauses' terms are looked up
     * through {@code lookups}, of the searcher's reader.
     */
    FieldDoc[] rescore(IndexSearcher searcher, FieldDoc[] ranked, TermLookups lookups) throws IOException {
        if (bonus.isEmpty() || ranked.length == 0) {
            return ranked;
        }
        int window = Math.min(WINDOW, ranked.length);
        FieldDoc[] rescored = ranked.clone();
        Integer[] byDoc = new Integer[window];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, Comparator.comparingInt(i -> ranked[i].doc));
        BonusScorer scorer = BonusScorer.create(searcher, bonus, lookups);
        if (scorer.isEmpty()) {
            return ranked;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        BonusScorer.Leaf leafScorer = null;
        DoubleValues prior = null;
        for (int i : byDoc) {
            FieldDoc hit = ranked[i];
            if (leaf == null || hit.doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                leafScorer = scorer.leaf(leaf);
                prior = priors.getValues(leaf, null);
            }
            int target = hit.doc - leaf.docBase;
            double sum = leafScorer.score(target);
            if (sum > 0 && prior.advanceExact(target)) {
                float score = (Float) hit.fields[0] + (float) (sum * prior.doubleValue());
                rescored[i] = new FieldDoc(hit.doc, score, new Object[] {score, hit.fields[1]});
            }
        }
        Arrays.sort(rescored, 0, window, ORDER);
        return rescored;
    }

    /** Explains the score of a hit: the first phase, and the bonus when the hit was within the window. */
    Explanation explain(IndexSearcher searcher, int doc, boolean inWindow) throws IOException {
        Explanation text = searcher.explain(first, doc);
        if (bonus.isEmpty() || !inWindow) {
            return text;
        }
        var matched = new ArrayList<Explanation>();
        double sum = 0;
        for (Query clause : bonus) {
            Explanation explanation = searcher.explain(clause, doc);
            if (explanation.isMatch()) {
                matched.add(explanation);
                sum += explanation.getValue().doubleValue();
            }
        }
        if (matched.isEmpty()) {
            return text;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        DoubleValues prior = priors.getValues(leaf, null);
        prior.advanceExact(doc - leaf.docBase);
        Explanation extra = Explanation.match(
                (float) (sum * prior.doubleValue()),
                "bonus within the first " + WINDOW + " hits (exact word forms, proximity), times the prior:",
                Explanation.match((float) sum, "sum of:", matched),
                priors.explain(leaf, doc - leaf.docBase));
        return Explanation.match(text.getValue().floatValue() + extra.getValue().floatValue(), "sum of:", text, extra);
    }
}
