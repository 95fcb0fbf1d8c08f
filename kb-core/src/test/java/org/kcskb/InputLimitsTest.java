package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.Languages;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** Bad input is bounded and answered with an {@link InvalidInputException} that names the field. */
class InputLimitsTest {
    private static final Viewer VISITOR = Viewer.anonymous();

    @TempDir
    Path temp;

    @Test
    void searchRequest_tooManyTags_namesTheField() {
        var builder = SearchRequest.builder("drucker", VISITOR);
        IntStream.range(0, 2_000).forEach(i -> builder.tag("tag" + i));
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"))
                .hasMessageContaining(Integer.toString(SearchRequest.MAX_FILTERS));
    }

    @Test
    void searchRequest_tooManyEnvironmentFilters_orLanguages_nameTheField() {
        var builder = SearchRequest.builder("drucker", VISITOR);
        IntStream.range(0, 2_000).forEach(i -> builder.environment("key" + i, "v"));
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("environment"));

        var languages = new HashSet<Locale>();
        IntStream.range(0, 200)
                .forEach(
                        i -> languages.add(Locale.forLanguageTag("q" + (char) ('a' + i / 26) + (char) ('a' + i % 26))));
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .languages(languages)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("languages"));
    }

    @Test
    void searchRequest_overlongFilterValuesAndLanguage_nameTheField() {
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .tag("t".repeat(10_000))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"));
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .environment("product", "p".repeat(10_000))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("environment.product"));
        assertThatThrownBy(() -> SearchRequest.builder("drucker", VISITOR)
                        .language(longLanguage())
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("language"));
    }

    @Test
    void searchRequest_text_tooLong_namesTheField() {
        assertThatThrownBy(() -> SearchRequest.of("a".repeat(SearchRequest.MAX_TEXT_LENGTH + 1), VISITOR))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("text"));
    }

    @Test
    void cursor_tooLongOrMalformed_isRejected_withoutEchoingIt() {
        String huge = "QUJD".repeat(5_000);
        assertThatThrownBy(() ->
                        SearchRequest.builder("drucker", VISITOR).after(huge).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("after"))
                .hasMessageNotContaining("QUJDQUJD")
                .hasMessageContaining(Integer.toString(SearchRequest.MAX_CURSOR_LENGTH));
        String forged = "secret-<script>\u0000\n";
        assertThatThrownBy(() ->
                        SearchRequest.builder("drucker", VISITOR).after(forged).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("after"))
                .hasMessageNotContaining("<script>");
        assertThat(SearchRequest.builder("drucker", VISITOR)
                        .after("Zjo0NTM2OktCLTE=")
                        .build()
                        .after())
                .contains("Zjo0NTM2OktCLTE=");
    }

    @Test
    void capture_overlongLanguageTag_isInvalidInput_notAnSqlError() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.h2(temp.resolve("store")))
                .withoutSearch()
                .build()) {
            var content = ArticleContent.of("Printer offline", "Offline").withLanguage(longLanguage());
            assertThatThrownBy(() -> kb.capture(Actor.candidate("agent-7"), content))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("language"));
        }
        assertThatThrownBy(() -> Languages.parse(longLanguage().toLanguageTag()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Integer.toString(Languages.MAX_TAG_LENGTH));
    }

    @Test
    void capture_tooManyTags_namesTheField() {
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .build()) {
            Set<String> tags = new HashSet<>();
            IntStream.range(0, 5_000).forEach(i -> tags.add("t" + i));
            var content = ArticleContent.of("Printer offline", "Offline").withTags(tags);
            assertThatThrownBy(() -> kb.capture(Actor.candidate("agent-7"), content))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("tags"));
        }
    }

    /** An abbreviation that cuts right after a high surrogate would leave half an emoji in the message. */
    @Test
    void abbreviatedValuesInMessages_neverSplitASurrogatePair() {
        for (int pad = 50; pad < 90; pad++) {
            String value = "a".repeat(pad) + "😀".repeat(40);
            assertWellFormed(new InvalidInputException("title", value, "too long").getMessage());
            String id = value;
            assertWellFormed(messageOf(() -> ArticleId.of(id)));
            assertWellFormed(messageOf(() -> CaseId.of(id)));
            assertWellFormed(messageOf(() -> Actor.candidate(id)));
            assertWellFormed(messageOf(() -> Languages.parse(id)));
        }
    }

    @Test
    void actorId_overlong_isNotEchoedWhole() {
        String id = "x".repeat(100_000);
        assertThat(messageOf(() -> Actor.candidate(id))).hasSizeLessThan(400);
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expected the call to fail");
    }

    private static void assertWellFormed(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1)))
                        .as("high surrogate at %d is paired in: %s", i, message)
                        .isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c))
                        .as("lone low surrogate at %d in: %s", i, message)
                        .isFalse();
            }
        }
    }

    /** A well-formed BCP 47 tag of 230 characters (private-use subtags), longer than any real language tag. */
    private static Locale longLanguage() {
        return Locale.forLanguageTag("de-x-" + String.join("-", java.util.Collections.nCopies(25, "abcdefgh")));
    }
}
