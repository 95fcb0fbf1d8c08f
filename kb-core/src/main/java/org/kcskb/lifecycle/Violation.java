package org.kcskb.lifecycle;

import java.util.Objects;

/**
 * One way an article breaks the content standard.
 *
 * @param field the field at fault, such as {@code title} or {@code resolution}
 * @param rule a stable rule id such as {@code content.title.max-length}
 * @param reason what is wrong and how to fix it
 */
public record Violation(String field, String rule, String reason) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason + " [" + rule + "]";
    }
}
