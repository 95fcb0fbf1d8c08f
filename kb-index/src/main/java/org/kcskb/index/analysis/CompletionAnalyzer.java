package org.kcskb.index.analysis;

import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Splits text into the words that search-as-you-type completes: every word in the German normal form (lower case,
 * umlauts and ß spelled out, accents folded to ASCII; see {@link GermanText}), neither stemmed nor stopped, so that a
 * typed prefix is compared with the word as written. Thread-safe, like every analyzer.
 *
 * <p>The field name picks the chain. {@link #COMPOUNDS} also adds the parts of German compounds after the
 * compound, at its position and with its offsets ("Druckertreiber" gives {@code druckertreiber}, {@code drucker},
 * {@code treiber}), from the same learned {@link CompoundVocabulary} as the search analyzers; {@link #WORDS} gives
 * the words only, which is what typed text is analysed with (its last word is usually incomplete and cannot be
 * split). Any other field name is rejected.
 */
public final class CompletionAnalyzer extends Analyzer {
    /** The field name for words plus the parts of German compounds. */
    public static final String COMPOUNDS = "compounds";
    /** The field name for words only. */
    public static final String WORDS = "words";

    private final CompoundVocabulary vocabulary;

    private CompletionAnalyzer(CompoundVocabulary vocabulary) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.vocabulary = vocabulary;
    }

    /** Returns the analyzer, splitting compounds into the words of {@code vocabulary}. */
    public static CompletionAnalyzer create(CompoundVocabulary vocabulary) {
        return new CompletionAnalyzer(Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = GermanText.normalize(source);
        switch (fieldName) {
            case COMPOUNDS -> stream = new DecompoundFilter(stream, vocabulary);
            case WORDS -> {}
            default ->
                throw new IllegalArgumentException("Unknown field '" + fieldName
                        + "': use CompletionAnalyzer.COMPOUNDS or CompletionAnalyzer.WORDS");
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return GermanText.normalize(in);
    }
}
