package org.kcskb.index.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * A filter that rewrites a plain German word by what the knowledge base's own vocabulary knows (the
 * {@link CompoundVocabulary}, read as of the stream's {@link #reset()}): the common part of {@link SEndingFilter}
 * and {@link ZuInfinitiveFilter}. Not thread-safe, like every token stream.
 */
abstract class VocabularyWordFilter extends TokenFilter {
    private static final String ALPHANUM = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];

    final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final CompoundVocabulary vocabulary;
    /** The vocabulary's word frequencies as of the last {@link #reset()}. */
    FrequencyTable table;

    VocabularyWordFilter(TokenStream input, CompoundVocabulary vocabulary) {
        super(input);
        this.vocabulary = vocabulary;
    }

    /**
     * Whether the current token is a word this filter may rewrite: an alphanumeric token of letters only, at most
     * {@link Decompounder#MAX_WORD} long, that no earlier filter marked as a keyword.
     */
    final boolean isPlainWord() {
        int length = term.length();
        return length <= Decompounder.MAX_WORD
                && !keyword.isKeyword()
                && ALPHANUM.equals(type.type())
                && GermanText.isPlainWord(term.buffer(), 0, length);
    }

    @Override
    public final boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        rewrite(term.buffer(), term.length());
        return true;
    }

    /**
     * Rewrites the current token in place (through {@link #term}) where the vocabulary says so, or leaves it.
     *
     * @param buffer the term's characters
     * @param length how many of them are the term
     */
    abstract void rewrite(char[] buffer, int length);

    @Override
    public void reset() throws IOException {
        super.reset();
        table = vocabulary.current().table();
    }
}
