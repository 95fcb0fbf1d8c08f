package org.kcskb.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Scores the second-phase bonus clauses (terms and exact phrases, each optionally boosted) of a few documents in
 * one pass over their terms' postings.
 *
 * <p>It computes what the clauses' own Lucene scorers would, with the searcher's similarity and statistics: a
 * term's score from its frequency and the field's norm, an exact phrase's from the number of positions where its
 * terms stand at their offsets. But where a weight per clause looks each term up once per clause (a term shared by
 * two phrases twice) and advances a scorer per clause, this looks each distinct term up once, reads its postings
 * once per document, and scores every clause from them. {@link Ranking#explain} explains the same clauses with
 * Lucene's own weights, and the tests hold the two to the same sum. Not thread-safe; one per search.
 */
final class BonusScorer {
    private final Term[] terms;
    private final TermLookups lookups;
    private final boolean[] needsPositions;
    private final List<Clause> clauses;

    private BonusScorer(Term[] terms, TermLookups lookups, boolean[] needsPositions, List<Clause> clauses) {
        this.terms = terms;
        this.lookups = lookups;
        this.needsPositions = needsPositions;
        this.clauses = clauses;
    }

    /**
     * A bonus clause: its terms (indexes into the distinct terms) at their phrase offsets, and the similarity's
     * scorer for it. A term clause is a phrase of one term.
     */
    private record Clause(String field, int[] terms, int[] offsets, Similarity.SimScorer scorer) {
        boolean isPhrase() {
            return terms.length > 1;
        }
    }

    /**
     * Prepares the clauses for {@code searcher}: each a {@link TermQuery} or an exact {@link PhraseQuery} (slop
     * 0), optionally inside {@link BoostQuery}s. A clause none of whose documents can match (a term no article
     * holds) is left out. Terms are looked up through {@code lookups}, of the searcher's reader.
     *
     * @throws IllegalArgumentException for any other kind of clause
     */
    static BonusScorer create(IndexSearcher searcher, List<Query> bonus, TermLookups lookups) throws IOException {
        var distinct = new LinkedHashMap<Term, Integer>();
        var clauses = new ArrayList<Clause>();
        for (Query clause : bonus) {
            float boost = 1;
            Query query = clause;
            while (query instanceof BoostQuery boosted) {
                boost *= boosted.getBoost();
                query = boosted.getQuery();
            }
            Term[] clauseTerms;
            int[] offsets;
            if (query instanceof TermQuery term) {
                clauseTerms = new Term[] {term.getTerm()};
                offsets = new int[] {0};
            } else if (query instanceof PhraseQuery phrase && phrase.getSlop() == 0 && phrase.getTerms().length > 0) {
                clauseTerms = phrase.getTerms();
                offsets = phrase.getPositions();
            } else {
                throw new IllegalArgumentException(
                        "A bonus clause must be a term or an exact phrase query, optionally boosted: " + clause);
            }
            String field = clauseTerms[0].field();
            CollectionStatistics collection = searcher.collectionStatistics(field);
            var indexes = new int[clauseTerms.length];
            var statistics = new TermStatistics[clauseTerms.length];
            boolean matchable = collection != null;
            for (int i = 0; i < clauseTerms.length && matchable; i++) {
                Term term = clauseTerms[i];
                indexes[i] = distinct.computeIfAbsent(term, t -> distinct.size());
                TermStates state = lookups.states(term);
                matchable = state.docFreq() > 0;
                if (matchable) {
                    statistics[i] = searcher.termStatistics(term, state.docFreq(), state.totalTermFreq());
                }
            }
            if (matchable) {
                Similarity.SimScorer scorer = searcher.getSimilarity().scorer(boost, collection, statistics);
                clauses.add(new Clause(field, indexes, offsets, scorer));
            }
        }
        // A term needs its positions where a phrase clause reads it.
        var needsPositions = new boolean[distinct.size()];
        for (Clause clause : clauses) {
            for (int term : clause.terms()) {
                needsPositions[term] |= clause.isPhrase();
            }
        }
        return new BonusScorer(distinct.keySet().toArray(Term[]::new), lookups, needsPositions, List.copyOf(clauses));
    }

    /** Whether no clause can match anywhere. */
    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** Returns the scorer of one segment, to be asked about documents in increasing order. */
    Leaf leaf(LeafReaderContext context) throws IOException {
        return new Leaf(context);
    }

    /** The bonus in one segment. */
    final class Leaf {
        private final PostingsEnum[] postings;
        private final int[][] positions;
        private final int[] positionCounts;
        private final Map<String, Norms> norms = new LinkedHashMap<>();
        private int loadedDoc = -1;

        private Leaf(LeafReaderContext context) throws IOException {
            postings = new PostingsEnum[terms.length];
            positions = new int[terms.length][];
            positionCounts = new int[terms.length];
            for (int t = 0; t < terms.length; t++) {
                TermsEnum termsEnum = lookups.seek(context, terms[t]);
                if (termsEnum != null) {
                    postings[t] =
                            termsEnum.postings(null, needsPositions[t] ? PostingsEnum.POSITIONS : PostingsEnum.FREQS);
                }
            }
            for (Clause clause : clauses) {
                if (!norms.containsKey(clause.field())) {
                    norms.put(clause.field(), new Norms(context.reader().getNormValues(clause.field())));
                }
            }
        }

        /** The sum of the bonus clauses' scores on {@code doc}, 0 where none matches. */
        double score(int doc) throws IOException {
            for (PostingsEnum p : postings) {
                if (p != null && p.docID() < doc) {
                    p.advance(doc);
                }
            }
            double sum = 0;
            for (Clause clause : clauses) {
                float freq = clause.isPhrase() ? phraseFreq(clause, doc) : termFreq(clause.terms()[0], doc);
                if (freq > 0) {
                    sum += clause.scorer().score(freq, norm(clause.field(), doc));
                }
            }
            return sum;
        }

        private float termFreq(int term, int doc) throws IOException {
            PostingsEnum p = postings[term];
            return p != null && p.docID() == doc ? p.freq() : 0;
        }

        /** How many positions of the phrase's first term have every other term at its offset. */
        private float phraseFreq(Clause clause, int doc) throws IOException {
            int[] clauseTerms = clause.terms();
            for (int term : clauseTerms) {
                if (postings[term] == null || postings[term].docID() != doc) {
                    return 0;
                }
            }
            loadPositions(doc);
            int first = clauseTerms[0];
            int matches = 0;
            for (int i = 0; i < positionCounts[first]; i++) {
                int start = positions[first][i] - clause.offsets()[0];
                boolean all = true;
                for (int k = 1; k < clauseTerms.length && all; k++) {
                    int term = clauseTerms[k];
                    all = Arrays.binarySearch(positions[term], 0, positionCounts[term], start + clause.offsets()[k])
                            >= 0;
                }
                if (all) {
                    matches++;
                }
            }
            return matches;
        }

        /** Reads the positions of every positional term on {@code doc}, once per document. */
        private void loadPositions(int doc) throws IOException {
            if (loadedDoc == doc) {
                return;
            }
            loadedDoc = doc;
            for (int t = 0; t < postings.length; t++) {
                PostingsEnum p = postings[t];
                if (!needsPositions[t] || p == null || p.docID() != doc) {
                    positionCounts[t] = 0;
                    continue;
                }
                int freq = p.freq();
                if (positions[t] == null || positions[t].length < freq) {
                    positions[t] = new int[Math.max(freq, 8)];
                }
                for (int i = 0; i < freq; i++) {
                    positions[t][i] = p.nextPosition();
                }
                positionCounts[t] = freq;
            }
        }

        private long norm(String field, int doc) throws IOException {
            return norms.get(field).at(doc);
        }
    }

    /** A field's norms, read once per document however many clauses of the field score it. */
    private static final class Norms {
        private final NumericDocValues values;
        private int doc = -1;
        private long norm = 1L;

        Norms(NumericDocValues values) {
            this.values = values;
        }

        long at(int target) throws IOException {
            if (target != doc) {
                doc = target;
                norm = values != null && values.advanceExact(target) ? values.longValue() : 1L;
            }
            return norm;
        }
    }

    @Override
    public String toString() {
        return "bonus(" + clauses.size() + " clauses over " + terms.length + " terms)";
    }
}
