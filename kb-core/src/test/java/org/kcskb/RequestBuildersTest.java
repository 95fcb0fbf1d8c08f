package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.health.HealthRequest;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.search.SearchRequest;

/**
 * The requests a host builds are built only through their builders, so that adding a setting breaks no caller; they
 * stay values (equal settings, equal requests).
 */
class RequestBuildersTest {
    @Test
    void requests_haveNoPublicConstructor_andAreNotRecords() {
        for (Class<?> type :
                List.of(SearchRequest.class, BrowseRequest.class, HealthRequest.class, NoticeDraft.class)) {
            assertThat(type.getConstructors()).as(type.getSimpleName()).isEmpty();
            assertThat(type.isRecord()).as(type.getSimpleName()).isFalse();
        }
    }

    @Test
    void equalSettings_makeEqualRequests() {
        assertThat(BrowseRequest.builder()
                        .states(ArticleState.NOT_VALIDATED)
                        .limit(5)
                        .build())
                .isEqualTo(BrowseRequest.builder()
                        .limit(5)
                        .states(ArticleState.NOT_VALIDATED)
                        .build())
                .hasSameHashCodeAs(BrowseRequest.builder()
                        .limit(5)
                        .states(ArticleState.NOT_VALIDATED)
                        .build())
                .isNotEqualTo(BrowseRequest.builder()
                        .limit(6)
                        .states(ArticleState.NOT_VALIDATED)
                        .build());
        assertThat(HealthRequest.builder()
                        .last(Duration.ofDays(7))
                        .team("Print", Set.of("a"))
                        .build())
                .isEqualTo(HealthRequest.builder()
                        .team("Print", Set.of("a"))
                        .last(Duration.ofDays(7))
                        .build());
        var draft = NoticeDraft.builder()
                .text(Locale.GERMAN, "Drucker druckt nicht", "Update KB5034 deinstallieren")
                .products("Windows 11")
                .symptoms("drucker druckt nicht")
                .audience(Audience.PUBLIC)
                .lasting(Duration.ofHours(2))
                .build();
        assertThat(draft.toString()).contains("products=[Windows 11]", "audience=PUBLIC");
        assertThat(draft)
                .isNotEqualTo(NoticeDraft.builder()
                        .text(Locale.GERMAN, "Drucker druckt nicht", "Update KB5034 deinstallieren")
                        .products("Windows 10")
                        .symptoms("drucker druckt nicht")
                        .audience(Audience.PUBLIC)
                        .lasting(Duration.ofHours(2))
                        .build());
    }
}
