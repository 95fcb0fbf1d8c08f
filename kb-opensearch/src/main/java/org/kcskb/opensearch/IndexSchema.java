package org.kcskb.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;
import org.kcskb.article.TextField;
import org.kcskb.index.analysis.GermanNormalForm;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.render.ArticleText;
import org.kcskb.search.spi.KcsPrior;

/**
 * The index: its settings (analysis, similarity), its mapping and how an article becomes a document.
 *
 * <p>Text is indexed into fields suffixed with the article's language key ({@code title_de}, {@code title_en},
 * {@code title_xx}) so that each language is analysed with its own chain, as in the embedded engine:
 *
 * <ul>
 *   <li>German: scored on the library's own terms ({@link GermanAnalysis}: the embedded engine's chain, compounds
 *       split with the vocabulary learned from the index's articles), sent in {@code *_dl} fields that the cluster
 *       only splits at spaces. The text fields themselves ({@code title_de}, ...), used for phrases, snippets and
 *       typo tolerance, are analysed by the cluster: lower case, compounds split with OpenSearch's {@code
 *       dictionary_decompounder} over the library's seed list of support words (so that a snippet marks "Drucker"
 *       inside "Druckertreiber"), umlauts spelled out as the library's German normal form does ({@code kb_umlauts}:
 *       "Drücken" is {@code druecken}, kept apart from "drucken"; {@code german_normalization} would fold both to
 *       one word), the light German stemmer (Snowball's German folds "ue" back to "u"). Why
 *       not the cluster's analysis for scoring too: its decompounder splits at any dictionary word inside a token,
 *       cannot weigh splits by how often their parts occur, and cost 1.5 to 4 points of nDCG@10 on the German
 *       relevance sets. Stock {@code analysis-common} parts only: nothing to install on the cluster.
 *   <li>English: possessives, lower case, ASCII folding, the Porter stemmer.
 *   <li>French: elided articles, lower case, ASCII folding, the light French stemmer.
 *   <li>Any other language: lower case and ASCII folding.
 * </ul>
 *
 * <p>Stopwords (German, English, and the words of questions) are indexed and dropped from queries only, as in the
 * embedded engine. The title, issue, resolution, cause and environment of one language are searched together as BM25F ({@code
 * combined_fields}) with the embedded engine's field weights; {@code exact} holds every word in its written form
 * for the exact-form bonus. Keywords serve the filters and facets, {@code prior} the {@linkplain KcsPrior KCS
 * prior}.
 */
final class IndexSchema {
    /**
     * Bumped whenever the mapping or analysis changes: an index of another version is rebuilt. 7: French articles in
     * their own {@code *_fr} fields with French analysis (they were language-neutral {@code *_xx}). 8: Markdown
     * articles indexed (and highlighted) as their text without markup.
     */
    static final int VERSION = 8;

    /**
     * The cluster's chains of each language the library registers ({@link KbLanguages}), by the names of the token
     * filters they run after the standard tokenizer, at index and at query time: the cluster-side counterpart of each
     * {@link org.kcskb.index.analysis.LanguageAnalysis}, in the same order. A registered language without chains
     * here would be indexed language-neutrally; {@code OpenSearchFrenchTest} keeps the two lists in step.
     *
     * @param key the language key, as {@link KbLanguages} has it
     * @param index the filters of the text fields' index analyzer {@code kb_<key>}
     * @param search the filters of their search analyzer {@code kb_<key>_search} (stopwords dropped)
     */
    record LanguageChains(String key, List<String> index, List<String> search) {}

    static final List<LanguageChains> LANGUAGES = List.of(
            new LanguageChains(
                    "de",
                    List.of("lowercase", "asciifolding", "kb_de_compounds", "kb_de_stem"),
                    List.of("lowercase", "asciifolding", "kb_de_stop", "kb_de_compounds", "kb_de_stem")),
            new LanguageChains(
                    "en",
                    List.of("kb_en_possessive", "lowercase", "asciifolding", "porter_stem"),
                    List.of(
                            "kb_en_possessive",
                            "lowercase",
                            "asciifolding",
                            "kb_en_stop",
                            "kb_en_question",
                            "porter_stem")),
            new LanguageChains(
                    "fr",
                    List.of("kb_fr_elision", "lowercase", "asciifolding", "kb_fr_stem"),
                    List.of("kb_fr_elision", "lowercase", "asciifolding", "kb_fr_stop", "kb_fr_stem")));

    /** The key of the language-neutral fields: every language without chains, and unknown ones. */
    static final String NEUTRAL = "xx";

    static final List<String> LANGUAGE_KEYS = languageKeys();
    static final List<String> FACETS = List.of("product", "version", "category", "state", "language");

    /** The id of the document that records what the index's last commit holds. */
    static final String META_ID = "_kcskb_meta";

    static final String KIND = "kind";
    static final String ID = "id";
    static final String STATE = "state";
    static final String AUDIENCE = "audience";
    static final String VISIBILITY = "visibility";
    static final String AUTHOR = "author";
    static final String LANGUAGE = "lang";
    static final String TAG = "tag";
    static final String ENV_ATTRIBUTE = "env_attr";
    static final String MODIFIED = "modified";
    static final String REVISION = "revision";
    static final String TITLE = "title";
    static final String PRIOR = "prior";
    /** The article's translation group (keyword); absent when it has no translations. */
    static final String TRANSLATION_GROUP = "translation_group";
    /** How popular a title suggestion is: 1 plus the log of the article's reuses, views and helpful votes. */
    static final String POPULARITY = "popularity";

    static final String EXACT = "exact";
    static final String TITLE_WORDS = "title_words";
    /** The suffix of the fields that hold the library's German terms. */
    static final String LIBRARY_SUFFIX = "_dl";

    /** The searched text fields of one language, with their BM25F weights. */
    static final List<String> TEXT_FIELDS = List.of("title", "issue", "resolution", "cause", "env");

    /** The embedded engine's additions to the English stop list. */
    private static final List<String> ENGLISH_QUESTION_WORDS = List.of(
            "i", "me", "my", "you", "your", "we", "our", "us", "he", "she", "him", "her", "its", "them", "am", "was",
            "were", "been", "being", "do", "does", "did", "have", "has", "had", "can", "could", "should", "would",
            "how", "what", "why", "when", "where", "which", "who", "from", "so", "some", "any");

    static final List<String> SNIPPET_FIELDS = List.of("issue", "resolution");

    /** The largest {@code from + size} a search asks for: the deepest offset and the largest page, and one more. */
    static final int MAX_RESULT_WINDOW = 10_000 + 100 + 1;

    private IndexSchema() {}

    static String languageKey(Locale locale) {
        String language = locale.getLanguage();
        return LANGUAGE_KEYS.contains(language) ? language : NEUTRAL;
    }

    private static List<String> languageKeys() {
        var keys = new ArrayList<String>();
        LANGUAGES.forEach(language -> keys.add(language.key()));
        keys.add(NEUTRAL);
        return List.copyOf(keys);
    }

    static String field(String base, String key) {
        return base + "_" + key;
    }

    /** The field of the library's German terms of text field {@code base}. */
    static String libraryField(String base) {
        return base + LIBRARY_SUFFIX;
    }

    static String weighted(String base, String key) {
        return weight(field(base, key), base);
    }

    static String weight(String field, String base) {
        float weight =
                switch (base) {
                    case "title" -> 2f;
                    case "issue" -> 1.5f;
                    default -> 1f;
                };
        return field + "^" + weight;
    }

    static String facetField(String facet) {
        return "facet_" + facet;
    }

    static String visibility(ArticleState state, Audience audience) {
        return state.name() + "/" + audience.name();
    }

    /** The index's settings and mappings. */
    static ObjectNode create(int shards, int replicas) {
        ObjectNode body = Cluster.object();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", shards);
        index.put("number_of_replicas", replicas);
        index.put("max_result_window", MAX_RESULT_WINDOW);
        // Reassign a lost node's shards at once: the replica is promoted, searches keep answering.
        index.put("unassigned.node_left.delayed_timeout", "0s");
        // BM25 with the embedded engine's length normalisation (b 0.5: support articles vary in length for reasons
        // that say little about their relevance).
        index.putObject("similarity")
                .putObject("default")
                .put("type", "BM25")
                .put("k1", 1.2)
                .put("b", 0.5);
        ObjectNode analysis = index.putObject("analysis");
        ObjectNode filters = analysis.putObject("filter");
        // The German stopwords in the library's normal form ("für" as fuer, and fur), as its query analysers drop them.
        ArrayNode germanStop =
                filters.putObject("kb_de_stop").put("type", "stop").putArray("stopwords");
        GermanNormalForm.stopWords().forEach(germanStop::add);
        // Umlauts and ß spelled out before anything else, as the library's German normal form does, so that the
        // cluster's text fields (phrases, snippets, typo tolerance, title prefixes) keep "drücken" apart from
        // "drucken" and "Drücken" meets a typed "druecken". Upper case too: it runs before lower-casing.
        ArrayNode umlauts = analysis.putObject("char_filter")
                .putObject("kb_umlauts")
                .put("type", "mapping")
                .putArray("mappings");
        for (String mapping : UMLAUT_MAPPINGS) {
            umlauts.add(mapping);
        }
        ArrayNode words = filters.putObject("kb_de_compounds")
                .put("type", "dictionary_decompounder")
                .put("min_subword_size", 4)
                .put("min_word_size", 8)
                .put("only_longest_match", false)
                .putArray("word_list");
        SeedVocabulary.german().forEach(words::add);
        // The light German stemmer: Snowball's German reads "ue" as "ü" and folds it (Lucene 10 merged German2 into
        // it), which would make the spelled-out "druecken" and "drucken" one stem again.
        filters.putObject("kb_de_stem").put("type", "stemmer").put("language", "light_german");
        filters.putObject("kb_en_stop").put("type", "stop").put("stopwords", "_english_");
        // Words of questions that say nothing about the issue ("how do I ..."), beside the English stop list.
        ArrayNode question =
                filters.putObject("kb_en_question").put("type", "stop").putArray("stopwords");
        for (String word : ENGLISH_QUESTION_WORDS) {
            question.add(word);
        }
        filters.putObject("kb_en_possessive").put("type", "stemmer").put("language", "possessive_english");
        // French as the library's FrenchLanguage: elided articles dropped ("l'imprimante"), accents folded, its
        // stopwords (Lucene's French list, accents folded as the chain writes them), the light French stemmer.
        ArrayNode articles = filters.putObject("kb_fr_elision")
                .put("type", "elision")
                .put("articles_case", true)
                .putArray("articles");
        for (Object article : FrenchAnalyzer.DEFAULT_ARTICLES) {
            articles.add(new String((char[]) article));
        }
        ArrayNode frenchStop =
                filters.putObject("kb_fr_stop").put("type", "stop").putArray("stopwords");
        for (Object word : KbLanguages.of(Locale.FRENCH).orElseThrow().stopWords()) {
            frenchStop.add(new String((char[]) word));
        }
        filters.putObject("kb_fr_stem").put("type", "stemmer").put("language", "light_french");
        ObjectNode analyzers = analysis.putObject("analyzer");
        // Stopwords are indexed and dropped from queries only (as in the embedded engine): document lengths count
        // every word, and a query of stopwords alone still finds something.
        for (LanguageChains language : LANGUAGES) {
            analyzer(analyzers, "kb_" + language.key(), language.index().toArray(String[]::new));
            analyzer(
                    analyzers,
                    "kb_" + language.key() + "_search",
                    language.search().toArray(String[]::new));
        }
        analyzer(analyzers, "kb_xx", "lowercase", "asciifolding");
        analyzer(analyzers, "kb_xx_search", "lowercase", "asciifolding");
        analyzer(analyzers, "kb_exact", "lowercase", "asciifolding");
        analyzers.putObject("kb_terms").put("type", "custom").put("tokenizer", "whitespace");
        analyzer(
                analyzers,
                "kb_exact_search",
                "lowercase",
                "asciifolding",
                "kb_en_stop",
                "kb_en_question",
                "kb_de_stop");

        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("_meta").put("schema", VERSION);
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of(
                KIND, ID, STATE, AUDIENCE, VISIBILITY, AUTHOR, LANGUAGE, TAG, ENV_ATTRIBUTE, TRANSLATION_GROUP)) {
            properties.putObject(keyword).put("type", "keyword");
        }
        for (String facet : FACETS) {
            properties.putObject(facetField(facet)).put("type", "keyword");
        }
        properties.putObject(MODIFIED).put("type", "date").put("format", "epoch_millis");
        properties.putObject(REVISION).put("type", "integer").put("index", false);
        properties.putObject(TITLE).put("type", "keyword").put("index", false).put("doc_values", false);
        properties.putObject(PRIOR).put("type", "double");
        properties.putObject(POPULARITY).put("type", "double");
        properties.putObject("sequence").put("type", "long").put("index", false);
        properties.putObject("store_id").put("type", "keyword").put("index", false);
        properties.putObject("schema").put("type", "integer").put("index", false);
        properties
                .putObject(EXACT)
                .put("type", "text")
                .put("analyzer", "kb_exact")
                .put("search_analyzer", "kb_exact_search");
        // Prefixes indexed for search-as-you-type: each typed word is a prefix query on the title's words.
        properties
                .putObject(TITLE_WORDS)
                .put("type", "text")
                .put("analyzer", "kb_exact")
                .putObject("index_prefixes")
                .put("min_chars", 1)
                .put("max_chars", 10);
        for (String base : TEXT_FIELDS) {
            // The library's own German terms (GermanAnalysis), split at spaces only; scored, never highlighted.
            properties
                    .putObject(libraryField(base))
                    .put("type", "text")
                    .put("analyzer", "kb_terms")
                    .put("index_options", "freqs");
        }
        for (String key : LANGUAGE_KEYS) {
            for (String base : TEXT_FIELDS) {
                ObjectNode text = properties
                        .putObject(field(base, key))
                        .put("type", "text")
                        .put("analyzer", "kb_" + key)
                        .put("search_analyzer", "kb_" + key + "_search");
                if (SNIPPET_FIELDS.contains(base)) {
                    // Offsets in the postings: the unified highlighter marks the matches without re-analysing.
                    text.put("index_options", "offsets");
                }
            }
        }
        return body;
    }

    /** What {@code kb_umlauts} replaces: umlauts, ß and a base letter with a combining diaeresis (text not NFC). */
    private static final List<String> UMLAUT_MAPPINGS = List.of(
            "ä => ae",
            "ö => oe",
            "ü => ue",
            "Ä => Ae",
            "Ö => Oe",
            "Ü => Ue",
            "ß => ss",
            "ẞ => SS",
            "a\u0308 => ae",
            "o\u0308 => oe",
            "u\u0308 => ue",
            "A\u0308 => Ae",
            "O\u0308 => Oe",
            "U\u0308 => Ue");

    private static void analyzer(ObjectNode analyzers, String name, String... filters) {
        ObjectNode analyzer = analyzers.putObject(name).put("type", "custom").put("tokenizer", "standard");
        if (name.startsWith("kb_de") || name.startsWith("kb_exact")) {
            analyzer.putArray("char_filter").add("kb_umlauts");
        }
        ArrayNode chain = analyzer.putArray("filter");
        for (String filter : filters) {
            chain.add(filter);
        }
    }

    /** The document of an article. */
    static ObjectNode document(Article article, GermanAnalysis german) {
        ObjectNode doc = Cluster.object();
        doc.put(KIND, "article");
        doc.put(ID, article.id().value());
        doc.put(STATE, article.state().name());
        doc.put(AUDIENCE, article.audience().name());
        doc.put(VISIBILITY, visibility(article.state(), article.audience()));
        doc.put(AUTHOR, article.author());
        String languageTag = Languages.tag(article.language());
        doc.put(LANGUAGE, languageTag);
        doc.put(REVISION, article.revision());
        doc.put(TITLE, article.title());
        doc.put(MODIFIED, article.modified().toEpochMilli());
        doc.put(PRIOR, KcsPrior.signalPrior(article.state(), article.signals()));
        var signals = article.signals();
        doc.put(
                POPULARITY,
                1 + Math.log1p((double) signals.reuseCount() + signals.viewCount() + signals.helpfulCount()));
        ArrayNode tags = doc.putArray(TAG);
        ArrayNode categories = doc.putArray(facetField("category"));
        for (String tag : article.content().tags()) {
            tags.add(tag.toLowerCase(Locale.ROOT));
            categories.add(tag);
        }
        ArrayNode attributes = doc.putArray(ENV_ATTRIBUTE);
        article.environment()
                .attributes()
                .forEach((key, value) -> attributes.add(key + "=" + value.toLowerCase(Locale.ROOT)));
        article.environment().product().ifPresent(p -> doc.put(facetField("product"), p));
        article.environment().version().ifPresent(v -> doc.put(facetField("version"), v));
        doc.put(facetField("state"), article.state().name());
        doc.put(facetField("language"), languageTag);
        article.translationGroup().ifPresent(group -> doc.put(TRANSLATION_GROUP, group.value()));

        String key = languageKey(article.language());
        // The text as a reader sees it: Markdown without its markup (ArticleText), plain text as written.
        String issue = ArticleText.plain(article.content(), TextField.ISSUE);
        String resolution = ArticleText.plain(article.content(), TextField.RESOLUTION);
        String cause = ArticleText.plain(article.content(), TextField.CAUSE);
        var environment = new StringBuilder(ArticleText.plain(article.content(), TextField.ENVIRONMENT));
        article.environment().attributes().values().forEach(v -> environment
                .append('\n')
                .append(v));
        article.content().tags().forEach(t -> environment.append('\n').append(t));
        doc.put(field("title", key), article.title());
        doc.put(field("issue", key), issue);
        doc.put(field("resolution", key), resolution);
        doc.put(field("cause", key), cause);
        doc.put(field("env", key), environment.toString());
        doc.put(EXACT, String.join("\n", article.title(), issue, resolution, cause, environment));
        doc.put(TITLE_WORDS, article.title());
        if (key.equals("de")) { // German is scored on the library's own terms (GermanAnalysis)
            doc.put(libraryField("title"), german.index(article.title()));
            doc.put(libraryField("issue"), german.index(issue));
            doc.put(libraryField("resolution"), german.index(resolution));
            doc.put(libraryField("cause"), german.index(cause));
            doc.put(libraryField("env"), german.index(environment.toString()));
        }
        return doc;
    }

    /** The document recording a commit. */
    static ObjectNode meta(long sequence, String storeId) {
        return Cluster.object()
                .put(KIND, "meta")
                .put("sequence", sequence)
                .put("store_id", storeId)
                .put("schema", VERSION);
    }
}
