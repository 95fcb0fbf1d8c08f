package org.kcskb.index.analysis;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;

/**
 * The Lucene analyzers of the knowledge base, per language, for index time and for query time: for each language of
 * {@link KbLanguages}, the four chains its {@link LanguageAnalysis} defines. Thread-safe: the
 * analyzers are shared by all threads and reuse their token streams per thread, as Lucene analyzers do; create one
 * {@code KbAnalyzers} per index and keep it for the life of the index.
 *
 * <table>
 *   <caption>Chains</caption>
 *   <tr><th>Language</th><th>Index</th><th>Query</th></tr>
 *   <tr><td>German ({@code de}, {@code de-CH}, ...)</td>
 *       <td>standard tokenizer, lower case, German normal form (ä to ae, ü to ue, ß to ss: umlauts kept apart from their base
 *           letter), plural and
 *           genitive "-s" after a vowel dropped for known words, "zu" of infinitives dropped for known verbs
 *           ("anzumelden" to "anmelden"), five-letter prefix of long words added
 *           ({@code ~dezen}), decompounding, Snowball stemming that keeps umlauts</td>
 *       <td>the same, with stopwords removed unless all terms are stopwords</td></tr>
 *   <tr><td>English ({@code en}, ...)</td>
 *       <td>standard tokenizer, possessive "'s" removed, lower case, ASCII folding, Porter stemming</td>
 *       <td>the same, with stopwords removed unless all terms are stopwords</td></tr>
 *   <tr><td>French ({@code fr}, ...)</td>
 *       <td>standard tokenizer, elided articles removed ("l'", "s'", "qu'"), lower case, ASCII folding, light
 *           stemming</td>
 *       <td>the same, with stopwords removed unless all terms are stopwords</td></tr>
 *   <tr><td>any other, and {@link Locale#ROOT} (unknown)</td>
 *       <td>standard tokenizer, lower case, ASCII folding</td>
 *       <td>the same</td></tr>
 * </table>
 *
 * <p>Stopwords are removed at query time only, and only when at least one other term remains: "Was kann ich tun?"
 * searches for {@code tun}, and "the" still searches for {@code the}. The index keeps stopwords so that such a query
 * can match at all, and so that phrases keep their exact positions; BM25 gives them little weight.
 *
 * <p>German compounds are split at index and at query time, with the original token kept and the parts added at its
 * position: "Treiberfehler" finds "Druckertreiberfehler" and the other way round. Parts come from the
 * {@link CompoundVocabulary}; feed it every German article before indexing the article. A query builder that turns
 * tokens at one position into a synonym query (Lucene's {@code QueryBuilder} does) treats a compound and its parts as
 * alternatives, which is the intended reading.
 *
 * <pre>{@code
 * CompoundVocabulary vocabulary = CompoundVocabulary.create();
 * KbAnalyzers analyzers = KbAnalyzers.create(vocabulary);
 * // One field per language, each analysed by its own chain.
 * Analyzer perLanguage = new PerFieldAnalyzerWrapper(analyzers.index(Locale.ROOT), Map.of(
 *         "body.de", analyzers.index(Locale.GERMAN),
 *         "body.en", analyzers.index(Locale.ENGLISH)));
 * IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(perLanguage));
 *
 * vocabulary.learn(germanArticleText); // before indexing the article
 * writer.addDocument(document);
 *
 * TokenStream terms = analyzers.query(Locale.GERMAN).tokenStream("body.de", "Treiberfehler");
 * }</pre>
 */
public final class KbAnalyzers implements AutoCloseable {
    /** Per registered language key: the index, query, exact index and exact query analyzers. */
    private final Map<String, Analyzer[]> languages;

    private final Analyzer neutral;
    private volatile boolean closed;

    private static final int INDEX = 0;
    private static final int QUERY = 1;
    private static final int EXACT_INDEX = 2;
    private static final int EXACT_QUERY = 3;

    private KbAnalyzers(CompoundVocabulary vocabulary) {
        var chains = new HashMap<String, Analyzer[]>();
        for (LanguageAnalysis language : KbLanguages.all()) {
            chains.put(language.key(), new Analyzer[] {
                new LanguageAnalyzer(language, vocabulary, false, false),
                new LanguageAnalyzer(language, vocabulary, true, false),
                new LanguageAnalyzer(language, vocabulary, false, true),
                new LanguageAnalyzer(language, vocabulary, true, true)
            });
        }
        languages = Map.copyOf(chains);
        neutral = new NeutralTextAnalyzer();
    }

    /**
     * Returns whether a term is a word prefix that the German chains add after each long word ("Dezentralisierung"
     * adds {@code ~dezen}): a backoff for derived forms, which a query should weight well below a word, since it also
     * conflates unrelated words.
     */
    public static boolean isPrefix(String term) {
        return !term.isEmpty() && term.charAt(0) == PrefixFilter.MARK;
    }

    /** Returns the analyzers, with German compounds split into the words of {@code vocabulary}. */
    public static KbAnalyzers create(CompoundVocabulary vocabulary) {
        return new KbAnalyzers(Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    /**
     * Returns the analyzer for documents in a language: each {@linkplain KbLanguages registered language} has its
     * own, any other language and {@link Locale#ROOT} get the language-neutral one. Always the same instance per
     * language.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Analyzer index(Locale language) {
        return pick(language, INDEX);
    }

    /**
     * Returns the analyzer for queries in a language; pair it with the {@link #index(Locale)} analyzer of the same
     * language, whose terms it produces.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Analyzer query(Locale language) {
        return pick(language, QUERY);
    }

    /**
     * Returns the analyzer for the exact-form field of documents in a language: the same normal form (case,
     * umlauts, accents) as {@link #index(Locale)} but neither stemming nor decompounding, so that a query in the
     * article's own word forms can be rewarded above one that only matches after stemming.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Analyzer exactIndex(Locale language) {
        return pick(language, EXACT_INDEX);
    }

    /**
     * Returns the query analyzer for the exact-form field; pair it with {@link #exactIndex(Locale)}.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Analyzer exactQuery(Locale language) {
        return pick(language, EXACT_QUERY);
    }

    private Analyzer pick(Locale language, int form) {
        Objects.requireNonNull(language, "language");
        if (closed) {
            throw new IllegalStateException("These analyzers are closed; create new KbAnalyzers");
        }
        Analyzer[] chains = languages.get(language.getLanguage());
        return chains == null ? neutral : chains[form];
    }

    /** Releases the analyzers' per-thread token streams; the analyzers fail when used afterwards. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Analyzer[] chains : languages.values()) {
            for (Analyzer analyzer : chains) {
                analyzer.close();
            }
        }
        neutral.close();
    }
}
