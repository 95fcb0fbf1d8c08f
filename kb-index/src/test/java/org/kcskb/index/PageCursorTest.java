package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

/** Page cursors come back from the caller: tampered ones are refused with a typed error that does not echo them. */
class PageCursorTest {

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String cursor) {
        assertThatThrownBy(() -> PageCursor.decode(cursor))
                .as("cursor %s", cursor.length() > 80 ? cursor.substring(0, 80) + "..." : cursor)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("after");
                    assertThat(e.getMessage()).contains("SearchResult.nextPage()");
                    if (cursor.length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(cursor);
                    }
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b");
                });
    }

    @Test
    void decode_roundTripsBothForms() {
        assertThat(PageCursor.decode(PageCursor.at(7))).isEqualTo(PageCursor.start(7));
        var hit = new FieldDoc(3, 2.5f, new Object[] {2.5f, new BytesRef("KB-42")});
        PageCursor after = PageCursor.decode(PageCursor.after(hit));
        assertThat(after.after().fields).containsExactly(2.5f, new BytesRef("KB-42"));
        // The earlier form without the "f:" prefix still reads.
        assertThat(PageCursor.decode(encode(Float.floatToIntBits(1.5f) + ":KB-1"))
                        .after()
                        .fields[0])
                .isEqualTo(1.5f);
    }

    @Test
    void decode_refusesNanAndInfiniteScores() {
        for (float score : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertRefused(encode("f:" + Float.floatToIntBits(score) + ":KB-1"));
            assertRefused(encode(Float.floatToIntBits(score) + ":KB-1"));
        }
        // Another NaN bit pattern than Float.NaN's.
        assertRefused(encode("f:" + 0x7fc00001 + ":KB-1"));
    }

    @Test
    void decode_refusesMalformedCursors_withInvalidInputOnAfter() {
        for (String cursor : new String[] {
            "",
            "!!!",
            "a",
            "w:1",
            encode("w:"),
            encode("w:-1"),
            encode("w:" + Ranking.WINDOW),
            encode("w:99999999999999999999"),
            encode("w:1e3"),
            encode("f:"),
            encode("f:12"),
            encode("f:x:KB-1"),
            encode("f:" + Float.floatToIntBits(1f) + ":"),
            encode("f:" + Float.floatToIntBits(1f) + ":KB 1"),
            encode("f:" + Float.floatToIntBits(1f) + ":KB-1\nWARN forged line"),
            encode("\u001b[31mred"),
            encode("f:999999999999999999999999999999:KB-1"),
        }) {
            assertRefused(cursor);
        }
    }

    @Test
    void decode_refusesOverLongCursors_beforeDecodingThem() {
        String valid = PageCursor.after(new FieldDoc(1, 1f, new Object[] {1f, new BytesRef("K".repeat(64))}));
        assertThat(valid.length()).isLessThanOrEqualTo(PageCursor.MAX_LENGTH);
        assertThat(PageCursor.decode(valid).after()).isNotNull();
        assertRefused(encode("f:" + Float.floatToIntBits(1f) + ":" + "K".repeat(2_000)));
        assertRefused("A".repeat(1_000_000));
    }

    @Test
    void search_withTamperedCursor_failsWithInvalidInput_andDoesNotEchoIt() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            for (int i = 0; i < 3; i++) {
                kb.capture(
                        Actor.publisher("pub-1"),
                        Draft.of(ArticleContent.of("Printer offline " + i, "The printer is offline.")
                                        .withResolution("Restart the spooler.")
                                        .withLanguage(Locale.ENGLISH))
                                .withState(ArticleState.VALIDATED)
                                .withAudience(Audience.PUBLIC));
            }
            assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
            SearchResult first = kb.search(SearchRequest.builder("printer offline", Viewer.anonymous())
                    .limit(1)
                    .build());
            assertThat(first.nextPage()).isPresent();

            String nan = encode("f:" + Float.floatToIntBits(Float.NaN) + ":KB-1");
            String huge = "QUFB".repeat(250_000);
            for (String cursor : new String[] {nan, huge, "%%%", encode("w:-5")}) {
                assertThatThrownBy(() -> kb.search(SearchRequest.builder("printer offline", Viewer.anonymous())
                                .after(cursor)
                                .build()))
                        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                                .isEqualTo("after"))
                        .message()
                        .doesNotContain(cursor)
                        .hasSizeLessThan(400);
            }
            // The genuine cursor still pages.
            assertThat(kb.search(SearchRequest.builder("printer offline", Viewer.anonymous())
                                    .limit(1)
                                    .after(first.nextPage().orElseThrow())
                                    .build())
                            .hits())
                    .hasSize(1);
        }
    }
}
