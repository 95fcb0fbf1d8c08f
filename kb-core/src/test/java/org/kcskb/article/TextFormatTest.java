package org.kcskb.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;

class TextFormatTest {
    private static Revision revision(int number, ArticleContent content) {
        return new Revision(
                ArticleId.of("KB-1"),
                number,
                content,
                ArticleState.NOT_VALIDATED,
                Audience.INTERNAL,
                Optional.empty(),
                Actor.contributor("agent-7"),
                Instant.EPOCH.plusSeconds(number),
                number == 1 ? RevisionKind.CAPTURED : RevisionKind.REVISED,
                "");
    }

    @Test
    void plainIsTheDefault_andEveryCopyKeepsTheFormat() {
        var sevenArguments = new ArticleContent("T", "I", Environment.empty(), "R", "C", Locale.GERMAN, Set.of("a"));
        assertThat(sevenArguments.format()).isEqualTo(TextFormat.PLAIN);
        assertThat(ArticleContent.of("T", "I").format()).isEqualTo(TextFormat.PLAIN);

        var markdown = sevenArguments.withFormat(TextFormat.MARKDOWN);
        assertThat(markdown).isNotEqualTo(sevenArguments);
        assertThat(markdown.withFormat(TextFormat.PLAIN)).isEqualTo(sevenArguments);
        assertThat(List.of(
                        markdown.withTitle("x"),
                        markdown.withIssue("x"),
                        markdown.withEnvironment(Environment.of("x")),
                        markdown.withResolution("x"),
                        markdown.withCause("x"),
                        markdown.withLanguage("en"),
                        markdown.withTags(Set.of("x"))))
                .extracting(ArticleContent::format)
                .containsOnly(TextFormat.MARKDOWN);
    }

    @Test
    void history_showsAFormatChange_andRedactionKeepsTheFormat() {
        var plain = ArticleContent.of("T", "I");
        var history = new ArticleHistory(
                ArticleId.of("KB-1"),
                List.of(
                        revision(1, plain),
                        revision(2, plain.withFormat(TextFormat.MARKDOWN)),
                        revision(3, plain.withFormat(TextFormat.MARKDOWN).withIssue("**I**"))));
        assertThat(history.changesIn(1)).extracting(FieldChange::field).doesNotContain("format");
        assertThat(history.changesIn(2)).containsExactly(new FieldChange("format", "PLAIN", "MARKDOWN"));
        assertThat(history.changesIn(3)).extracting(FieldChange::field).containsExactly("issue");

        Revision redacted = RevisionField.redact(history.latest(), Set.of(RevisionField.ISSUE));
        assertThat(redacted.content().issue()).isEqualTo(RevisionField.MARKER);
        assertThat(redacted.content().format()).isEqualTo(TextFormat.MARKDOWN);
        assertThat(TextField.ISSUE.formatIn(redacted.content())).isEqualTo(TextFormat.MARKDOWN);
        assertThat(TextField.TITLE.formatIn(redacted.content())).isEqualTo(TextFormat.PLAIN);
    }
}
