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
                .build()) {
            Article internal = publish(kb, "Drucker intern", Audience.INTERNAL);
            publish(kb, "Drucker öffentlich", Audience.PUBLIC);
            assertThat(kb.related(internal.id(), Viewer.anonymous(), 5)).isEmpty();
            assertThat(kb.related(ArticleId.of("KB-404"), Viewer.anonymous(), 5))
                    .isEmpty();
        }
    }

    @Test
    void answeredQueries_reachTheEngine_asTheyAreRecorded_andAgainWhenTheKnowledgeBaseOpens() {
        var engine = new AtomicReference<SubstringSearchEngine>();
        Path directory = temp.resolve("kb");
        ArticleId answer;
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .build()) {
            answer = publish(kb, "Drucker druckt nicht", Audience.PUBLIC).id();
            SearchResult result = kb.search(SearchRequest.of("Drucker", Viewer.anonymous()));
            kb.recordClick(
                    Viewer.anonymous(),
                    answer,
                    SearchOrigin.of(result.searchId().orElseThrow(), 1));
            kb.recordClick(
                    Viewer.anonymous(),
                    answer,
                    SearchOrigin.of(result.searchId().orElseThrow(), 1));
            kb.search(SearchRequest.of("nichts gefunden", Viewer.anonymous()));

            // A report writes what is queued, and the learner sees each stored batch.
            assertThat(kb.analytics().answeredQueries(ReportQuery.all()))
                    .extracting(AnsweredQuery::query, AnsweredQuery::article, AnsweredQuery::answers)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", answer, 1L));
            assertThat(engine.get().learned())
                    .extracting(AnsweredQuery::query, AnsweredQuery::article, AnsweredQuery::answers)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", answer, 1L));
            assertThat(kb.suggest("druck", Viewer.anonymous(), 5))
                    .extracting(s -> s.text())
                    .contains("Drucker druckt nicht", "drucker");
        }
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .build()) {
            assertThat(kb.awaitSearchable(Duration.ofSeconds(5))).isTrue();
            List<AnsweredQuery> learned = engine.get().learned();
            assertThat(learned)
                    .extracting(AnsweredQuery::query, AnsweredQuery::article)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drucker", answer));
        }
    }
}
