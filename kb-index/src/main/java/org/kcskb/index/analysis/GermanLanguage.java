package org.kcskb.index.analysis;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;

/**
 * German: standard tokenizer, German normal form, query-side stopwords, "-s" endings, "zu" infinitives, word
 * prefixes, decompounding, Snowball stemming. The language's own filters ({@link GermanText}, {@link UmlautFilter},
 * {@link SEndingFilter}, {@link ZuInfinitiveFilter}, {@link PrefixFilter}, {@link DecompoundFilter},
 * {@link GermanStemFilter}, {@link Decompounder}) live beside it in this package.
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
final class GermanLanguage extends LanguageAnalysis {
    /** Endings of German inflection after a stem (in normal form). */
    private static final Set<String> ENDINGS =
            Set.of("", "e", "em", "en", "end", "er", "ern", "es", "est", "et", "n", "s", "st", "t", "te", "ten", "ter");

    @Override
    public Locale locale() {
        return Locale.GERMAN;
    }

    @Override
    public CharArraySet stopWords() {
        return GermanText.STOP_WORDS;
    }

    @Override
    public Set<String> inflectionEndings() {
        return ENDINGS;
    }

    @Override
    public boolean learnsCompounds() {
        return true;
    }

    @Override
    protected TokenStream normalForm(TokenStream in) {
        return GermanText.normalize(in);
    }

    @Override
    protected TokenStream stem(TokenStream normalized, CompoundVocabulary vocabulary) {
        TokenStream stream = new SEndingFilter(normalized, vocabulary);
        stream = new ZuInfinitiveFilter(stream, vocabulary);
        stream = new PrefixFilter(stream);
        stream = new DecompoundFilter(stream, vocabulary);
        return new GermanStemFilter(stream);
    }
}
