package org.kcskb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kcskb.InvalidInputException;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Environment;
import org.kcskb.search.spi.ContextBoost;

class SearchRequestContextTest {
    private static final Viewer VISITOR = Viewer.anonymous();

    @Test
    void context_isEmptyByDefault_andPartOfEquality() {
        SearchRequest plain = SearchRequest.of("drucker", VISITOR);
        assertThat(plain.context()).isEmpty();
        SearchRequest windows = SearchRequest.builder("drucker", VISITOR)
                .context("product", "Windows 11")
                .context("version", "23H2")
                .build();
        SearchRequest same = SearchRequest.builder("drucker", VISITOR)
                .context("version", "23H2")
                .context("product", "Windows 11")
                .build();
        assertThat(windows).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(plain);
        assertThat(windows.context()).containsExactly(Map.entry("product", "Windows 11"), Map.entry("version", "23H2"));
        assertThatThrownBy(() -> windows.context().put("platform", "x64"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void context_fromAnEnvironment_takesItsAttributesWithAValue_notItsText() {
        SearchRequest request = SearchRequest.builder("drucker", VISITOR)
                .context(Environment.of("Windows 11", "23H2", "Etagendrucker im 3. Stock")
                        .with("platform", "   "))
                .build();
        assertThat(request.context()).containsExactly(Map.entry("product", "Windows 11"), Map.entry("version", "23H2"));
    }

    @Test
    void context_keepsItsValueOnTheNextPage() {
        SearchRequest request = SearchRequest.builder("drucker", VISITOR)
                .context("product", "Windows 11")
                .build();
        var page = new SearchResult(
                java.util.List.of(), 20, true, Map.of(), java.util.Optional.empty(), java.util.Optional.of("QUJD"));
        assertThat(request.next(page).context()).isEqualTo(request.context());
    }

    @Test
    void context_badNames_blankOrLongValues_andTooMany_nameTheFieldAndTheRule() {
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .context("Product", "Windows 11")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context"))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .context("p".repeat(65), "x")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context"));
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .context("version", " ")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context.version"))
                .hasMessageContaining("leave the attribute out");
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .context("product", "p".repeat(SearchRequest.MAX_FILTER_VALUE_LENGTH + 1))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context.product"));
        var builder = SearchRequest.builder("drucker", VISITOR);
        IntStream.range(0, SearchRequest.MAX_FILTERS + 1).forEach(i -> builder.context("key" + i, "v"));
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context"))
                .hasMessageContaining(Integer.toString(SearchRequest.MAX_FILTERS));
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR).context(null, "x"))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void contextBoost_productCountsMost_versionOnlyWithTheProduct_andTheFactorIsBounded() {
        Map<String, String> asker = Map.of("product", "Windows 11", "version", "23H2", "platform", "x64");
        assertThat(ContextBoost.match(asker, Map.of("product", "windows 11 ")))
                .isEqualTo(new ContextBoost.Match(java.util.List.of("product"), ContextBoost.PRODUCT));
        assertThat(ContextBoost.match(asker, Map.of("platform", "X64")).factor())
                .isEqualTo(ContextBoost.OTHER);
        assertThat(ContextBoost.PRODUCT).isGreaterThan(ContextBoost.OTHER);
        // A version of another product says nothing; of no product at all, it helps.
        assertThat(ContextBoost.match(asker, Map.of("product", "macOS", "version", "23H2"))
                        .factor())
                .isEqualTo(1.0);
        assertThat(ContextBoost.match(asker, Map.of("version", "23H2")).keys()).containsExactly("version");
        assertThat(ContextBoost.match(asker, Map.of("product", "Windows 11", "version", "23H2"))
                        .keys())
                .containsExactly("product", "version");
        assertThat(ContextBoost.match(asker, Map.of("product", "Windows 11", "version", "23H2", "platform", "x64"))
                        .factor())
                .isEqualTo(ContextBoost.MAX);
        // Nothing shared, or no attributes at all: neutral.
        assertThat(ContextBoost.match(asker, Map.of()).factor()).isEqualTo(1.0);
        assertThat(ContextBoost.match(Map.of(), Map.of("product", "Windows 11")).factor())
                .isEqualTo(1.0);
    }
}
