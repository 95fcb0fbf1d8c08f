package org.kcskb.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;

/**
 * Where a page starts: a position within the rescored window ({@code after} null), or after a first-phase hit
 * beyond it. Encoded opaque and URL-safe: {@code w:POSITION} or {@code f:SCOREBITS:ID}; a cursor of the earlier
 * form {@code SCOREBITS:ID} reads as the latter.
 *
 * <p>A cursor comes back from the caller, so {@link #decode} treats it as hostile input: it bounds the length
 * before decoding anything, accepts only a finite score and a valid article id, and fails with an
 * {@link InvalidInputException} on the field {@code after} that shows at most the start of the cursor (a cursor
 * is echoed into logs and error pages; a megabyte of it should not be). Immutable.
 *
 * @param position the first hit of the page within the window, when {@code after} is null
 * @param after the last first-phase hit of the previous page (score, article id), or null
 */
record PageCursor(int position, FieldDoc after) {
    /**
     * The longest cursor accepted, in characters: the longest this class encodes ({@code f:}, an int, {@code :}
     * and a 64-character article id, 78 bytes as 104 base64 characters) with room to spare.
     */
    static final int MAX_LENGTH = 128;

    private static final String FIELD = "after";
    /** How many leading characters of a bad cursor its error shows. */
    private static final int SHOWN = 8;

    private static final String HOW_TO = "pass the value of SearchResult.nextPage() unchanged";

    /** The cursor of a page that starts at {@code position} (the offset of shallow paging, or none). */
    static PageCursor start(int position) {
        return new PageCursor(position, null);
    }

    /** Encodes the page that starts at {@code position} within the window. */
    static String at(int position) {
        return encode("w:" + position);
    }

    /** Encodes the page that starts after first-phase hit {@code hit} (fields: score, article id). */
    static String after(FieldDoc hit) {
        String id = ((BytesRef) hit.fields[1]).utf8ToString();
        return encode("f:" + Float.floatToIntBits((Float) hit.fields[0]) + ":" + id);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor from {@link #at} or {@link #after}.
     *
     * @throws InvalidInputException (field {@code after}) if the cursor is too long, not base64, not of either
     *     form, names a position outside the window, a score that is not a finite number, or an invalid id
     */
    static PageCursor decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid(
                    cursor,
                    "is " + cursor.length() + " characters long, longer than any page cursor (" + MAX_LENGTH + "); "
                            + HOW_TO);
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "is not a page cursor (not URL-safe base64); " + HOW_TO);
        }
        if (raw.startsWith("w:")) {
            int position = parseInt(cursor, raw.substring(2));
            if (position < 0 || position >= Ranking.WINDOW) {
                throw invalid(cursor, "names a position outside 0 to " + (Ranking.WINDOW - 1) + "; " + HOW_TO);
            }
            return new PageCursor(position, null);
        }
        String hit = raw.startsWith("f:") ? raw.substring(2) : raw;
        int colon = hit.indexOf(':');
        if (colon < 0) {
            throw invalid(cursor, "is not a page cursor (no score and id); " + HOW_TO);
        }
        float score = Float.intBitsToFloat(parseInt(cursor, hit.substring(0, colon)));
        // NaN sorts after everything and infinity before: either would page through the results in no order.
        if (!Float.isFinite(score)) {
            throw invalid(cursor, "holds a score that is not a finite number; " + HOW_TO);
        }
        String id = hit.substring(colon + 1);
        try {
            ArticleId.of(id);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "holds an invalid article id; " + HOW_TO);
        }
        return new PageCursor(0, new FieldDoc(Integer.MAX_VALUE, score, new Object[] {score, new BytesRef(id)}));
    }

    private static int parseInt(String cursor, String digits) {
        // At most a sign and ten digits: an int, without parsing a long run of digits first.
        if (digits.isEmpty() || digits.length() > 11) {
            throw invalid(cursor, "is not a page cursor (bad number); " + HOW_TO);
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw invalid(cursor, "is not a page cursor (bad number); " + HOW_TO);
        }
    }

    /**
     * The error for a bad cursor. It shows only the cursor's first {@value #SHOWN} characters (at most half of it),
     * those outside the base64
     * alphabet replaced by {@code ?}: enough to recognise it, never the whole of it, and nothing that could forge a
     * log line or move a terminal's cursor.
     */
    private static InvalidInputException invalid(String cursor, String rule) {
        var shown = new StringBuilder(SHOWN + 1);
        for (int i = 0; i < Math.min(SHOWN, cursor.length() / 2); i++) {
            char c = cursor.charAt(i);
            boolean base64 = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '=';
            shown.append(base64 ? c : '?');
        }
        shown.append('…');
        return new InvalidInputException(FIELD, shown, rule);
    }
}
