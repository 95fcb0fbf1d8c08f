package org.kcskb.bench.relevance;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One query of a data set's {@code queries.jsonl}.
 *
 * @param id the query id that the qrels refer to
 * @param text the query as a person typed it
 * @param language the query's language from its {@code lang} field, or empty when the file does not say (the
 *     library then detects it in the mixed-language mode)
 * @param split the {@code split} field, such as {@code dev} or {@code test}; empty when absent
 * @param kind the {@code kind} field, such as {@code typo} or {@code cross-language}; empty when absent
 * @param context the asker's environment from the {@code context} field (such as {@code product=Windows 11}, the
 *     case an agent works on), which the system searches with as {@link org.kcskb.search.SearchRequest#context()};
 *     empty when absent. The baseline never reads it.
 */
record EvaluationQuery(
        String id, String text, Optional<Language> language, String split, String kind, Map<String, String> context) {
    EvaluationQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(kind, "kind");
        context = Collections.unmodifiableMap(new TreeMap<>(context));
    }

    /** A query without context. */
    EvaluationQuery(String id, String text, Optional<Language> language, String split, String kind) {
        this(id, text, language, split, kind, Map.of());
    }

    /** A query with no language, split or kind. */
    EvaluationQuery(String id, String text) {
        this(id, text, Optional.empty(), "", "");
    }

    EvaluationQuery withText(String text) {
        return new EvaluationQuery(id, text, language, split, kind, context);
    }
}
