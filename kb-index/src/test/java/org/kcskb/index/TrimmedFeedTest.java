package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * An index that is behind the oldest change-feed entry the store keeps (retention trimmed the rest) cannot catch up
 * from the feed: it rebuilds from the articles, and nothing is missing from search.
 */
class TrimmedFeedTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Viewer AGENT = Viewer.agent(Actor.contributor("agent-1"));

    @Test
    void aNewIndexOverATrimmedFeed_findsEveryArticle() {
        ArticleStore store = ArticleStores.inMemory();
        // Closing a knowledge base closes its store: the writer stays open until the end.
        KnowledgeBase writes =
                KnowledgeBase.builder().store(store).withoutSearch().build();
        for (String marker : List.of("zqalpha", "zqbravo", "zqcharlie", "zqdelta")) {
            capture(writes, marker);
        }
        // Retention removed the feed entries of the first three articles.
        assertThat(store.trimChanges(3, Instant.now().plusSeconds(60))).isEqualTo(3);
        assertThat(store.oldestSequence()).isEqualTo(4);

        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(store)
                .refreshInterval(Duration.ofMillis(50))
                .build()) {
            assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
            for (String marker : List.of("zqalpha", "zqbravo", "zqcharlie", "zqdelta")) {
                assertThat(kb.search(SearchRequest.of(marker, AGENT)).hits())
                        .extracting(SearchHit::title)
                        .as(marker)
                        .containsExactly("Printer " + marker);
            }
        } finally {
            writes.close();
        }
    }

    private static Article capture(KnowledgeBase kb, String marker) {
        var content = ArticleContent.of("Printer " + marker, "The printer stops after the update.")
                .withResolution("Restart the spooler.")
                .withLanguage(Locale.ENGLISH);
        return kb.capture(
                PUBLISHER, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
    }
}
