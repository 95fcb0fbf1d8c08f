package org.kcskb.article;

import java.util.Objects;

/**
 * One field that differs between two revisions, as text.
 *
 * @param field the field name: {@code title}, {@code issue}, {@code environment}, {@code resolution},
 *     {@code cause}, {@code language}, {@code tags}, {@code format} (only when not {@code PLAIN} or changed), {@code state}, {@code audience} or {@code mergedInto}
 * @param before the value before, as text
 * @param after the value after, as text
 */
public record FieldChange(String field, String before, String after) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
