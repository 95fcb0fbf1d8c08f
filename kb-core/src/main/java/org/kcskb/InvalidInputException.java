package org.kcskb;

/**
 * An argument is missing, malformed or over a size limit. Nothing was written.
 *
 * <p>The message names the field, the offending value (abbreviated) and the rule or limit it broke.
 */
public class InvalidInputException extends IllegalArgumentException {
    private final String field;
    private final String rule;

    public InvalidInputException(String field, Object value, String rule) {
        this(field, rule, "Invalid " + field + " " + show(value) + ": " + rule);
    }

    private InvalidInputException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    /**
     * Returns an exception whose message names the field and the length of the value but none of its text: for
     * values that must never be echoed, such as page cursors (a forged cursor is attacker-controlled text).
     */
    public static InvalidInputException withoutValue(String field, int length, String rule) {
        return new InvalidInputException(field, rule, "Invalid " + field + " (" + length + " chars): " + rule);
    }

    /** Returns the name of the field that was wrong, such as {@code title}. */
    public String field() {
        return field;
    }

    /** Returns the rule or limit that was broken, in words. */
    public String rule() {
        return rule;
    }

    private static String show(Object value) {
        if (value == null) {
            return "(null)";
        }
        String text = value.toString();
        if (text.isBlank()) {
            return "(blank)";
        }
        return "'" + abbreviate(text) + "' (" + text.length() + " chars)";
    }

    /** Cuts {@code text} to about 60 characters for a message, never between the halves of a surrogate pair. */
    private static String abbreviate(String text) {
        if (text.length() <= 60) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(56)) ? 56 : 57;
        return text.substring(0, end) + "...";
    }
}
