package org.kcskb.index.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis: standard tokenizer, possessive removal, lower case, ASCII folding, query-side stopwords, Porter
 * stemming. Thread-safe, like every analyzer.
 *
 * <p>Porter rather than KStem: support queries name an action as a verb ("install printer", "configure vpn") while
 * articles use the noun ("Printer installation", "VPN configuration"). Porter maps install/installation/installer
 * and configure/configuration to one stem; KStem, being dictionary-based and conservative, keeps them apart (checked
 * against the Lucene 10.4 filters). The price is some over-conflation (news/new, general/generic), which the other
 * terms of a query and BM25 absorb.
 */
final class EnglishTextAnalyzer extends Analyzer {
    /**
     * Lucene's English stopwords plus the pronouns, auxiliaries and question words that fill help-desk questions
     * ("how do I reset my password"). Removed from queries only; see {@link KbAnalyzers}.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private final boolean query;
    private final boolean exact;

    /**
     * @param query whether this analyses queries (drops stopwords unless nothing else remains)
     * @param exact whether to keep word forms as written (no stemming)
     */
    EnglishTextAnalyzer(boolean query, boolean exact) {
        this.query = query;
        this.exact = exact;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = normalize(fieldName, new EnglishPossessiveFilter(source));
        if (query) {
            stream = new QueryStopFilter(stream, STOP_WORDS);
        }
        if (!exact) {
            stream = new PorterStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    private static CharArraySet stopWords() {
        CharArraySet words =
                new CharArraySet(org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
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
