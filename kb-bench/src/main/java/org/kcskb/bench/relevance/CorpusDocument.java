package org.kcskb.bench.relevance;

import java.util.Objects;
import java.util.Optional;

/**
 * One document of a data set's {@code corpus.jsonl}.
 *
 * @param id the corpus id that the qrels refer to
 * @param title the title, possibly empty
 * @param text the body text, possibly empty (but not both empty)
 * @param language the document's own language from its {@code lang} field, or empty when the file does not say;
 *     read only by the mixed-language mode, since {@code --lang de|en} forces one language on every document
 */
record CorpusDocument(String id, String title, String text, Optional<Language> language) {
    CorpusDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
    }

    /** A document whose language the data set does not state. */
    CorpusDocument(String id, String title, String text) {
        this(id, title, text, Optional.empty());
    }
}
