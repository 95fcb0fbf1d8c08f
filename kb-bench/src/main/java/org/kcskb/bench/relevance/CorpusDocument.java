package org.kcskb.bench.relevance;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One document of a data set's {@code corpus.jsonl}.
 *
 * @param id the corpus id that the qrels refer to
 * @param title the title, possibly empty
 * @param text the body text, possibly empty (but not both empty)
 * @param language the document's own language from its {@code lang} field, or empty when the file does not say;
 *     read only by the mixed-language mode, since {@code --lang de|en} forces one language on every document
 * @param sections the article's KCS sections when the file gives them ({@code issue}, {@code environment},
 *     {@code resolution}, {@code cause}); the system then captures them as such, while the baseline always reads
 *     {@code text}
 * @param attributes the article's environment attributes from the {@code attributes} field (such as {@code
 *     product=Windows 11}), which the system captures with the environment and a query's {@code context} is
 *     compared with; empty when the file gives none. The baseline never reads them.
 */
record CorpusDocument(
        String id,
        String title,
        String text,
        Optional<Language> language,
        Optional<Sections> sections,
        Map<String, String> attributes) {
    CorpusDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(sections, "sections");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A document without environment attributes. */
    CorpusDocument(String id, String title, String text, Optional<Language> language, Optional<Sections> sections) {
        this(id, title, text, language, sections, Map.of());
    }

    /** A document without KCS sections. */
    CorpusDocument(String id, String title, String text, Optional<Language> language) {
        this(id, title, text, language, Optional.empty());
    }

    /** A document whose language the data set does not state. */
    CorpusDocument(String id, String title, String text) {
        this(id, title, text, Optional.empty(), Optional.empty());
    }

    /**
     * The sections of a KCS article, each possibly empty.
     *
     * @param issue the problem in the customer's words
     * @param environment the products, versions and setting
     * @param resolution how to solve it
     * @param cause why it happens
     */
    record Sections(String issue, String environment, String resolution, String cause) {
        Sections {
            Objects.requireNonNull(issue, "issue");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(resolution, "resolution");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
