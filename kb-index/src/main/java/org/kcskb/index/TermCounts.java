package org.kcskb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;

/**
 * Document frequencies of terms in one reader, for the look-ups of one search (the language vote and the typo
 * check ask about the same words): each term is looked up once, through one terms enum per segment and field,
 * where {@link IndexReader#docFreq} opens an enum per segment on every call. Deleted documents count, as they do
 * there. Not thread-safe: one per search.
 */
final class TermCounts {
    private final List<LeafReaderContext> leaves;
    private final Map<Term, Integer> counts = new HashMap<>();
    private final Map<String, TermsEnum[]> enums = new HashMap<>();

    TermCounts(IndexReader reader) {
        this.leaves = reader.leaves();
    }

    /** How many documents hold {@code term}. */
    int docFreq(Term term) throws IOException {
        Integer known = counts.get(term);
        if (known != null) {
            return known;
        }
        int count = 0;
        for (TermsEnum terms : enums(term.field())) {
            if (terms != null && terms.seekExact(term.bytes())) {
                count += terms.docFreq();
            }
        }
        counts.put(term, count);
        return count;
    }

    private TermsEnum[] enums(String field) {
        return enums.computeIfAbsent(field, f -> {
            var perLeaf = new TermsEnum[leaves.size()];
            try {
                for (int i = 0; i < perLeaf.length; i++) {
                    Terms terms = leaves.get(i).reader().terms(f);
                    perLeaf[i] = terms == null ? null : terms.iterator();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return perLeaf;
        });
    }
}
