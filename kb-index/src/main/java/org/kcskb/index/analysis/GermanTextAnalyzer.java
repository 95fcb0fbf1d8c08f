package org.kcskb.index.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * German analysis: standard tokenizer, German normal form, query-side stopwords, decompounding, light stemming.
 * Thread-safe, like every analyzer.
 *
 * <p>Stemming uses {@link GermanLightStemFilter} rather than the minimal stemmer. Support vocabulary is full of
 * "-er" nouns (Drucker, Treiber, Fehler, Benutzer, Server) and the minimal stemmer treats them inconsistently:
 * "fehler" becomes {@code fehl} but "fehlern" becomes {@code fehler}, so "Fehler" would not find "bei Fehlern". The
 * light stemmer maps -er/-ern/-en/-e forms to one stem ({@code fehl}, {@code druck}) and conflates noun and verb
 * ("Drucker", "drucken"), which is what a help-desk search wants; it misses the genitive "-ers" ("des Druckers"),
 * which the same article usually also has in the nominative.
 *
 * <p>Decompounding runs before stemming, on full word forms, because the vocabulary holds full forms; the parts are
 * then stemmed like any other token.
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
            stream = new DecompoundFilter(stream, vocabulary);
            stream = new GermanLightStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return GermanText.normalize(in);
    }
}
