package org.kcskb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.InvalidInputException;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleState;

class SearchRequestTest {
    @Test
    void theBuilderIsTheOnlyWayIn_soThatAddingASettingBreaksNoCaller() {
        assertThat(SearchRequest.class.getConstructors()).isEmpty();
        assertThat(SearchRequest.class.isRecord()).isFalse();
    }

    @Test
    void equalSettings_makeEqualRequests_usableAsKeys() {
        var a = SearchRequest.builder("drucker", Viewer.anonymous())
                .tag("windows")
                .environment("product", "Acme")
                .states(Set.of(ArticleState.VALIDATED))
                .language(Locale.GERMAN)
                .build();
        var b = SearchRequest.builder("drucker", Viewer.anonymous())
                .language(Locale.GERMAN)
                .states(Set.of(ArticleState.VALIDATED))
                .environment("product", "Acme")
                .tag("windows")
                .build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a)
                .isNotEqualTo(
                        SearchRequest.builder("drucker", Viewer.anonymous()).build());
        assertThat(a.toString()).contains("text=drucker", "tags=[windows]", "language=de");
        assertThat(a.tags()).isUnmodifiable();
    }

    @Test
    void next_keepsEverySetting_andPagesOnWithTheCursor() {
        var first = SearchRequest.builder("vpn", Viewer.anonymous())
                .limit(5)
                .facets(true)
                .context("product", "Windows 11")
                .build();
        var result = new SearchResult(List.of(), 12, true, java.util.Map.of(), Optional.empty(), Optional.of("c1"));

        var second = first.next(result);

        assertThat(second.after()).contains("c1");
        assertThat(second.limit()).isEqualTo(5);
        assertThat(second.facets()).isTrue();
        assertThat(second.context()).containsEntry("product", "Windows 11");
    }

    @Test
    void badSettings_failWhenBuilt_sayingHowToFix() {
        assertThatThrownBy(() ->
                        SearchRequest.builder("x", Viewer.anonymous()).limit(0).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and " + SearchRequest.MAX_LIMIT);
        assertThatThrownBy(() -> SearchRequest.builder("x", Viewer.anonymous())
                        .offset(5)
                        .after("c")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not both");
    }
}
