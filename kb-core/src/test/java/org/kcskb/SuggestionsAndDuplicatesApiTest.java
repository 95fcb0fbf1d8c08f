package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

/** The knowledge base's side of suggestions, duplicates and related articles: validation and the answer feed. */
class SuggestionsAndDuplicatesApiTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    @TempDir
    Path temp;

    private static Article publish(KnowledgeBase kb, String title, Audience audience) {
        return kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, title + ": seit dem Update").withResolution("Treiber installieren"))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    @Test
    void badArguments_failWithTypedErrorsThatSayWhatToDo() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            Viewer visitor = Viewer.anonymous();
            assertThat(kb.suggest("   ", visitor, 5)).isEmpty();
            assertThatThrownBy(() -> kb.suggest("druck", visitor, 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("between 1 and 100");
            assertThatThrownBy(() -> kb.suggest("x".repeat(SearchRequest.MAX_TEXT_LENGTH + 1), visitor, 5))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("at most " + SearchRequest.MAX_TEXT_LENGTH);
            assertThatThrownBy(() -> kb.related(ArticleId.of("KB-1"), visitor, 101))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> kb.similar(PUBLISHER, Draft.of(ArticleContent.of("x", "y")), 0))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void related_ofAnArticleTheViewerMayNotSee_isEmpty_withoutAskingTheEngine() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            Article internal = publish(kb, "Drucker intern", Audience.INTERNAL);
            publish(kb, "Drucker öffentlich", Audience.PUBLIC);
            assertThat(kb.related(internal.id(), Viewer.anonymous(), 5)).isEmpty();
            assertThat(kb.related(ArticleId.of("KB-404"), Viewer.anonymous(), 5))
                    .isEmpty();
        }
    }

    /** A public search by the visitor with key {@code visitor}, and a click on {@code answer} in its hits. */
    private static void searchAndClick(KnowledgeBase kb, String text, String visitor, ArticleId answer) {
        SearchResult result = kb.search(
                SearchRequest.builder(text, Viewer.anonymous()).visitor(visitor).build());
        int position = 1 + result.hits().stream().map(SearchHit::id).toList().indexOf(answer);
        kb.recordClick(
                Viewer.anonymous(), answer, SearchOrigin.of(result.searchId().orElseThrow(), position));
    }

    @Test
    void answeredQueries_reachTheEngine_onceThreeDistinctVisitorsChoseAHit_andAgainWhenTheKnowledgeBaseOpens() {
        var engine = new AtomicReference<SubstringSearchEngine>();
        Path directory = temp.resolve("kb");
        ArticleId answer;
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            answer = publish(kb, "Drucker druckt nicht", Audience.PUBLIC).id();
            // One visitor twice, one anonymous search without a key: two answers, one visitor.
            searchAndClick(kb, "Drucker", "visitor-1", answer);
            searchAndClick(kb, "drucker", "visitor-1", answer);
            SearchResult anonymous = kb.search(SearchRequest.of("Drucker", Viewer.anonymous()));
            kb.recordClick(
                    Viewer.anonymous(),
                    answer,
                    SearchOrigin.of(anonymous.searchId().orElseThrow(), 1));
            searchAndClick(kb, "drucker", "visitor-2", answer);
            kb.search(SearchRequest.of("nichts gefunden", Viewer.anonymous()));

            // A report writes what is queued, and the learner sees each stored batch: two visitors are not enough.
            assertThat(kb.analytics().answeredQueries(ReportQuery.all()))
                    .extracting(
                            AnsweredQuery::query,
                            AnsweredQuery::article,
                            AnsweredQuery::answers,
                            AnsweredQuery::visitors)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", answer, 4L, 2L));
            assertThat(engine.get().learned()).isEmpty();
            assertThat(kb.suggest("druck", Viewer.anonymous(), 5))
                    .extracting(s -> s.text())
                    .containsExactly("Drucker druckt nicht");

            searchAndClick(kb, "DRUCKER ", "visitor-3", answer);
            kb.analytics().answeredQueries(ReportQuery.all());
            assertThat(engine.get().learned())
                    .extracting(
                            AnsweredQuery::query,
                            AnsweredQuery::audience,
                            AnsweredQuery::article,
                            AnsweredQuery::answers,
                            AnsweredQuery::visitors)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", Audience.PUBLIC, answer, 5L, 3L));
            assertThat(kb.suggest("druck", Viewer.anonymous(), 5))
                    .extracting(s -> s.text())
                    .contains("Drucker druckt nicht", "drucker");
            // Typed by the public, so suggested to the public only (the fake engine keeps that rule too).
            assertThat(kb.suggest("druck", Viewer.agent(PUBLISHER), 5))
                    .extracting(s -> s.text())
                    .doesNotContain("drucker");
        }
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            assertThat(kb.awaitSearchable(Duration.ofSeconds(5))).isTrue();
            assertThat(engine.get().learned())
                    .extracting(AnsweredQuery::query, AnsweredQuery::audience, AnsweredQuery::article)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", Audience.PUBLIC, answer));
        }
    }

    @Test
    void restart_learnsOnlyWhatPassedTheThreshold_neverZeroHitOrPersonalQueries() {
        var engine = new AtomicReference<SubstringSearchEngine>();
        Path directory = temp.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            ArticleId answer =
                    publish(kb, "Drucker druckt nicht", Audience.PUBLIC).id();
            ArticleId mail = publish(kb, "Drucker jane@example.com meldet Fehler", Audience.PUBLIC)
                    .id();
            ArticleId phone = publish(kb, "Drucker +41 44 123 45 67 ruft an", Audience.PUBLIC)
                    .id();
            for (String visitor : List.of("v1", "v2", "v3")) {
                searchAndClick(kb, "drucker", visitor, answer);
                searchAndClick(kb, "drucker jane@example.com", visitor, mail);
                searchAndClick(kb, "drucker +41 44 123 45 67", visitor, phone);
            }
            searchAndClick(kb, "druckt", "v1", answer);
            kb.analytics().answeredQueries(ReportQuery.all());
            assertThat(engine.get().learned()).extracting(AnsweredQuery::query).containsOnly("drucker");
        }
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build()) {
            assertThat(engine.get().learned()).extracting(AnsweredQuery::query).containsExactly("drucker");
        }
    }
}
