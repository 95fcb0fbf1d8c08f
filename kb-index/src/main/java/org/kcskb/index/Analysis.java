package org.kcskb.index;

import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.kcskb.index.analysis.CompletionAnalyzer;
import org.kcskb.index.analysis.CompoundVocabulary;
import org.kcskb.index.analysis.KbAnalyzers;
import org.kcskb.index.analysis.LanguageAnalysis;
import org.kcskb.vocabulary.Vocabulary;

/**
 * The analysis of one index: per-language chains for index and query time, the German decompounding
 * vocabulary learned from the knowledge base's own articles. Thread-safe.
 */
final class Analysis implements AutoCloseable {
    private final CompoundVocabulary vocabulary;
    private final KbAnalyzers analyzers;
    private final Analyzer perField;
    private final CompletionAnalyzer completion;
    /** The vocabulary configured in code, and the last one the store gave; guarded by {@code this}. */
    private Vocabulary baseVocabulary = Vocabulary.empty();

    private Vocabulary storedVocabulary = Vocabulary.empty();
    /** Swapped whole, so that a search reads one consistent vocabulary. */
    private volatile QueryVocabulary queryVocabulary = QueryVocabulary.NONE;

    Analysis() {
        this.vocabulary = CompoundVocabulary.create();
        this.analyzers = KbAnalyzers.create(vocabulary);
        this.completion = CompletionAnalyzer.create(vocabulary);
        var keyword = new KeywordAnalyzer();
        this.perField = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                int dot = fieldName.lastIndexOf('.');
                if (dot < 0) {
                    return keyword;
                }
                Locale language = locale(fieldName.substring(dot + 1));
                return fieldName.startsWith(ArticleFields.EXACT + ".")
                        ? analyzers.exactIndex(language)
                        : analyzers.index(language);
            }
        };
    }

    private static Locale locale(String languageKey) {
        return ArticleFields.language(languageKey).map(LanguageAnalysis::locale).orElse(Locale.ROOT);
    }

    /** Returns the analyzer for documents: routes each {@code base.lang} field to its language's chain. */
    Analyzer indexAnalyzer() {
        return perField;
    }

    /** Returns the analyzer for queries in the given language key. */
    Analyzer queryAnalyzer(String languageKey) {
        return analyzers.query(locale(languageKey));
    }

    /** Returns the analyzer for queries on the exact-form field of the given language key. */
    Analyzer exactQueryAnalyzer(String languageKey) {
        return analyzers.exactQuery(locale(languageKey));
    }

    /** Returns the analyzer of suggestions: normal-form words, and German compound parts from the same vocabulary. */
    CompletionAnalyzer completionAnalyzer() {
        return completion;
    }

    /**
     * Feeds the words of an article to the decompounding vocabulary before the article is analysed, when its
     * language {@linkplain LanguageAnalysis#learnsCompounds() learns compounds}.
     */
    void learn(String languageKey, String text) {
        if (ArticleFields.learnsCompounds(languageKey)) {
            vocabulary.learn(text);
        }
    }

    /** The decompounding vocabulary, learned from the index's own articles. */
    CompoundVocabulary vocabulary() {
        return vocabulary;
    }

    /** Takes back what {@link #learn} counted for a German text (empty for an article that taught nothing). */
    void unlearn(String germanText) {
        if (!germanText.isEmpty()) {
            vocabulary.unlearn(germanText);
        }
    }

    /** Forgets what was learned from articles (the seed list stays), before everything is learned again. */
    void forgetLearned() {
        vocabulary.forgetLearned();
    }

    /** Makes everything learned so far visible to the analyzers at once (after a bulk load). */
    void publishVocabulary() {
        vocabulary.snapshot();
    }

    /** Sets the vocabulary configured in code, applied before the store's entries; compiles the effective one. */
    synchronized void useBaseVocabulary(Vocabulary base) {
        this.baseVocabulary = Objects.requireNonNull(base, "base");
        queryVocabulary = QueryVocabulary.compile(baseVocabulary.plus(storedVocabulary), this);
    }

    /** Sets the vocabulary the store holds (replacing what it gave before); compiles the effective one. */
    synchronized void useVocabulary(Vocabulary stored) {
        this.storedVocabulary = Objects.requireNonNull(stored, "stored");
        queryVocabulary = QueryVocabulary.compile(baseVocabulary.plus(storedVocabulary), this);
    }

    /** Returns the effective vocabulary, compiled for the query path. */
    QueryVocabulary queryVocabulary() {
        return queryVocabulary;
    }

    @Override
    public void close() {
        perField.close();
        completion.close();
        analyzers.close();
    }
}
