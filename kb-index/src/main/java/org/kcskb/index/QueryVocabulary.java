package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The effective vocabulary of one partition (its base vocabulary followed by the store's entries), compiled for its
 * query path: one {@link VocabularyMatcher} per language key, with rule terms analysed by the partition's own index
 * chain (its learned compound vocabulary included; a translation only in the block of the language it translates
 * into), and the vocabulary itself for best bets. A partition swaps the
 * whole of it at once ({@link Analysis#useVocabulary}), so a search sees one consistent vocabulary. Immutable and
 * thread-safe.
 *
 * @param vocabulary the effective vocabulary
 * @param matchers the matcher of each query language and language key
 * @param version distinct for every compiled vocabulary of the JVM: part of the result cache's key
 * @param hasBestBets whether any entry is a best bet (most searches need not look for one)
 * @param completion the synonyms and expansions of every language, matched over typed words in the normal form of
 *     suggestions (see {@link Suggestions}): suggestions have no query language, and complete what was typed
 */
record QueryVocabulary(
        Vocabulary vocabulary,
        Map<String, VocabularyMatcher> matchers,
        long version,
        boolean hasBestBets,
        VocabularyMatcher completion) {
    private static final AtomicLong VERSIONS = new AtomicLong();

    /** The vocabulary of a partition before it has any: nothing applies. */
    static final QueryVocabulary NONE =
            new QueryVocabulary(Vocabulary.empty(), Map.of(), 0, false, VocabularyMatcher.empty());

    /**
     * The query languages a matcher can be for, besides the key of each registered language ({@code de},
     * {@code en}, {@code fr}): neither (only the rules for every language apply) and unsure (the rules of every
     * language apply).
     */
    static final String NEITHER = ArticleFields.OTHER;

    static final String UNSURE = VocabularyMatcher.UNSURE;

    /**
     * Compiles {@code vocabulary} with the index analysis of {@code analysis}: a matcher for each query language
     * and each language block of a query, the rules of the query's language analysed by the block's chain.
     */
    static QueryVocabulary compile(Vocabulary vocabulary, Analysis analysis) {
        var matchers = new HashMap<String, VocabularyMatcher>();
        for (String queryLanguage : VocabularyMatcher.queryLanguages()) {
            for (String key : ArticleFields.LANGUAGE_KEYS) {
                VocabularyMatcher matcher = VocabularyMatcher.compile(
                        vocabulary,
                        VocabularyMatcher.ruleLanguages(queryLanguage),
                        key,
                        term -> words(analysis.indexAnalyzer(), key, term));
                if (!matcher.isEmpty()) {
                    matchers.put(queryLanguage + "/" + key, matcher);
                }
            }
        }
        return new QueryVocabulary(
                vocabulary,
                Map.copyOf(matchers),
                VERSIONS.incrementAndGet(),
                vocabulary.entries().stream().anyMatch(e -> e.rule() instanceof VocabularyRule.BestBet),
                VocabularyMatcher.compile(
                        vocabulary,
                        VocabularyMatcher.ruleLanguages(UNSURE),
                        term -> SuggestionText.typedWords(analysis.completionAnalyzer(), term)));
    }

    /**
     * Returns the matcher of the rules for queries in {@code queryLanguage} (a registered language's key,
     * {@link #NEITHER} or {@link #UNSURE}) over the language block {@code key} (empty when no rule applies).
     */
    VocabularyMatcher matcher(String queryLanguage, String key) {
        return matchers.getOrDefault(queryLanguage + "/" + key, VocabularyMatcher.empty());
    }

    /**
     * The query language whose rules apply, from the query's language blocks (the requested or detected language's
     * and the neutral one, or every block when the language is unsure): the one registered language among them,
     * {@link #UNSURE} for several, {@link #NEITHER} for none.
     */
    static String queryLanguage(List<String> preferredKeys) {
        String language = null;
        for (String key : preferredKeys) {
            if (ArticleFields.language(key).isPresent()) {
                if (language != null) {
                    return UNSURE;
                }
                language = key;
            }
        }
        if (preferredKeys.isEmpty()) {
            return UNSURE;
        }
        return language != null ? language : NEITHER;
    }

    /** The languages of the rules that apply to queries in {@code queryLanguage} (see {@link #queryLanguage}). */
    static Set<Locale> locales(String queryLanguage) {
        return VocabularyMatcher.ruleLanguages(queryLanguage);
    }

    /**
     * The words by which a vocabulary matches a text in a language key: the index chain's words (stopwords kept, so
     * that "log in" is two words; stemmed and normalised as the index writes them), without the compound parts and
     * prefixes stacked on them.
     */
    static List<String> words(Analyzer indexAnalyzer, String key, String text) {
        return VocabularyMatcher.words(indexAnalyzer, field(ArticleFields.ALL, key), text);
    }
}
