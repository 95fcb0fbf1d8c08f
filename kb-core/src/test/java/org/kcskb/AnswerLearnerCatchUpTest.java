package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;

/** {@link AnswerLearner#caughtUp}: what other nodes over the same store learned, passed on once, counts not doubled. */
class AnswerLearnerCatchUpTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final ArticleId KB1 = ArticleId.of("KB-1");

    private final List<AnsweredQuery> passed = new ArrayList<>();
    private final AnswerLearner learner =
            new AnswerLearner(new LearningRules(3, Optional.empty(), Set.of()), passed::addAll);

    private static AnsweredQuery stored(long answers, Instant last) {
        return new AnsweredQuery("printer offline", Locale.ENGLISH, Audience.INTERNAL, KB1, answers, 3, last);
    }

    @Test
    void aTripleLearnedElsewhereIsPassedOnInFull_thenOnlyTheNewAnswers() {
        learner.caughtUp(List.of(stored(3, T)));
        assertThat(passed).extracting(AnsweredQuery::answers).containsExactly(3L);

        passed.clear();
        learner.caughtUp(List.of(stored(3, T)));
        assertThat(passed).isEmpty();

        learner.caughtUp(List.of(stored(5, T.plusSeconds(1))));
        assertThat(passed).extracting(AnsweredQuery::answers).containsExactly(2L);
        assertThat(passed.getFirst().lastAnswered()).isEqualTo(T.plusSeconds(1));
    }

    @Test
    void aTripleKnownAtStartUpIsNotPassedOnAgain() {
        learner.learned(List.of(stored(4, T)));
        learner.caughtUp(List.of(stored(4, T)));
        assertThat(passed).isEmpty();
    }
}
