package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.store.ArticleStores;

/**
 * With kb-index on the class path, the stored language of an article captured without one comes from kb-language's
 * OpenNLP detector (brought along by kb-index): the same with the Lucene engine and without search.
 */
class StoredLanguageWithEngineTest {
    private static final Actor AUTHOR = Actor.contributor("author-1");
    private static final ArticleContent GERMAN = ArticleContent.of(
                    "Drucker druckt nach dem Update nicht mehr",
                    "Seit dem letzten Windows-Update druckt der Drucker im Büro keine Seiten mehr.")
            .withResolution("Installieren Sie den aktuellen Druckertreiber und starten Sie die Warteschlange neu.");
    private static final ArticleContent ENGLISH = ArticleContent.of(
                    "Printer stopped printing after the update",
                    "Since the latest Windows update the office printer no longer prints any pages.")
            .withResolution("Install the current printer driver and restart the print spooler service.");

    private static Locale captured(UnaryOperator<KnowledgeBaseBuilder> options, ArticleContent content) {
        try (KnowledgeBase kb = options.apply(KnowledgeBase.builder().store(ArticleStores.inMemory()))
                .build()) {
            return kb.capture(AUTHOR, Draft.of(content)).language();
        }
    }

    @Test
    void storedLanguage_isTheSame_withTheLuceneEngine_andWithoutSearch() {
        for (ArticleContent content : new ArticleContent[] {GERMAN, ENGLISH}) {
            Locale withLucene = captured(b -> b, content);
            Locale withLuceneNamed = captured(b -> b.searchEngine(new LuceneSearchEngineProvider()), content);
            Locale withoutSearch = captured(KnowledgeBaseBuilder::withoutSearch, content);
            assertThat(withLucene).isEqualTo(withLuceneNamed).isEqualTo(withoutSearch);
        }
        assertThat(captured(KnowledgeBaseBuilder::withoutSearch, GERMAN)).isEqualTo(Locale.GERMAN);
        assertThat(captured(KnowledgeBaseBuilder::withoutSearch, ENGLISH)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void hostDetector_overridesTheOneOnTheClassPath_withTheLuceneEngine() {
        LanguageDetector french = text -> Optional.of(Locale.FRENCH);
        assertThat(captured(b -> b.languageDetector(french), GERMAN)).isEqualTo(Locale.FRENCH);
        assertThat(captured(b -> b.languageDetector(LanguageDetector.none()), GERMAN))
                .isEqualTo(Locale.ROOT);
    }
}
