package org.kcskb.opensearch;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.kcskb.index.analysis.CompoundVocabulary;
import org.kcskb.index.analysis.KbAnalyzers;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.index.analysis.LanguageAnalysis;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The vocabulary of one of the engine's indices, as its searches apply it: the base vocabulary of the engine's
 * context followed by the store's entries ({@link OpenSearchIndexWriter#vocabulary}), compiled with the embedded
 * engine's {@link VocabularyMatcher} in the application (never as a {@code synonym_graph} filter of the index
 * settings, which would need an analyzer reload or a re-index on every change). German rule terms are analysed by
 * the index's own {@link GermanAnalysis} and searched as its terms; English and language-neutral ones are matched by
 * the library's English and neutral chains and sent as the rule's text, which the cluster analyses as it analyses
 * the query. Compiled once per vocabulary and swapped whole, so a search sees one consistent vocabulary.
 * Thread-safe.
 */
final class OpenSearchVocabulary implements AutoCloseable {
    /**
     * Query languages besides each language of {@link IndexSchema#LANGUAGES} ({@code de}, ...): neither (only rules
     * for every language) and unsure (every rule).
     */
    static final String NEITHER = IndexSchema.NEUTRAL;

    static final String UNSURE = VocabularyMatcher.UNSURE;

    /**
     * A compiled vocabulary: the matcher of each query language and language key, the vocabulary itself, and the
     * rules of every language over typed words in the suggestions' folded form ({@link SuggestionText#words}), which
     * suggestions look up besides the words as typed.
     */
    record Compiled(
            Vocabulary stored,
            Vocabulary effective,
            Map<String, VocabularyMatcher> matchers,
            boolean hasBestBets,
            VocabularyMatcher completion) {
        VocabularyMatcher matcher(String queryLanguage, String key) {
            return matchers.getOrDefault(queryLanguage + "/" + key, VocabularyMatcher.empty());
        }
    }

    private final Vocabulary base;
    private final GermanAnalysis german;
    private final KbAnalyzers analyzers = KbAnalyzers.create(CompoundVocabulary.empty());
    private volatile Compiled compiled;

    OpenSearchVocabulary(Vocabulary base, GermanAnalysis german) {
        this.base = base;
        this.german = german;
        this.compiled = compile(Vocabulary.empty());
    }

    /** Returns the vocabulary compiled with {@code stored} (the writer's last), compiling it when it changed. */
    Compiled current(Vocabulary stored) {
        Compiled now = compiled;
        if (now.stored() == stored) {
            return now;
        }
        synchronized (this) {
            if (compiled.stored() != stored) {
                compiled = compile(stored);
            }
            return compiled;
        }
    }

    private Compiled compile(Vocabulary stored) {
        Vocabulary effective = base.plus(stored);
        var matchers = new HashMap<String, VocabularyMatcher>();
        for (String queryLanguage : VocabularyMatcher.queryLanguages()) {
            for (String key : IndexSchema.LANGUAGE_KEYS) {
                VocabularyMatcher matcher = VocabularyMatcher.compile(
                        effective, VocabularyMatcher.ruleLanguages(queryLanguage), key, words(key));
                if (!matcher.isEmpty()) {
                    matchers.put(queryLanguage + "/" + key, matcher);
                }
            }
        }
        return new Compiled(
                stored,
                effective,
                Map.copyOf(matchers),
                effective.entries().stream().anyMatch(e -> e.rule() instanceof VocabularyRule.BestBet),
                VocabularyMatcher.compile(effective, VocabularyMatcher.ruleLanguages(UNSURE), SuggestionText::words));
    }

    /** How a language key's block reads words for the vocabulary: stemmed, stopwords kept, no stacked tokens. */
    Function<String, List<String>> words(String key) {
        if (key.equals("de")) {
            return german::words;
        }
        Analyzer analyzer = analyzers.index(
                KbLanguages.key(key).map(LanguageAnalysis::locale).orElse(Locale.ROOT));
        return text -> VocabularyMatcher.words(analyzer, "text", text);
    }

    /** The query language whose rules apply to a request in {@code language} ({@link Locale#ROOT}: unsure). */
    static String queryLanguage(Locale language) {
        if (language.getLanguage().isEmpty()) {
            return UNSURE;
        }
        String key = IndexSchema.languageKey(language);
        return key.equals(IndexSchema.NEUTRAL) ? NEITHER : key;
    }

    /** The languages of the rules that apply to queries in {@code queryLanguage}. */
    static Set<Locale> locales(String queryLanguage) {
        return VocabularyMatcher.ruleLanguages(queryLanguage);
    }

    @Override
    public void close() {
        analyzers.close();
    }
}
