package org.kcskb.bench.relevance;

import java.util.Objects;

/**
 * One query of a data set's {@code queries.jsonl}.
 *
 * @param id the query id that the qrels refer to
 * @param text the query as a person typed it
 */
record EvaluationQuery(String id, String text) {
    EvaluationQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    EvaluationQuery withText(String text) {
        return new EvaluationQuery(id, text);
    }
}
