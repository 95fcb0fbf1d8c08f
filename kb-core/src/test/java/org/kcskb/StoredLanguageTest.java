package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.store.ArticleStores;

/**
 * The language stored with an article comes from the knowledge base's {@link LanguageDetector}, never from the
 * search engine: the same with an engine, with another engine and without one.
 */
class StoredLanguageTest {
    private static final Actor AUTHOR = Actor.contributor("author-1");
    private static final ArticleContent PRINTER =
            ArticleContent.of("Drucker druckt nicht", "Seit dem Update druckt der Drucker nicht mehr");

    private static Locale capturedLanguage(UnaryOperator<KnowledgeBaseBuilder> options, ArticleContent content) {
        try (KnowledgeBase kb = options.apply(KnowledgeBase.builder().store(ArticleStores.inMemory()))
                .build()) {
            Article captured = kb.capture(AUTHOR, Draft.of(content));
            assertThat(kb.article(captured.id()).orElseThrow().language()).isEqualTo(captured.language());
            return captured.language();
        }
    }

    @Test
    void hostDetector_decidesTheStoredLanguage_withAnEngineAndWithout() {
        LanguageDetector french = text -> Optional.of(Locale.FRENCH);
        assertThat(capturedLanguage(b -> b.withoutSearch().languageDetector(french), PRINTER))
                .isEqualTo(Locale.FRENCH);
        assertThat(capturedLanguage(
                        b -> b.searchEngine(SubstringSearchEngine.provider()).languageDetector(french), PRINTER))
                .isEqualTo(Locale.FRENCH);
    }

    @Test
    void storedLanguage_isTheSameWithAndWithoutASearchEngine() {
        LanguageDetector detector = SubstringSearchEngine::detectLanguage;
        Locale withEngine = capturedLanguage(
                b -> b.searchEngine(SubstringSearchEngine.provider()).languageDetector(detector), PRINTER);
        Locale withoutEngine = capturedLanguage(b -> b.withoutSearch().languageDetector(detector), PRINTER);
        assertThat(withEngine).isEqualTo(withoutEngine).isEqualTo(Locale.GERMAN);
    }

    @Test
    void aGivenLanguage_isKept_withoutAskingTheDetector() {
        var asked = new CopyOnWriteArrayList<String>();
        LanguageDetector detector = text -> {
            asked.add(text);
            return Optional.of(Locale.FRENCH);
        };
        assertThat(capturedLanguage(
                        b -> b.withoutSearch().languageDetector(detector), PRINTER.withLanguage(Locale.ENGLISH)))
                .isEqualTo(Locale.ENGLISH);
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutADetectorOnTheClassPath_languagesNotGivenStayUnknown() {
        // kb-core's own tests have no LanguageDetector registered for ServiceLoader: the documented fallback.
        assertThat(capturedLanguage(KnowledgeBaseBuilder::withoutSearch, PRINTER))
                .isEqualTo(Locale.ROOT);
        assertThat(capturedLanguage(b -> b.withoutSearch().languageDetector(LanguageDetector.none()), PRINTER))
                .isEqualTo(Locale.ROOT);
        assertThat(LanguageDetector.none().detect("Der Drucker druckt nicht")).isEmpty();
        assertThat(List.of(LanguageDetector.none().toString())).containsExactly("LanguageDetector.none()");
    }

    @Test
    void languageDetector_isSetOnce() {
        assertThatThrownBy(() -> KnowledgeBase.builder()
                        .languageDetector(LanguageDetector.none())
                        .languageDetector(LanguageDetector.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("languageDetector was already set");
    }
}
