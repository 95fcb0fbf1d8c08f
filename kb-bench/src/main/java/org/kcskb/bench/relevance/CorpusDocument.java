package org.kcskb.bench.relevance;

import java.util.Objects;

/**
 * One document of a data set's {@code corpus.jsonl}.
 *
 * @param id the corpus id that the qrels refer to
 * @param title the title, possibly empty
 * @param text the body text, possibly empty (but not both empty)
 */
record CorpusDocument(String id, String title, String text) {
    CorpusDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
