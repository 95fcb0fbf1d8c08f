package org.kcskb.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * A query whose hits are the wrapped query's hits that contain at least one of the anchor terms, with the wrapped
 * query's scores.
 *
 * <p>It gives a flat disjunction of words and backoff terms (German word prefixes) the meaning of "the words
 * required, the backoff optional" without the nesting: a boolean query with a required disjunction is scored one
 * document at a time, where the flat one is scored with Lucene's MaxScore, which skips documents that cannot make
 * the page. The anchor check runs only on what the wrapped query collects (in bulk) or matches (as a scorer), a
 * few term postings advanced in document order, so a document matched by a prefix alone is never counted, faceted
 * or ranked. Scores are the wrapped query's sums, so the same as the nested form's.
 */
final class AnchoredQuery extends Query {
    private final Query in;
    private final List<Term> anchors;

    AnchoredQuery(Query in, Set<Term> anchors) {
        this.in = Objects.requireNonNull(in, "in");
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("An anchored query needs at least one anchor term");
        }
        // Sorted: equal queries are equal whatever the set's order, and the terms of one field come together.
        this.anchors = List.copyOf(new TreeSet<>(anchors));
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = in.rewrite(searcher);
        return rewritten == in ? this : new AnchoredQuery(rewritten, Set.copyOf(anchors));
    }

    @Override
    public void visit(QueryVisitor visitor) {
        in.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        return new AnchoredWeight(this, in.createWeight(searcher, scoreMode, boost), anchors);
    }

    @Override
    public String toString(String field) {
        return "anchored(" + in.toString(field) + ", any of " + anchors + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && in.equals(((AnchoredQuery) other).in)
                && anchors.equals(((AnchoredQuery) other).anchors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), in, anchors);
    }

    private static final class AnchoredWeight extends Weight {
        private final Weight inner;
        private final List<Term> anchors;

        AnchoredWeight(Query query, Weight inner, List<Term> anchors) {
            super(query);
            this.inner = inner;
            this.anchors = anchors;
        }

        @Override
        public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
            ScorerSupplier supplier = inner.scorerSupplier(context);
            if (supplier == null) {
                return null;
            }
            // The supplier gives one scorer or one bulk scorer, so one set of anchor postings serves either.
            var present = new Anchors(context, anchors);
            if (present.isEmpty()) {
                return null;
            }
            return new FilterScorerSupplier(supplier) {
                @Override
                public Scorer get(long leadCost) throws IOException {
                    return CheckedScorer.checked(in.get(leadCost), present);
                }

                @Override
                public BulkScorer bulkScorer() throws IOException {
                    return collectingThrough(in.bulkScorer(), collector -> new AnchoredCollector(collector, present));
                }
            };
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            Explanation explanation = inner.explain(context, doc);
            if (explanation.isMatch() && !new Anchors(context, anchors).contains(doc)) {
                return Explanation.noMatch("no word of the query, only backoff terms", explanation);
            }
            return explanation;
        }

        @Override
        public Matches matches(LeafReaderContext context, int doc) throws IOException {
            return new Anchors(context, anchors).contains(doc) ? inner.matches(context, doc) : null;
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return inner.isCacheable(ctx);
        }
    }

    /**
     * The anchor terms' postings in one segment. Asked about documents in increasing order, each question advances
     * them; a question about an earlier document (which collectors never ask) starts them afresh.
     */
    private static final class Anchors implements CheckedScorer.DocCheck {
        private final LeafReaderContext context;
        private final List<Term> terms;
        private PostingsEnum[] postings;
        private int last = -1;

        Anchors(LeafReaderContext context, List<Term> terms) throws IOException {
            this.context = context;
            this.terms = terms;
            this.postings = open();
        }

        /** Whether no anchor term occurs in the segment: then nothing in it can match. */
        boolean isEmpty() {
            return postings.length == 0;
        }

        private PostingsEnum[] open() throws IOException {
            var open = new PostingsEnum[terms.size()];
            int n = 0;
            String field = null;
            TermsEnum termsEnum = null;
            for (Term term : terms) {
                if (!term.field().equals(field)) {
                    field = term.field();
                    var fieldTerms = context.reader().terms(field);
                    termsEnum = fieldTerms == null ? null : fieldTerms.iterator();
                }
                if (termsEnum != null && termsEnum.seekExact(term.bytes())) {
                    open[n++] = termsEnum.postings(null, PostingsEnum.NONE);
                }
            }
            return Arrays.copyOf(open, n);
        }

        @Override
        public boolean test(int doc) throws IOException {
            return contains(doc);
        }

        @Override
        public float cost() {
            return terms.size();
        }

        boolean contains(int doc) throws IOException {
            if (doc < last) {
                postings = open();
            }
            last = doc;
            for (PostingsEnum p : postings) {
                int current = p.docID() < doc ? p.advance(doc) : p.docID();
                if (current == doc) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Passes on only the documents that hold an anchor term. */
    private static final class AnchoredCollector extends FilterLeafCollector {
        private final Anchors anchors;

        AnchoredCollector(LeafCollector in, Anchors anchors) {
            super(in);
            this.anchors = anchors;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (anchors.contains(doc)) {
                in.collect(doc);
            }
        }

        @Override
        public DocIdSetIterator competitiveIterator() throws IOException {
            return in.competitiveIterator();
        }
    }
}
