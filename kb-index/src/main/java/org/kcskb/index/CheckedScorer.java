package org.kcskb.index;

import java.io.IOException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;

/**
 * A scorer's scores over a narrower iteration: the documents of {@code iterator}, which moves the wrapped scorer's
 * own iterator (a conjunction with it, or a two-phase check on top of it). Lucene's {@code FilterScorer} cannot
 * serve, since it iterates the wrapped scorer's documents unchanged.
 */
final class CheckedScorer extends Scorer {
    private final Scorer in;
    private final DocIdSetIterator iterator;
    private final TwoPhaseIterator twoPhase;

    /**
     * @param in the scorer whose scores are reported
     * @param iterator the documents to report, positioned on {@code in}'s documents whenever it stops
     */
    CheckedScorer(Scorer in, DocIdSetIterator iterator) {
        this.in = in;
        this.iterator = iterator;
        this.twoPhase = TwoPhaseIterator.unwrap(iterator);
    }

    /** The wrapped scorer, with {@code check} as the second phase of its iteration. */
    static CheckedScorer checked(Scorer in, DocCheck check) {
        TwoPhaseIterator inner = in.twoPhaseIterator();
        DocIdSetIterator approximation = inner == null ? in.iterator() : inner.approximation();
        var twoPhase = new TwoPhaseIterator(approximation) {
            @Override
            public boolean matches() throws IOException {
                return (inner == null || inner.matches()) && check.test(approximation.docID());
            }

            @Override
            public float matchCost() {
                return (inner == null ? 0 : inner.matchCost()) + check.cost();
            }
        };
        return new CheckedScorer(in, TwoPhaseIterator.asDocIdSetIterator(twoPhase));
    }

    /** A per-document check, asked about documents in increasing order. */
    interface DocCheck {
        boolean test(int doc) throws IOException;

        /** About how many postings one check reads, as {@link TwoPhaseIterator#matchCost()} counts. */
        float cost();
    }

    @Override
    public float score() throws IOException {
        return in.score();
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
        return in.getMaxScore(upTo);
    }

    @Override
    public int advanceShallow(int target) throws IOException {
        return in.advanceShallow(target);
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
        in.setMinCompetitiveScore(minScore);
    }

    @Override
    public int docID() {
        return iterator.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
        return iterator;
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
        return twoPhase;
    }
}
