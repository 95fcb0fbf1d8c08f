package org.kcskb.index.analysis.fr;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.kcskb.index.analysis.CompoundVocabulary;
import org.kcskb.index.analysis.LanguageAnalysis;

/**
 * French, from the pieces of Lucene's {@code FrenchAnalyzer}: standard tokenizer, elided articles and pronouns removed
 * ("l'imprimante" to "imprimante", "s'allume" to "allume", "qu'il" to "il"), lower case, accents folded to ASCII,
 * query-side stopwords (Lucene's French list, with and without accents), light stemming
 * ({@link FrenchLightStemFilter}).
 *
 * <p>Accents are folded before stemming, so that a query typed without them finds the accented article and the other
 * way round: "mot de passe oublie" and "mot de passe oublié" search for the same terms, as do "réseau" and "reseau".
 * The light stemmer conflates singular and plural, masculine and feminine and the common verb forms
 * ("imprimantes", "imprimante"; "connecté", "connectée", "connecter") without the over-reach of the Snowball French
 * stemmer, which is what Lucene's own {@code FrenchAnalyzer} chose too.
 *
 * <p>French writes no compounds as one word, so it learns nothing into the compound vocabulary.
 */
public final class FrenchLanguage extends LanguageAnalysis {
    private static final CharArraySet STOP_WORDS = frenchStopWords();

    /** Endings of French inflection after a stem, accents folded ("connecté", "connectée", "connectez"). */
    private static final Set<String> ENDINGS =
            Set.of("", "e", "s", "es", "x", "er", "ez", "ee", "ees", "ent", "ons", "ait", "ais", "aient");

    /** Used by {@link org.kcskb.index.analysis.KbLanguages}, which holds the one instance. */
    public FrenchLanguage() {}

    @Override
    public Locale locale() {
        return Locale.FRENCH;
    }

    @Override
    public CharArraySet stopWords() {
        return STOP_WORDS;
    }

    @Override
    public Set<String> inflectionEndings() {
        return ENDINGS;
    }

    @Override
    protected TokenStream split(TokenStream source) {
        return new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
    }

    @Override
    protected TokenStream normalForm(TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    @Override
    protected TokenStream stem(TokenStream normalized, CompoundVocabulary vocabulary) {
        return new FrenchLightStemFilter(normalized);
    }

    /**
     * Lucene's French stopwords plus the question words of help-desk questions ("comment", "pourquoi"), each also
     * without its accents, as the normal form writes it ("à" as "a", "été" as "ete").
     */
    private static CharArraySet frenchStopWords() {
        CharArraySet source = FrenchAnalyzer.getDefaultStopSet();
        CharArraySet words = new CharArraySet(source.size() * 2, false);
        for (Object word : source) {
            words.add(fold(new String((char[]) word)));
        }
        for (String word : new String[] {"comment", "pourquoi", "quand", "quel", "quelle", "quels", "quelles", "où"}) {
            words.add(fold(word));
        }
        return CharArraySet.unmodifiableSet(words);
    }

    private static String fold(String word) {
        char[] folded = new char[word.length() * 4];
        int length = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, folded, 0, word.length());
        return new String(folded, 0, length);
    }
}
