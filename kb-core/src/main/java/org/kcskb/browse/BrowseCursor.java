package org.kcskb.browse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;

/**
 * Where a browse page ended: the sort, its direction and the last item's sort key and id. The next page starts
 * after it in (key, id) order (keyset paging), so that articles captured, changed or removed between two pages
 * neither repeat nor push others off a page, as offsets would. Stores receive it decoded; hosts only see the
 * opaque {@link #encode() text}. Immutable.
 *
 * @param sort the sort the page was read with
 * @param descending whether the sort was descending
 * @param key the last item's sort key: a {@link String} (title), a {@link Long} (reuse count) or an
 *     {@link Instant} (created, updated, last reused, oldest open flag; {@link Instant#MIN} for a missing one);
 *     for {@link BrowseRequest.Sort#ID} the id's text
 * @param id the last item's id, the tie breaker
 */
public record BrowseCursor(BrowseRequest.Sort sort, boolean descending, Comparable<?> key, ArticleId id) {
    /** The longest cursor text accepted; the cursors this class writes are shorter. */
    public static final int MAX_LENGTH = 1024;

    public BrowseCursor {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
    }

    /** Returns the cursor that continues after {@code last}. */
    public static BrowseCursor after(BrowseRequest.Sort sort, boolean descending, ArticleSummary last) {
        return new BrowseCursor(sort, descending, sort.key(last), last.id());
    }

    /** Returns the opaque, URL-safe text of this cursor. */
    public String encode() {
        String keyText =
                switch (key) {
                    case Instant instant -> instant.getEpochSecond() + ":" + instant.getNano();
                    default -> key.toString();
                };
        String plain = "b1|" + sort.name() + "|" + (descending ? "d" : "a") + "|" + id.value() + "|" + keyText;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor text from {@link BrowsePage#nextCursor()}, checking that it was written for the same sort
     * and direction. Anything else is refused without echoing it: a forged cursor is attacker-controlled text.
     *
     * @throws InvalidInputException if the text is not such a cursor
     */
    public static BrowseCursor decode(String text, BrowseRequest.Sort sort, boolean descending) {
        Objects.requireNonNull(text, "cursor");
        Optional<BrowseCursor> cursor = parse(text);
        if (cursor.isEmpty()) {
            throw InvalidInputException.withoutValue(
                    "after", text.length(), "not a browse cursor; pass the value of BrowsePage.nextCursor() unchanged");
        }
        if (cursor.get().sort() != sort || cursor.get().descending() != descending) {
            throw InvalidInputException.withoutValue(
                    "after",
                    text.length(),
                    "the cursor belongs to a listing with another sort; keep the sort while paging, or start over"
                            + " without a cursor");
        }
        return cursor.get();
    }

    private static Optional<BrowseCursor> parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return Optional.empty();
            }
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 5);
            if (parts.length != 5 || !parts[0].equals("b1") || !(parts[2].equals("a") || parts[2].equals("d"))) {
                return Optional.empty();
            }
            BrowseRequest.Sort sort = BrowseRequest.Sort.valueOf(parts[1]);
            ArticleId id = ArticleId.of(parts[3]);
            Comparable<?> key =
                    switch (sort.keyType()) {
                        case TEXT -> parts[4];
                        case COUNT -> Long.parseLong(parts[4]);
                        case TIME -> {
                            String[] time = parts[4].split(":", 2);
                            yield Instant.ofEpochSecond(Long.parseLong(time[0]), Integer.parseInt(time[1]));
                        }
                    };
            if (sort == BrowseRequest.Sort.ID && !key.equals(id.value())) {
                return Optional.empty();
            }
            return Optional.of(new BrowseCursor(sort, parts[2].equals("d"), key, id));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
