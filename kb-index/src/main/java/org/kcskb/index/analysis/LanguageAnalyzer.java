package org.kcskb.index.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One of the four chains of a {@link LanguageAnalysis}: standard tokenizer, {@link LanguageAnalysis#split}, the
 * normal form, at query time the stopwords ({@link QueryStopFilter}), and unless exact the stemming. Thread-safe, like
 * every analyzer.
 */
final class LanguageAnalyzer extends Analyzer {
    private final LanguageAnalysis language;
    private final CompoundVocabulary vocabulary;
    private final boolean query;
    private final boolean exact;

    /**
     * @param query whether this analyses queries (drops stopwords unless nothing else remains)
     * @param exact whether to keep word forms as written (normal form only: no decompounding, no stemming)
     */
    LanguageAnalyzer(LanguageAnalysis language, CompoundVocabulary vocabulary, boolean query, boolean exact) {
        this.language = language;
        this.vocabulary = vocabulary;
        this.query = query;
        this.exact = exact;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = language.normalForm(language.split(source));
        if (query) {
            stream = new QueryStopFilter(stream, language.stopWords());
        }
        if (!exact) {
            stream = language.stem(stream, vocabulary);
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return language.normalForm(in);
    }

    @Override
    public String toString() {
        return language.key() + (exact ? " exact" : "") + (query ? " query" : " index") + " analyzer";
    }
}
