package org.kcskb.article;

import java.util.Objects;

/**
 * The identifier of a support case (ticket) in the host's help-desk system.
 *
 * <p>The knowledge base does not own cases; it only records which articles were linked to them.
 * Immutable and thread-safe.
 *
 * @param value the host's case identifier, 1 to 128 characters without control characters
 */
public record CaseId(String value) {
    public CaseId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Invalid case id '" + ArticleId.abbreviate(value)
                    + "': use 1 to 128 printable characters, for example CASE-1001");
        }
    }

    /** Returns the case identifier for {@code value}; same as the constructor. */
    public static CaseId of(String value) {
        return new CaseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
