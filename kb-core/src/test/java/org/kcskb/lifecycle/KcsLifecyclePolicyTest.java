package org.kcskb.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Signals;

class KcsLifecyclePolicyTest {
    private final LifecyclePolicy policy = LifecyclePolicy.kcsDefault();

    private static Article article(ArticleState state, Audience audience, String author) {
        return new Article(
                ArticleId.of("KB-1"),
                1,
                ArticleContent.of("t", "i").withResolution("r"),
                state,
                audience,
                Optional.empty(),
                author,
                Instant.EPOCH,
                author,
                Instant.EPOCH,
                Signals.none());
    }

    private Optional<Refusal> change(Licence licence, Article before, ArticleState state, Audience audience) {
        return policy.check(new Proposal(
                new Actor("actor", licence),
                Action.CHANGE_STATE,
                Optional.of(before),
                before.content(),
                state,
                audience));
    }

    /** Every (from, to) state pair: allowed exactly when the transition table says so, for an administrator. */
    @ParameterizedTest
    @EnumSource(ArticleState.class)
    void stateMachine_allowsExactlyTheTableForAdministrators(ArticleState from) {
        for (ArticleState to : ArticleState.values()) {
            Optional<Refusal> refusal =
                    change(Licence.ADMINISTRATOR, article(from, Audience.INTERNAL, "a"), to, Audience.INTERNAL);
            boolean allowed =
                    from == to || KcsLifecyclePolicy.allowedTransitions(from).contains(to);
            assertThat(refusal.isEmpty()).as("%s -> %s", from, to).isEqualTo(allowed);
            refusal.ifPresent(r -> assertThat(r.rule()).isEqualTo(KcsLifecyclePolicy.STATE_TRANSITION));
        }
    }

    @Test
    void publishing_requiresPublisher_forEveryLowerLicence() {
        Article article = article(ArticleState.NOT_VALIDATED, Audience.INTERNAL, "actor");
        for (Licence licence : Licence.values()) {
            for (Audience audience : Audience.values()) {
                Optional<Refusal> refusal = policy.check(new Proposal(
                        new Actor("actor", licence),
                        Action.CHANGE_AUDIENCE,
                        Optional.of(article),
                        article.content(),
                        article.state(),
                        audience));
                boolean allowed = audience == Audience.INTERNAL || licence.atLeast(Licence.PUBLISHER);
                assertThat(refusal.isEmpty()).as("%s to %s", licence, audience).isEqualTo(allowed);
            }
        }
    }

    @Test
    void validation_requiresContributor() {
        Article article = article(ArticleState.NOT_VALIDATED, Audience.INTERNAL, "actor");
        assertThat(change(Licence.CANDIDATE, article, ArticleState.VALIDATED, Audience.INTERNAL))
                .map(Refusal::rule)
                .contains(KcsLifecyclePolicy.VALIDATE_REQUIRES_CONTRIBUTOR);
        assertThat(change(Licence.CONTRIBUTOR, article, ArticleState.VALIDATED, Audience.INTERNAL))
                .isEmpty();
    }

    @Test
    void externalArticles_areChangedOnlyByPublishers() {
        Article article = article(ArticleState.VALIDATED, Audience.PUBLIC, "actor");
        assertThat(change(Licence.CONTRIBUTOR, article, ArticleState.ARCHIVED, Audience.PUBLIC))
                .map(Refusal::rule)
                .contains(KcsLifecyclePolicy.EXTERNAL_EDIT_REQUIRES_PUBLISHER);
        assertThat(change(Licence.PUBLISHER, article, ArticleState.ARCHIVED, Audience.PUBLIC))
                .isEmpty();
    }

    @Test
    void capture_startsOutsideArchived() {
        var proposal = new Proposal(
                Actor.administrator("root"),
                Action.CAPTURE,
                Optional.empty(),
                ArticleContent.of("t", "i"),
                ArticleState.ARCHIVED,
                Audience.INTERNAL);
        assertThat(policy.check(proposal)).map(Refusal::rule).contains(KcsLifecyclePolicy.STATE_TRANSITION);
    }
}
