package org.kcskb.index.analysis;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * English: standard tokenizer, possessive removal, lower case, ASCII folding, query-side stopwords, Porter stemming.
 *
 * <p>Porter rather than KStem: support queries name an action as a verb ("install printer", "configure vpn") while
 * articles use the noun ("Printer installation", "VPN configuration"). Porter maps install/installation/installer
 * and configure/configuration to one stem; KStem, being dictionary-based and conservative, keeps them apart (checked
 * against the Lucene 10.4 filters). The price is some over-conflation (news/new, general/generic), which the other
 * terms of a query and BM25 absorb.
 */
final class EnglishLanguage extends LanguageAnalysis {
    /**
     * Lucene's English stopwords plus the pronouns, auxiliaries and question words that fill help-desk questions
     * ("how do I reset my password"). Removed from queries only; see {@link KbAnalyzers}.
     */
    static final CharArraySet STOP_WORDS = stopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);

    /** Endings of English inflection after a stem. */
    private static final Set<String> ENDINGS = Set.of("", "s", "es", "ed", "er", "est", "ing", "ings");

    @Override
    public Locale locale() {
        return Locale.ENGLISH;
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
        return new EnglishPossessiveFilter(source);
    }

    @Override
    protected TokenStream normalForm(TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    @Override
    protected TokenStream stem(TokenStream normalized, CompoundVocabulary vocabulary) {
        return new PorterStemFilter(normalized);
    }

    private static CharArraySet stopWords(CharArraySet lucene) {
        CharArraySet words = new CharArraySet(lucene, false);
        for (String word : new String[] {
            "i", "me", "my", "you", "your", "we", "our", "us", "he", "she", "him", "her", "its", "them", "am", "was",
            "were", "been", "being", "do", "does", "did", "have", "has", "had", "can", "could", "should", "would",
            "how", "what", "why", "when", "where", "which", "who", "from", "so", "some", "any"
        }) {
            words.add(word);
        }
        return CharArraySet.unmodifiableSet(words);
    }
}
