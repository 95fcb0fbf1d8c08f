package org.kcskb.index.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Adds the parts of German compounds after the compound itself, at the same position and with its offsets, so that
 * "Druckertreiberfehler" is indexed as {@code druckertreiberfehler}, {@code drucker}, {@code treiber}, {@code fehler}.
 * Not thread-safe, like every token stream.
 *
 * <p>Expects lower-cased tokens in German normal form (see {@link GermanText}). Keeps the original token, so exact
 * matches and phrases do not depend on the vocabulary. Parts take the compound's offsets: highlighting marks the whole
 * compound, which is what a reader expects. Each {@link #reset()} switches to the vocabulary's current snapshot, so a
 * document or a query is analysed against one snapshot throughout.
 *
 * <p>Hot path: tokens that cannot be compounds cost a few comparisons; a compound costs a cache lookup (one string for
 * the key), one {@code captureState} and a copy of its characters, and its parts are copied from that copy into the
 * reused term attribute.
 */
final class DecompoundFilter extends TokenFilter {
    private static final String ALPHANUM = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    private final CompoundVocabulary vocabulary;
    private final Decompounder decompounder = new Decompounder();

    /** The compound whose parts are pending, and its attributes. */
    private char[] compound = new char[Decompounder.MAX_WORD];

    private State compoundState;
    private int[] parts = Decompounder.NO_SPLIT;
    private int nextPart;

    DecompoundFilter(TokenStream input, CompoundVocabulary vocabulary) {
        super(input);
        this.vocabulary = vocabulary;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (nextPart < parts.length) {
            restoreState(compoundState);
            int start = parts[nextPart];
            term.copyBuffer(compound, start, parts[nextPart + 1] - start);
            positionIncrement.setPositionIncrement(0);
            nextPart += 2;
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword() && ALPHANUM.equals(type.type())) {
            int[] split = decompounder.split(term.buffer(), term.length());
            if (split.length > 0) {
                compound = ArrayUtil.grow(compound, term.length());
                System.arraycopy(term.buffer(), 0, compound, 0, term.length());
                compoundState = captureState();
                parts = split;
                nextPart = 0;
            }
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        decompounder.use(vocabulary.current());
        parts = Decompounder.NO_SPLIT;
        nextPart = 0;
        compoundState = null;
    }
}
