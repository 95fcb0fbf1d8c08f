package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/** A long sentence is cut around its first match; a cut never splits a surrogate pair (an emoji). */
class SnippetCutTest {
    private static final String EMOJI = "\uD83D\uDE00"; // 😀, one code point in two chars

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private String snippet(String issue, String query) {
        kb.capture(
                Actor.publisher("pub-1"),
                Draft.of(ArticleContent.of("Printer offline", issue)
                                .withResolution("Restart the spooler.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        return kb.search(SearchRequest.of(query, Viewer.anonymous()))
                .hits()
                .getFirst()
                .snippet();
    }

    private static void assertWholePairs(String snippet) {
        for (int i = 0; i < snippet.length(); i++) {
            char c = snippet.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < snippet.length() && Character.isLowSurrogate(snippet.charAt(i + 1)))
                        .as("high surrogate at %d of %s", i, snippet)
                        .isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c))
                        .as("lone low surrogate at %d of %s", i, snippet)
                        .isFalse();
            }
        }
    }

    @Test
    void longSentence_cutAfterItsMatch_keepsEmojiWhole() {
        // The match opens the sentence; the cut at 300 characters (plus up to 30 to finish a word) falls inside a
        // run of emoji without white space. "printer x" is 9 characters, so every emoji starts at an odd index.
        String snippet = snippet("printer x" + EMOJI.repeat(400) + " offline.", "printer");
        assertThat(snippet).contains("<mark>").endsWith("…");
        assertWholePairs(snippet);
    }

    @Test
    void longSentence_cutBeforeItsMatch_keepsEmojiWhole() {
        for (String lead : new String[] {"", "x"}) {
            String snippet = snippet(lead + EMOJI.repeat(300) + " printer " + EMOJI.repeat(300) + ".", "printer");
            assertThat(snippet).contains("<mark>");
            assertWholePairs(snippet);
            kb.close();
            open();
        }
    }

    @Test
    void charBoundary_movesOffTheMiddleOfAPair() {
        String text = "a" + EMOJI + "b";
        assertThat(Snippets.charBoundary(text, 2, true)).isEqualTo(3);
        assertThat(Snippets.charBoundary(text, 2, false)).isEqualTo(1);
        assertThat(Snippets.charBoundary(text, 1, true)).isEqualTo(1);
        assertThat(Snippets.charBoundary(text, 3, false)).isEqualTo(3);
        assertThat(Snippets.charBoundary(text, 0, false)).isZero();
        assertThat(Snippets.charBoundary(text, 4, true)).isEqualTo(4);
    }
}
