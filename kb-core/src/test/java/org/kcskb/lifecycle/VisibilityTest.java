package org.kcskb.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.store.ArticleStores;

class VisibilityTest {
    private static final Visibility.Grant OWN_WORK =
            new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, true);

    /** A policy that grants every viewer its own work in progress, as a careless host might write it. */
    private static final VisibilityPolicy OWN_WORK_FOR_EVERYONE =
            (viewer, includeArchived) -> new Visibility(viewer, Set.of(OWN_WORK));

    @Test
    void aPartnerNamedLikeAnAgentSeesNothingOfThatAgentsOwnArticles() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .visibilityPolicy(OWN_WORK_FOR_EVERYONE)
                .build()) {
            Article draft = kb.capture(
                    Actor.candidate("acme"),
                    ArticleContent.of("VPN bricht im Hotel ab", "Die Verbindung bricht nach einer Minute ab"));
            assertThat(draft.state()).isEqualTo(ArticleState.WORK_IN_PROGRESS);

            assertThat(kb.article(draft.id(), Viewer.agent(Actor.candidate("acme"))))
                    .isPresent();
            assertThat(kb.article(draft.id(), Viewer.partner("acme"))).isEmpty();
            assertThat(kb.article(draft.id(), Viewer.agent(Actor.candidate("someone-else"))))
                    .isEmpty();
        }
    }

    @Test
    void ownOnlyGrantsAreDroppedForViewersWhoAreNotAgents() {
        assertThat(new Visibility(Viewer.partner("acme"), Set.of(OWN_WORK)).grants())
                .isEmpty();
        assertThat(new Visibility(Viewer.anonymous(), Set.of(OWN_WORK)).authorId())
                .isEmpty();
        assertThat(new Visibility(Viewer.agent(Actor.candidate("acme")), Set.of(OWN_WORK)).grants())
                .containsExactly(OWN_WORK);
    }

    @Test
    void everyViewerBelongsToOneAudience() {
        assertThat(Viewer.anonymous().audience()).isEqualTo(Audience.PUBLIC);
        assertThat(Viewer.partner("acme").audience()).isEqualTo(Audience.PARTNER);
        assertThat(Viewer.agent(Actor.candidate("acme")).audience()).isEqualTo(Audience.INTERNAL);
    }
}
