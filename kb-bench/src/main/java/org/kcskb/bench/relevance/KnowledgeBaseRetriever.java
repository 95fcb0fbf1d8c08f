package org.kcskb.bench.relevance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.Limits;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.bench.kb.BenchVocabulary;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.opensearch.OpenSearchEngineProvider;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * The system under test: the library as a host application uses it, through its public API only.
 *
 * <p>An in-memory knowledge base with the default search configuration. The content standard does not require
 * an issue, since FAQ data has none: every document is captured by an administrator as a {@code VALIDATED},
 * {@code PUBLIC} article (title, and the text as resolution; or, when the data set gives a KCS article's sections,
 * title, issue, environment, resolution and cause), and searched as the anonymous public.
 *
 * <p>With one language, every article is captured and every query searched in it. In the mixed-language mode an
 * article is captured in the language its data set states, or without a language so that the library detects it
 * as it does for a host that does not know; a query likewise carries its stated language or none.
 */
final class KnowledgeBaseRetriever implements Retriever {
    /** The content standard's default title limit. */
    static final int MAX_TITLE_LENGTH = 200;
    /** Words of the text that stand in for a missing title. */
    static final int TITLE_WORDS = 12;

    private static final Actor ADMINISTRATOR = Actor.administrator("relevance-harness");
    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(5);

    /** The one language of everything, or empty in the mixed-language mode. */
    private final Optional<Language> language;

    private final KnowledgeBase kb;
    private final Optional<SearchEngineProvider> engine;
    private final String storeId;
    private final Map<ArticleId, String> corpusIds = new HashMap<>();
    private int truncatedTexts;

    /**
     * Opens the knowledge base.
     *
     * @param engine the search engine to use, or empty for the default ({@link java.util.ServiceLoader})
     */
    KnowledgeBaseRetriever(Language language, Optional<SearchEngineProvider> engine) {
        this(Optional.of(language), engine);
    }

    /**
     * Opens the knowledge base for a mixed-language data set: each article and query in its own language.
     *
     * @param engine the search engine to use, or empty for the default ({@link java.util.ServiceLoader})
     */
    static KnowledgeBaseRetriever mixed(Optional<SearchEngineProvider> engine) {
        return new KnowledgeBaseRetriever(Optional.empty(), engine);
    }

    private KnowledgeBaseRetriever(Optional<Language> language, Optional<SearchEngineProvider> engine) {
        this.language = language;
        this.engine = engine;
        ArticleStore store = ArticleStores.inMemory();
        this.storeId = store.storeId();
        KnowledgeBaseBuilder builder = KnowledgeBase.builder()
                .store(store)
                .contentStandard(ContentStandard.builder().requireIssue(false).build());
        engine.ifPresent(builder::searchEngine);
        // The default configuration applies the starter sets of synonyms, abbreviations and translations;
        // -Dkb.bench.vocabulary=none, no-translations or DIR measures another (see BenchVocabulary).
        builder.baseVocabulary(BenchVocabulary.chosen());
        this.kb = builder.build();
    }

    @Override
    public void index(List<CorpusDocument> documents) {
        int maxText = Limits.defaults().maxFieldLength();
        for (CorpusDocument document : documents) {
            var content = document.sections().isPresent()
                    ? sectioned(titleOf(document), document.sections().get(), maxText)
                    : ArticleContent.of(titleOf(document), "").withResolution(resolutionOf(document, maxText));
            if (!document.attributes().isEmpty()) {
                content = content.withEnvironment(new Environment(
                        document.attributes(), content.environment().text()));
            }
            content = content.withLanguage(localeOf(document.language()));
            var article = kb.capture(
                    ADMINISTRATOR,
                    Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
            corpusIds.put(article.id(), document.id());
        }
        if (!kb.awaitSearchable(INDEX_TIMEOUT)) {
            throw new IllegalStateException(
                    "The search index did not catch up with " + documents.size() + " articles in " + INDEX_TIMEOUT);
        }
        // After a bulk import, a rebuild analyses every article with the vocabulary learned from all of them
        // (German decompounding), as a host would after importing a knowledge base; it also makes runs repeatable.
        kb.rebuildIndex();
    }

    @Override
    public List<String> search(String text) {
        return search(text, Optional.empty());
    }

    @Override
    public List<String> search(String text, Optional<Language> queryLanguage) {
        return search(text, queryLanguage, Map.of());
    }

    /** Searches with the asker's environment as the request's {@link SearchRequest#context() context}. */
    @Override
    public List<String> search(String text, Optional<Language> queryLanguage, Map<String, String> context) {
        var builder = SearchRequest.builder(text, Viewer.anonymous())
                .language(localeOf(queryLanguage))
                .limit(DEPTH);
        context.forEach(builder::context);
        var request = builder.build();
        var ids = new ArrayList<String>();
        for (SearchHit hit : kb.search(request).hits()) {
            String id = corpusIds.get(hit.id());
            if (id == null) {
                throw new IllegalStateException("The search returned article " + hit.id() + ", never captured");
            }
            ids.add(id);
        }
        return ids;
    }

    /** The text as the resolution, as FAQ data has no other section; cut to the field limit. */
    private String resolutionOf(CorpusDocument document, int maxText) {
        String text = document.text().isBlank() ? document.title() : document.text();
        return cut(text, maxText);
    }

    /** A KCS article with its sections as the data set gives them, each cut to the field limit. */
    private ArticleContent sectioned(String title, CorpusDocument.Sections sections, int maxText) {
        return ArticleContent.of(title, cut(sections.issue(), maxText))
                .withEnvironment(Environment.of(cut(sections.environment(), maxText)))
                .withResolution(cut(sections.resolution(), maxText))
                .withCause(cut(sections.cause(), maxText));
    }

    private String cut(String text, int maxText) {
        if (text.length() <= maxText) {
            return text;
        }
        truncatedTexts++;
        return truncateAtWord(text, maxText);
    }

    /** The forced language if there is one, else the stated one, else {@link Locale#ROOT}: the library detects. */
    private Locale localeOf(Optional<Language> stated) {
        return language.or(() -> stated).map(Language::locale).orElse(Locale.ROOT);
    }

    /** Returns how many texts were cut to the library's field limit ({@link Limits#maxFieldLength()}). */
    int truncatedTexts() {
        return truncatedTexts;
    }

    @Override
    public void close() {
        kb.close();
        // A run's indices on a cluster are of no use afterwards: leave the cluster as it was.
        if (engine.isPresent() && engine.get() instanceof OpenSearchEngineProvider openSearch) {
            openSearch.deleteIndices(storeId);
        }
    }

    /**
     * Returns the article title for a document: its title, or the first words of its text when it has none, cut
     * at a word boundary to the content standard's {@value #MAX_TITLE_LENGTH} characters.
     */
    static String titleOf(CorpusDocument document) {
        String title = document.title().strip();
        if (title.isEmpty()) {
            String[] words = document.text().strip().split("\\s+", TITLE_WORDS + 1);
            title = String.join(" ", List.of(words).subList(0, Math.min(TITLE_WORDS, words.length)));
        }
        return truncateAtWord(title, MAX_TITLE_LENGTH);
    }

    /** Cuts {@code text} to at most {@code max} characters, at the last white space if there is one. */
    static String truncateAtWord(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        if (cut == 0) {
            cut = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        }
        return text.substring(0, cut).strip();
    }
}
