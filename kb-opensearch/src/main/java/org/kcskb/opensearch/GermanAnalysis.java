package org.kcskb.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.kcskb.article.Article;
import org.kcskb.article.TextField;
import org.kcskb.index.analysis.CompoundVocabulary;
import org.kcskb.index.analysis.KbAnalyzers;
import org.kcskb.index.analysis.QueryWords;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.render.ArticleText;

/**
 * German analysis done by the library, in the application, with the embedded engine's own chain: compounds split
 * with the vocabulary learned from the index's own articles (a split is chosen by how often its parts occur, which
 * OpenSearch's dictionary decompounder cannot do), the German normal form, the linking and {@code zu} forms, the
 * Snowball stemmer and the five-letter prefixes of long words. The index stores the resulting terms in fields the
 * cluster only splits at spaces ({@code *_dl}), and queries send their terms the same way, so the cluster needs
 * nothing but stock OpenSearch and ranks German text as the embedded engine does.
 *
 * <p>Each index has its own vocabulary, learned from the articles it holds (for the public index, only public
 * articles): on {@link #reset() opening and rebuilding} from all of them, then from each article written. Words of
 * articles that leave the index are forgotten at the next rebuild. Thread-safe.
 */
final class GermanAnalysis implements AutoCloseable {
    private final CompoundVocabulary vocabulary = CompoundVocabulary.create();
    private final KbAnalyzers analyzers = KbAnalyzers.create(vocabulary);

    /** The terms of a query: its words (parts of compounds included) and the prefixes of its long words. */
    record QueryTerms(List<String> words, List<String> prefixes) {}

    /** Forgets what articles taught, before everything is learned again. */
    void reset() {
        vocabulary.forgetLearned();
    }

    /** Learns the words of a German article, before it is analysed. */
    void learn(Article article) {
        if ("de".equals(article.language().getLanguage())) {
            vocabulary.learn(String.join(
                    "\n",
                    article.title(),
                    ArticleText.plain(article.content(), TextField.ISSUE),
                    ArticleText.plain(article.content(), TextField.RESOLUTION),
                    ArticleText.plain(article.content(), TextField.CAUSE)));
        }
    }

    /** Makes everything learned so far count for the next analysis. */
    void publish() {
        vocabulary.snapshot();
    }

    /** The index terms of a German text, separated by spaces. */
    String index(String text) {
        var out = new StringBuilder(text.length() + 32);
        for (String term : terms(analyzers.index(Locale.GERMAN), text)) {
            out.append(out.isEmpty() ? "" : " ").append(term);
        }
        return out.toString();
    }

    /** The distinct query terms of a German query, words and prefixes apart. */
    QueryTerms query(String text) {
        var words = new LinkedHashSet<String>();
        var prefixes = new LinkedHashSet<String>();
        for (String term : terms(analyzers.query(Locale.GERMAN), text)) {
            (KbAnalyzers.isPrefix(term) ? prefixes : words).add(term);
        }
        return new QueryTerms(List.copyOf(words), List.copyOf(prefixes));
    }

    /**
     * The words of a German text as the index writes them (stemmed, normal form, stopwords kept), without the
     * compound parts and prefixes stacked on them: how the vocabulary matches a query and reads its rule terms.
     */
    List<String> words(String text) {
        return VocabularyMatcher.words(analyzers.index(Locale.GERMAN), "text", text);
    }

    /**
     * The distinct query words of a text in any language, with the embedded engine's chains (German compounds split
     * with this index's vocabulary): what {@code SearchEngine.words} answers.
     */
    List<String> queryWords(String text, Locale language) {
        return QueryWords.of(analyzers.query(language), text);
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        var terms = new ArrayList<String>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() {
        analyzers.close();
    }
}
