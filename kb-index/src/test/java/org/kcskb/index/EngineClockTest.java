package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** The engine reads the knowledge base's clock, never the system clock: freshness is measured against it. */
class EngineClockTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private static double scoreAt(Instant now) {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build()) {
            var content = ArticleContent.of("Printer offline after update", "The printer shows offline.")
                    .withResolution("Restart the spooler.")
                    .withLanguage(Locale.ENGLISH);
            kb.capture(
                    PUBLISHER,
                    Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
            assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
            var hits = kb.search(SearchRequest.of("printer offline", Viewer.anonymous()))
                    .hits();
            assertThat(hits).hasSize(1);
            return hits.getFirst().score();
        }
    }

    @Test
    void anArticleModifiedNow_isAsFresh_whateverTheClockSays() {
        // Modified "now" by the knowledge base's clock in both: as fresh as can be, whether now is years ago.
        assertThat(scoreAt(Instant.parse("2019-03-01T10:00:00Z")))
                .isEqualTo(scoreAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)));
    }
}
