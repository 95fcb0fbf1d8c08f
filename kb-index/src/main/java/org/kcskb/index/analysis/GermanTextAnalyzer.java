package org.kcskb.index.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * German analysis: standard tokenizer, German normal form, query-side stopwords, "-s" endings, "zu" infinitives,
 * word prefixes, decompounding, Snowball stemming.
 * Thread-safe, like every analyzer.
 *
 * <p>Stemming uses the Snowball German stemmer. Support vocabulary is full of "-er" nouns (Drucker, Treiber, Fehler,
 * Benutzer, Server) in every case, and Snowball maps them all to one stem ("Fehler", "Fehlern", "des Fehlers" to
 * {@code fehl}; "Drucker", "Druckers", "drucken" to {@code druck}), conflating noun and verb as a help-desk search
 * wants. Lucene's minimal stemmer treats them inconsistently ("fehler" to {@code fehl} but "fehlern" to
 * {@code fehler}) and the light stemmer misses the genitive "-s". Measured with the relevance harness (nDCG@10):
 * Snowball 0.8175 and 0.3115 on xquadr-de and covidfaq-de, light 0.8141 and 0.3079, minimal 0.8141 and 0.2952.
 * The stemmer runs on the German normal form (umlauts spelled out) and keeps them spelled out
 * ({@link GermanStemFilter}): "Drücken" gives {@code drueck}, "Drucker" {@code druck}.
 *
 * <p>Decompounding runs before stemming, on full word forms, because the vocabulary holds full forms; the parts are
 * then stemmed like any other token. Before it, a plural or genitive "-s" that Snowball would keep is dropped when
 * the vocabulary knows the word without it ({@link SEndingFilter}), so is the "zu" inside a separable verb's
 * infinitive ("anzumelden" to "anmelden", {@link ZuInfinitiveFilter}), and each long word adds its five-letter prefix
 * as a low-weight backoff for derived forms that no stemmer conflates ({@link PrefixFilter}).
 */
final class GermanTextAnalyzer extends Analyzer {
    private final CompoundVocabulary vocabulary;
    private final boolean query;
    private final boolean exact;

    /**
     * @param vocabulary the decompounding vocabulary
     * @param query whether this analyses queries (drops stopwords unless nothing else remains)
     * @param exact whether to keep word forms as written (normal form only: no decompounding, no stemming)
     */
    GermanTextAnalyzer(CompoundVocabulary vocabulary, boolean query, boolean exact) {
        this.vocabulary = vocabulary;
        this.query = query;
        this.exact = exact;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = GermanText.normalize(source);
        if (query) {
            stream = new QueryStopFilter(stream, GermanText.STOP_WORDS);
        }
        if (!exact) {
            stream = new SEndingFilter(stream, vocabulary);
            stream = new ZuInfinitiveFilter(stream, vocabulary);
            stream = new PrefixFilter(stream);
            stream = new DecompoundFilter(stream, vocabulary);
            stream = new GermanStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return GermanText.normalize(in);
    }
}
