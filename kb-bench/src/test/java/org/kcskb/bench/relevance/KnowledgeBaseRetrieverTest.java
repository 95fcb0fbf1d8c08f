package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnowledgeBaseRetrieverTest {
    @Test
    void titleOf_documentWithTitle_keepsIt() {
        assertThat(KnowledgeBaseRetriever.titleOf(new CorpusDocument("d", " Drucker druckt nicht ", "text")))
                .isEqualTo("Drucker druckt nicht");
    }

    @Test
    void titleOf_emptyTitle_usesFirstWordsOfText() {
        var document = new CorpusDocument(
                "d", "", "  one two three four five six seven eight nine ten eleven" + " twelve thirteen fourteen");

        assertThat(KnowledgeBaseRetriever.titleOf(document))
                .isEqualTo("one two three four five six seven eight nine ten eleven twelve");
    }

    @Test
    void titleOf_longTitle_isCutAtWordBoundaryWithin200Characters() {
        String title = "word ".repeat(45) + "end"; // 228 characters
        String cut = KnowledgeBaseRetriever.titleOf(new CorpusDocument("d", title, "text"));

        assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("word").doesNotEndWith(" ");
        assertThat(title).startsWith(cut + " ");
    }

    @Test
    void truncateAtWord_singleLongWord_isCutHard() {
        assertThat(KnowledgeBaseRetriever.truncateAtWord("x".repeat(300), 200)).hasSize(200);
    }

    @Test
    void truncateAtWord_shortText_isUnchanged() {
        assertThat(KnowledgeBaseRetriever.truncateAtWord("short text", 200)).isEqualTo("short text");
    }
}
