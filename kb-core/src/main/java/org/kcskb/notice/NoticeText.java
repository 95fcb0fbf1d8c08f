package org.kcskb.notice;

import java.util.Objects;
import org.kcskb.InvalidInputException;

/**
 * A notice's title and text in one language. Immutable and thread-safe.
 *
 * @param title one line, 1 to {@value #MAX_TITLE_LENGTH} characters, for example "Drucker druckt nach Update
 *     KB5034 nicht"
 * @param text what is known and what to do meanwhile, 0 to {@value #MAX_TEXT_LENGTH} characters (plain text)
 */
public record NoticeText(String title, String text) {
    /** The longest title, in characters: a banner's line. */
    public static final int MAX_TITLE_LENGTH = 200;
    /** The longest text, in characters: a banner, not an article; link an article for more. */
    public static final int MAX_TEXT_LENGTH = 2_000;

    public NoticeText {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        title = title.strip();
        text = text.strip();
        if (title.isEmpty()) {
            throw new InvalidInputException("notice title", title, "give a one-line title naming the problem");
        }
        if (title.length() > MAX_TITLE_LENGTH || title.contains("\n")) {
            throw new InvalidInputException(
                    "notice title",
                    title,
                    "is " + title.length() + " characters; use one line of at most " + MAX_TITLE_LENGTH
                            + " and put the details in the text");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException(
                    "notice text",
                    text,
                    "is " + text.length() + " characters; use at most " + MAX_TEXT_LENGTH
                            + " and link an article for the full description");
        }
    }
}
