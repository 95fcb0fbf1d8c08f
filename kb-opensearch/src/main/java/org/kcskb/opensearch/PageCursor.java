package org.kcskb.opensearch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;

/**
 * Where the next page starts: after the last hit of the previous one, by its score and article id, the total order
 * every search sorts by ({@code search_after}). Encoded opaque and URL-safe as {@code o:SCOREBITS:ID}.
 *
 * <p>A cursor comes back from the caller, so {@link #decode} treats it as hostile input: it bounds the length
 * before decoding anything, accepts only a finite score and a valid article id, and fails with an {@link
 * InvalidInputException} on the field {@code after} whose message holds none of the cursor's text. A forged cursor
 * can only name another place in the viewer's own results: the visibility filter is part of every search.
 *
 * @param score the score of the previous page's last hit
 * @param id the article id of the previous page's last hit
 */
record PageCursor(float score, String id) {
    static final int MAX_LENGTH = 128;

    private static final String HOW_TO = "pass the value of SearchResult.nextPage() unchanged";

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o:" + Float.floatToIntBits(score) + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid(cursor, "is longer than any page cursor (" + MAX_LENGTH + " characters); " + HOW_TO);
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "is not a page cursor (not URL-safe base64); " + HOW_TO);
        }
        if (!raw.startsWith("o:")) {
            throw invalid(cursor, "is not a page cursor of this engine; " + HOW_TO);
        }
        int colon = raw.indexOf(':', 2);
        if (colon < 0) {
            throw invalid(cursor, "is not a page cursor (no score and id); " + HOW_TO);
        }
        String digits = raw.substring(2, colon);
        if (digits.isEmpty() || digits.length() > 11) {
            throw invalid(cursor, "is not a page cursor (bad number); " + HOW_TO);
        }
        float score;
        try {
            score = Float.intBitsToFloat(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw invalid(cursor, "is not a page cursor (bad number); " + HOW_TO);
        }
        if (!Float.isFinite(score)) {
            throw invalid(cursor, "holds a score that is not a finite number; " + HOW_TO);
        }
        String id = raw.substring(colon + 1);
        try {
            ArticleId.of(id);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "holds an invalid article id; " + HOW_TO);
        }
        return new PageCursor(score, id);
    }

    private static InvalidInputException invalid(String cursor, String rule) {
        return InvalidInputException.withoutValue("after", cursor.length(), rule);
    }
}
