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
        super("Invalid " + field + " " + show(value) + ": " + rule);
        this.field = field;
        this.rule = rule;
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
        return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "' (" + text.length() + " chars)";
    }
}
