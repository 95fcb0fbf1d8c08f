package org.kcskb.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.IOSupplier;

/**
 * The term look-ups of one search. A search asks about the same terms several times: the language vote and the
 * typo check count the query's written forms, the first phase scores its analysed terms, the second phase reads
 * the written forms and the phrase words, the snippets the words again. Each term is looked up in the terms
 * dictionary once here, through one terms enum per segment and field, and its states are kept; every later use
 * seeks by the kept state, which skips the dictionary. Lucene's own {@link TermStates#build} opens a terms enum per
 * term and segment on every call, and those look-ups took a sixth of a search.
 *
 * <p>Deleted documents count, as they do in {@link IndexReader#docFreq}. Not thread-safe: one per search and
 * reader.
 */
final class TermLookups {
    private final IndexReaderContext top;
    private final List<LeafReaderContext> leaves;
    private final Map<Term, TermStates> states = new HashMap<>();
    private final Map<String, TermsEnum[]> enums = new HashMap<>();

    TermLookups(IndexReader reader) {
        this.top = reader.getContext();
        this.leaves = reader.leaves();
    }

    /** How many documents hold {@code term}. */
    int docFreq(Term term) throws IOException {
        return states(term).docFreq();
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
