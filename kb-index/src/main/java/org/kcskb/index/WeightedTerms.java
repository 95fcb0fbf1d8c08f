package org.kcskb.index;

import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;

/**
 * A token stream of already analysed terms, each once with its frequency as a {@link TermFrequencyAttribute}: how
 * {@link ArticleFields#ALL} is indexed. It also carries the field's weighted length without the tokens stacked on
 * a word (compound parts, prefixes), which the field's similarity uses as the length for BM25's normalisation, as
 * Lucene's default discounts such overlapping tokens in a field analysed the usual way. For fields indexed with
 * {@code DOCS_AND_FREQS} only. Not thread-safe, like every token stream.
 */
final class WeightedTerms extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
    private final String[] terms;
    private final int[] frequencies;
    private final int length;
    private int next;

    /**
     * @param weights each term's weighted frequency
     * @param length the weighted number of words (tokens stacked on a word not counted)
     */
    WeightedTerms(Map<String, Integer> weights, int length) {
        this.length = length;
        this.terms = new String[weights.size()];
        this.frequencies = new int[weights.size()];
        int i = 0;
        for (var entry : weights.entrySet()) {
            terms[i] = entry.getKey();
            frequencies[i] = entry.getValue();
            i++;
        }
    }

    /** The weighted number of words, for the length normalisation. */
    int length() {
        return length;
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
