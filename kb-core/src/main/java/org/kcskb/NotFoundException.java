package org.kcskb;

/** An article, link or flag that a call names does not exist. Nothing was written. */
public class NotFoundException extends KbException {
    private final String kind;
    private final String id;

    public NotFoundException(String kind, String id, String hint) {
        super("Unknown " + kind + " '" + id + "'" + (hint.isEmpty() ? "" : ": " + hint));
        this.kind = kind;
        this.id = id;
    }

    /** Returns what was looked for: {@code article}, {@code link} or {@code flag}. */
    public String kind() {
        return kind;
    }

    /** Returns the identifier that was not found. */
    public String id() {
        return id;
    }
}
