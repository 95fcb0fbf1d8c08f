package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Signals;
import org.kcskb.index.analysis.CompletionAnalyzer;
import org.kcskb.index.analysis.CompoundVocabulary;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.Suggestion;

class SuggestionsTest {
    private static final Visibility PUBLIC = new Visibility(
            Viewer.anonymous(), Set.of(new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false)));

    private static Article article(String id, String title, Audience audience) {
        return new Article(
                ArticleId.of(id),
                1,
                ArticleContent.of(title, "Beschreibung").withLanguage(Locale.GERMAN),
                ArticleState.VALIDATED,
                audience,
                Optional.empty(),
                "author-1",
                Instant.EPOCH,
                "author-1",
                Instant.EPOCH,
                Signals.none());
    }

    /** An answer learned from the public. */
    private static AnsweredQuery answered(String query, Locale language, ArticleId article, long answers, Instant at) {
        return new AnsweredQuery(query, language, Audience.PUBLIC, article, answers, 0, at);
    }

    private static final Visibility PARTNER = new Visibility(
            Viewer.partner("partner-1"),
            Set.of(
                    new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false),
                    new Visibility.Grant(ArticleState.VALIDATED, Audience.PARTNER, false)));

    private static final Visibility AGENT = new Visibility(
            Viewer.agent(Actor.contributor("agent-1")),
            Set.of(
                    new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false),
                    new Visibility.Grant(ArticleState.VALIDATED, Audience.PARTNER, false),
                    new Visibility.Grant(ArticleState.VALIDATED, Audience.INTERNAL, false)));

    @Test
    void learnedQuery_isSuggestedOnlyToViewersOfTheAudienceItWasTypedIn() {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            suggestions.put(article("KB-1", "Papierstau beheben", Audience.PUBLIC));
            ArticleId id = ArticleId.of("KB-1");
            suggestions.learn(java.util.List.of(
                    new AnsweredQuery(
                            "projekt falke drucker", Locale.GERMAN, Audience.INTERNAL, id, 9, 3, Instant.EPOCH),
                    new AnsweredQuery(
                            "partner portal drucker", Locale.GERMAN, Audience.PARTNER, id, 5, 3, Instant.EPOCH),
                    new AnsweredQuery("papier drucker", Locale.GERMAN, Audience.PUBLIC, id, 4, 3, Instant.EPOCH)));

            assertThat(suggestions.suggest("p", PUBLIC, 10))
                    .extracting(Suggestion::text)
                    .containsExactlyInAnyOrder("Papierstau beheben", "papier drucker");
            assertThat(suggestions.suggest("p", PARTNER, 10))
                    .extracting(Suggestion::text)
                    .containsExactlyInAnyOrder("Papierstau beheben", "partner portal drucker");
            assertThat(suggestions.suggest("p", AGENT, 10))
                    .extracting(Suggestion::text)
                    .containsExactlyInAnyOrder("Papierstau beheben", "projekt falke drucker");
        }
    }

    @Test
    void forget_dropsABlockedQueryForEveryArticleAndAudience_atOnce() {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            suggestions.put(article("KB-1", "Papierstau beheben", Audience.PUBLIC));
            suggestions.put(article("KB-2", "Drucker klemmt", Audience.PUBLIC));
            suggestions.learn(java.util.List.of(
                    answered("drucker von jane", Locale.GERMAN, ArticleId.of("KB-1"), 3, Instant.EPOCH),
                    answered("drucker von jane", Locale.GERMAN, ArticleId.of("KB-2"), 3, Instant.EPOCH),
                    new AnsweredQuery(
                            "drucker von jane",
                            Locale.GERMAN,
                            Audience.INTERNAL,
                            ArticleId.of("KB-2"),
                            3,
                            3,
                            Instant.EPOCH),
                    answered("drucker klemmt oft", Locale.GERMAN, ArticleId.of("KB-2"), 3, Instant.EPOCH)));
            assertThat(suggestions.suggest("drucker v", PUBLIC, 5)).hasSize(1);

            suggestions.forget("drucker von jane");

            assertThat(suggestions.suggest("drucker v", PUBLIC, 5)).isEmpty();
            assertThat(suggestions.suggest("drucker v", AGENT, 5)).isEmpty();
            assertThat(suggestions.suggest("drucker klemmt o", PUBLIC, 5))
                    .extracting(Suggestion::text)
                    .containsExactly("drucker klemmt oft");
        }
    }

    @Test
    void remove_forgetsEverythingLearnedForAPurgedArticle_evenIfItComesBack() {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            suggestions.put(article("KB-1", "Papierstau beheben", Audience.PUBLIC));
            suggestions.learn(java.util.List.of(
                    answered("drucker von jane", Locale.GERMAN, ArticleId.of("KB-1"), 3, Instant.EPOCH)));
            assertThat(suggestions.suggest("drucker v", PUBLIC, 5)).hasSize(1);

            suggestions.remove(ArticleId.of("KB-1"));
            suggestions.put(article("KB-1", "Papierstau beheben", Audience.PUBLIC));
            suggestions.refresh();

            assertThat(suggestions.suggest("drucker v", PUBLIC, 5)).isEmpty();
        }
    }

    @Test
    void learn_keepsAnswersForAnUnknownArticle_untilItAppears() {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            suggestions.learn(java.util.List.of(
                    answered("drucker klemmt", Locale.GERMAN, ArticleId.of("KB-7"), 2, Instant.EPOCH)));
            assertThat(suggestions.suggest("drucker kl", PUBLIC, 5)).isEmpty();

            suggestions.put(article("KB-7", "Papierstau beheben", Audience.PUBLIC));
            suggestions.refresh();

            assertThat(suggestions.suggest("drucker kl", PUBLIC, 5))
                    .extracting(Suggestion::text)
                    .containsExactly("drucker klemmt");
        }
    }

    @Test
    void learn_forgetsTheLeastAnsweredPairs_beyondTheCap() throws IOException {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            ArticleId id = ArticleId.of("KB-1");
            var answers = new ArrayList<AnsweredQuery>();
            answers.add(answered("drucker klemmt", Locale.GERMAN, id, 50, Instant.EPOCH));
            for (int i = 0; i < Suggestions.MAX_ANSWERS; i++) {
                answers.add(answered("frage " + i, Locale.GERMAN, id, 1, Instant.ofEpochSecond(i)));
            }
            suggestions.learn(answers);
            suggestions.put(article("KB-1", "Papierstau beheben", Audience.PUBLIC));
            suggestions.refresh();

            int kept = suggestions.documentCount() - 1;
            assertThat(kept).isLessThanOrEqualTo(Suggestions.MAX_ANSWERS).isGreaterThan(Suggestions.MAX_ANSWERS / 2);
            assertThat(suggestions.suggest("drucker kl", PUBLIC, 5))
                    .extracting(Suggestion::text)
                    .containsExactly("drucker klemmt");
            // The oldest of the least answered went first.
            assertThat(suggestions.suggest("frage 0", PUBLIC, 5))
                    .extracting(Suggestion::text)
                    .doesNotContain("frage 0");
            assertThat(suggestions.suggest("frage " + (Suggestions.MAX_ANSWERS - 1), PUBLIC, 5))
                    .extracting(Suggestion::text)
                    .contains("frage " + (Suggestions.MAX_ANSWERS - 1));
        }
    }

    @Test
    void put_hidesEveryDocumentOfAnArticle_asSoonAsItBecomesInvisible() {
        try (var analyzer = CompletionAnalyzer.create(CompoundVocabulary.create());
                var suggestions = new Suggestions(analyzer)) {
            suggestions.put(article("KB-2", "Drucker druckt nicht", Audience.PUBLIC));
            suggestions.learn(java.util.List.of(
                    answered("druckt nicht mehr", Locale.ROOT, ArticleId.of("KB-2"), 1, Instant.EPOCH)));
            assertThat(suggestions.suggest("druckt", PUBLIC, 5)).hasSize(2);

            suggestions.put(article("KB-2", "Drucker druckt nicht", Audience.INTERNAL));
            suggestions.refresh();
            assertThat(suggestions.suggest("druckt", PUBLIC, 5)).isEmpty();

            suggestions.remove(ArticleId.of("KB-2"));
            suggestions.refresh();
            assertThat(suggestions.suggest(
                            "druckt",
                            new Visibility(
                                    Viewer.agent(Actor.candidate("agent")),
                                    Set.of(new Visibility.Grant(ArticleState.VALIDATED, Audience.INTERNAL, false))),
                            5))
                    .isEmpty();
        }
    }
}
