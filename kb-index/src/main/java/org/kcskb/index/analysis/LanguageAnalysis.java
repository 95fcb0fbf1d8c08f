package org.kcskb.index.analysis;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;

/**
 * Everything the knowledge base knows about one language, in one place: its key, its analysis chains for index,
 * query and exact forms, its stopwords, its typo rules and its folding rules. The rest of the library reads these
 * definitions from {@link KbLanguages} rather than switching on language codes, the way Lucene keeps each language's
 * analysis in its own package ({@code analysis/de}, {@code analysis/en}).
 *
 * <p>A definition describes a chain in four steps, which {@link KbAnalyzers} assembles into the four analyzers of the
 * language:
 *
 * <ol>
 *   <li>{@link #split}: what runs on the tokenizer's raw tokens (English drops the possessive "'s", French its
 *       elided articles "l'", "s'", "qu'");
 *   <li>{@link #normalForm}: the folding rule, the one form every word of the language is compared in (lower case and
 *       ASCII-folded accents; German spells umlauts out); also what a query's wildcard or fuzzy term is normalised
 *       with;
 *   <li>at query time, the {@link #stopWords} (in normal form) are dropped unless nothing else remains;
 *   <li>{@link #stem}: stemming and, where the language {@linkplain #learnsCompounds() learns compounds},
 *       decompounding with the index's shared {@link CompoundVocabulary}; the exact-form chains stop before it.
 * </ol>
 *
 * <p>Definitions are stateless and thread-safe; the analyzers built from them hold the per-thread state. To add a
 * language, subclass this in a package of its own and add an instance to {@link KbLanguages}: fields, the language
 * vote, typo correction, suggestions and the vocabulary's query languages follow from the registration. Changing
 * the definitions changes indexed terms, so an index schema version must be raised with it.
 */
public abstract class LanguageAnalysis {
    /** For subclasses. */
    protected LanguageAnalysis() {}

    /**
     * The language, without region: articles and queries whose locale has this {@linkplain Locale#getLanguage()
     * language} ({@code de-CH} as well as {@code de}) are analysed by this definition.
     */
    public abstract Locale locale();

    /** The key of the language's fields ({@code title.de}) and of its query language: the ISO 639 code. */
    public final String key() {
        return locale().getLanguage();
    }

    /**
     * The words a query drops when at least one other word remains ("how do I reset my password" searches for
     * "reset password"), in {@linkplain #normalForm normal form}. The index keeps them, so that a query of stopwords
     * only still finds something and phrases keep their positions.
     */
    public abstract CharArraySet stopWords();

    /**
     * The word endings of the language's inflection, in normal form: typo correction leaves a rare word alone when
     * its "correction" is the same stem with another of these endings ("beantragen" and "beantragt"), since that is
     * another form of the word and no typo.
     */
    public abstract Set<String> inflectionEndings();

    /**
     * Whether articles of the language teach the shared {@link CompoundVocabulary} their words, and suggestions split
     * compounds into their parts: true for German, whose compounds are written as one word.
     */
    public boolean learnsCompounds() {
        return false;
    }

    /** Runs on the tokenizer's raw tokens, before the normal form; none by default. */
    protected TokenStream split(TokenStream source) {
        return source;
    }

    /** The folding rule: wraps a token stream with the language's normal form (case, accents, umlauts). */
    protected abstract TokenStream normalForm(TokenStream in);

    /**
     * The stemming (and decompounding) of words in normal form, for the index and query chains; the exact-form
     * chains leave words as written.
     *
     * @param vocabulary the index's compound vocabulary, for a language that {@linkplain #learnsCompounds() learns
     *     compounds}
     */
    protected abstract TokenStream stem(TokenStream normalized, CompoundVocabulary vocabulary);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key() + "]";
    }
}
