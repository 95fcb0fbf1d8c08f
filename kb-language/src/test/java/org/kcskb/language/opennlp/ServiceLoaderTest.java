package org.kcskb.language.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.language.LanguageDetector;
import org.kcskb.store.ArticleStores;

/** kb-language on the class path is all a knowledge base needs to detect languages, with or without search. */
class ServiceLoaderTest {

    @Test
    void serviceLoader_findsTheOpenNlpDetector() {
        // On the module path this test runs inside org.kcskb.language, which provides the service but does not use
        // it; a module that looks the service up declares "uses", as org.kcskb.core does. No-op on the class path.
        ServiceLoaderTest.class.getModule().addUses(LanguageDetector.class);
        assertThat(ServiceLoader.load(LanguageDetector.class).findFirst())
                .get()
                .isInstanceOf(OpenNlpLanguageDetector.class)
                .hasToString("OpenNLP language detector [de, en, fr]");
    }

    @Test
    void knowledgeBaseWithoutSearch_storesTheDetectedLanguage() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .build()) {
            var article = kb.capture(
                    Actor.contributor("author-1"),
                    Draft.of(ArticleContent.of(
                            "Drucker druckt nach dem Update nicht mehr",
                            "Seit dem letzten Windows-Update druckt der Drucker im Büro keine Seiten mehr.")));
            assertThat(article.language()).isEqualTo(Locale.GERMAN);
        }
    }
}
