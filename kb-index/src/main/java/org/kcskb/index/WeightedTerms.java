package org.kcskb.index;

import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;

/**
 * A token stream of already analysed terms, each once with its frequency as a {@link TermFrequencyAttribute}: how
 * {@link ArticleFields#ALL} is indexed. Lucene adds each term's
 * frequency to the field's length, so the length (and BM25's length normalisation) is the weighted length too. For
 * fields indexed with {@code DOCS_AND_FREQS} only. Not thread-safe, like every token stream.
 */
final class WeightedTerms extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
    private final String[] terms;
    private final int[] frequencies;
    private int next;

    WeightedTerms(Map<String, Integer> weights) {
        this.terms = new String[weights.size()];
        this.frequencies = new int[weights.size()];
        int i = 0;
        for (var entry : weights.entrySet()) {
            terms[i] = entry.getKey();
            frequencies[i] = entry.getValue();
            i++;
        }
    }

    @Override
    public boolean incrementToken() {
        if (next == terms.length) {
            return false;
        }
        clearAttributes();
        term.setEmpty().append(terms[next]);
        frequency.setTermFrequency(frequencies[next]);
        next++;
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
