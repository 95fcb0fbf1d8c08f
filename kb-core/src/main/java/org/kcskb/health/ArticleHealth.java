package org.kcskb.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * The content health of one article: its quality score with the checks it fails, its flags, and its reuse and
 * feedback in the report's window beside the window before.
 *
 * @param id the article
 * @param title its current title
 * @param state its current state
 * @param audience its current audience
 * @param author the id of the actor who captured it
 * @param created when it was captured
 * @param aqi its article quality index: the share of the {@link QualityIndex}'s checks its current revision passes,
 *     0 to 1
 * @param failedChecks the names of the checks it fails, in the index's order; empty at an AQI of 1
 * @param flags its flags raised and resolved in the window, open now, and their turnaround
 * @param reuse its case links made in each window (links removed since do not count: KCS counts current links)
 * @param helpful helpful votes given in each window
 * @param unhelpful not-helpful votes given in each window
 */
public record ArticleHealth(
        ArticleId id,
        String title,
        ArticleState state,
        Audience audience,
        String author,
        Instant created,
        double aqi,
        List<String> failedChecks,
        FlagActivity flags,
        Trend reuse,
        Trend helpful,
        Trend unhelpful) {

    public ArticleHealth {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(created, "created");
        failedChecks = List.copyOf(failedChecks);
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(reuse, "reuse");
        Objects.requireNonNull(helpful, "helpful");
        Objects.requireNonNull(unhelpful, "unhelpful");
        if (!(aqi >= 0 && aqi <= 1)) {
            throw new IllegalArgumentException("An AQI lies between 0 and 1, was " + aqi);
        }
    }
}
