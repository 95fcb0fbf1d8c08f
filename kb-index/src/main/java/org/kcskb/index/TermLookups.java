package org.kcskb.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOSupplier;

/**
 * The term look-ups of one search. A search asks about the same terms several times: the language vote and the
 * typo check count the query's written forms, the first phase scores its analysed terms, the second phase reads
 * the written forms and the phrase words, the snippets the words again. Each term is looked up in the terms
 * dictionary once here, through one terms enum per segment and field, and its states are kept; every later use
 * seeks by the kept state, which skips the dictionary. Lucene's own {@link TermStates#build} opens a terms enum per
 * term and segment on every call, and those look-ups took a sixth of a search.
 *
 * <p>{@link #docFreq} counts deleted documents, as {@link IndexReader#docFreq} does: it is the statistic scoring
 * uses. {@link #visibleDocs} counts only live documents that the viewer may see: what a decision the viewer can
 * observe (the query language, whether a word is a typo) must rest on, so that it reveals nothing about articles the
 * viewer may not see. Not thread-safe: one per search and reader.
 */
final class TermLookups {
    /** The documents of a segment that the viewer may see, deleted ones included; null when every one. */
    @FunctionalInterface
    interface Visible {
        Visible ALL = leaf -> null;

        FixedBitSet docs(LeafReaderContext leaf) throws IOException;
    }

    private final IndexReaderContext top;
    private final List<LeafReaderContext> leaves;
    private final Visible visible;
    private final Map<Term, TermStates> states = new HashMap<>();
    private final Map<String, TermsEnum[]> enums = new HashMap<>();
    /** Per term: {how many visible live documents were counted, the bound the count stopped at}. */
    private final Map<Term, int[]> visibleCounts = new HashMap<>();

    private FixedBitSet[] visibleDocs;
    private boolean[] visibleKnown;
    private PostingsEnum postings;

    /** Look-ups whose {@link #visibleDocs} count every live document. */
    TermLookups(IndexReader reader) {
        this(reader, Visible.ALL);
    }

    TermLookups(IndexReader reader, Visible visible) {
        this.top = reader.getContext();
        this.leaves = reader.leaves();
        this.visible = visible;
    }

    /** How many documents hold {@code term}, deleted ones included (the scoring statistic). */
    int docFreq(Term term) throws IOException {
        return states(term).docFreq();
    }

    /**
     * How many live documents the viewer may see hold {@code term}, counted up to {@code upTo}: a word's presence
     * ({@code upTo} 1) costs the postings up to the first visible document, which for a common word is the first.
     * The postings are intersected with the visible documents by skipping, so a word that only hidden articles hold
     * costs the skips between visible documents, not a read of every posting.
     */
    int visibleDocs(Term term, int upTo) throws IOException {
        int[] known = visibleCounts.get(term);
        if (known != null && (known[0] < known[1] || known[1] >= upTo)) {
            return Math.min(known[0], upTo);
        }
        int count = 0;
        TermStates termStates = states(term);
        for (LeafReaderContext leaf : leaves) {
            if (count >= upTo) {
                break;
            }
            IOSupplier<TermState> supplier = termStates.get(leaf);
            TermState state = supplier == null ? null : supplier.get();
            if (state == null) {
                continue;
            }
            TermsEnum terms = enums(term.field())[leaf.ord];
            terms.seekExact(term.bytes(), state);
            FixedBitSet accepted = visible(leaf);
            Bits live = leaf.reader().getLiveDocs();
            if (accepted == null && live == null) {
                // Every document of the segment counts (the public partition between deletes): the dictionary knows.
                count += Math.min(terms.docFreq(), upTo - count);
                continue;
            }
            postings = terms.postings(postings, PostingsEnum.NONE);
            count += count(postings, accepted, live, upTo - count);
        }
        visibleCounts.put(term, new int[] {count, upTo});
        return count;
    }

    private static int count(PostingsEnum postings, FixedBitSet accepted, Bits live, int upTo) throws IOException {
        int count = 0;
        int doc = postings.nextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS) {
            if (accepted != null) {
                int next = doc < accepted.length() ? accepted.nextSetBit(doc) : DocIdSetIterator.NO_MORE_DOCS;
                if (next == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                if (next != doc) {
                    doc = postings.advance(next);
                    continue;
                }
            }
            if ((live == null || live.get(doc)) && ++count >= upTo) {
                break;
            }
            doc = postings.nextDoc();
        }
        return count;
    }

    private FixedBitSet visible(LeafReaderContext leaf) throws IOException {
        if (visibleDocs == null) {
            visibleDocs = new FixedBitSet[leaves.size()];
            visibleKnown = new boolean[leaves.size()];
        }
        if (!visibleKnown[leaf.ord]) {
            visibleDocs[leaf.ord] = visible.docs(leaf);
            visibleKnown[leaf.ord] = true;
        }
        return visibleDocs[leaf.ord];
    }

    /**
     * The term's states in every segment, with its index-wide statistics, as {@link TermStates#build} gives them
     * for a scoring query.
     */
    TermStates states(Term term) throws IOException {
        TermStates known = states.get(term);
        if (known != null) {
            return known;
        }
        var found = new TermStates(top);
        TermsEnum[] perLeaf = enums(term.field());
        for (int i = 0; i < perLeaf.length; i++) {
            TermsEnum terms = perLeaf[i];
            if (terms != null && terms.seekExact(term.bytes())) {
                found.register(terms.termState(), leaves.get(i).ord, terms.docFreq(), terms.totalTermFreq());
            }
        }
        states.put(term, found);
        return found;
    }

    /** A term query over {@code term} that scores with the states found here instead of looking them up again. */
    TermQuery query(Term term) throws IOException {
        return new TermQuery(term, states(term));
    }

    /**
     * Returns this search's terms enum of {@code term}'s field in {@code leaf}, positioned on the term, or null
     * where the segment does not hold it. The enum is shared: read it (postings, frequencies) before the next call.
     */
    TermsEnum seek(LeafReaderContext leaf, Term term) throws IOException {
        IOSupplier<TermState> supplier = states(term).get(leaf);
        TermState state = supplier == null ? null : supplier.get();
        if (state == null) {
            return null;
        }
        TermsEnum terms = enums(term.field())[leaf.ord];
        terms.seekExact(term.bytes(), state);
        return terms;
    }

    private TermsEnum[] enums(String field) throws IOException {
        TermsEnum[] known = enums.get(field);
        if (known != null) {
            return known;
        }
        var perLeaf = new TermsEnum[leaves.size()];
        for (int i = 0; i < perLeaf.length; i++) {
            Terms terms = leaves.get(i).reader().terms(field);
            perLeaf[i] = terms == null ? null : terms.iterator();
        }
        enums.put(field, perLeaf);
        return perLeaf;
    }
}
