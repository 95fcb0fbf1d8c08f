package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;

/** What the caller sends is kept in the cache key, so it counts in the entry's weight like the result does. */
class ResultCacheWeightTest {
    private static final Visibility PUBLIC = new Visibility(
            Viewer.anonymous(), Set.of(new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false)));

    private static int weight(SearchRequest request) {
        return ResultCache.weigh(new ResultCache.Key(request, PUBLIC, 1), SearchResult.empty());
    }

    @Test
    void weigh_countsTheCursorOfTheKey() {
        SearchRequest plain = SearchRequest.of("printer", Viewer.anonymous());
        String cursor = PageCursor.after(new org.apache.lucene.search.FieldDoc(
                1, 1f, new Object[] {1f, new org.apache.lucene.util.BytesRef("K".repeat(64))}));
        SearchRequest paged = SearchRequest.builder("printer", Viewer.anonymous())
                .after(cursor)
                .build();
        assertThat(weight(paged)).isGreaterThanOrEqualTo(weight(plain) + 2 * cursor.length());
    }

    @Test
    void weigh_countsTagsAndEnvironmentFiltersOfTheKey() {
        SearchRequest plain = SearchRequest.of("printer", Viewer.anonymous());
        var builder = SearchRequest.builder("printer", Viewer.anonymous());
        for (int i = 0; i < 30; i++) {
            builder.tag("tag-" + i + "-" + "x".repeat(150));
        }
        builder.environment("product", "p".repeat(200));
        assertThat(weight(builder.build())).isGreaterThanOrEqualTo(weight(plain) + 2 * (30 * 150 + 200));
    }
}
