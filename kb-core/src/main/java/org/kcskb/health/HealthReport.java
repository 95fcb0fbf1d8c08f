package org.kcskb.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.kcskb.browse.TimeRange;

/**
 * A content health report (KCS Evolve Loop): the quality, flags, reuse and feedback of the articles the reader may
 * read, and the contribution of each author and team, over a window. An immutable value, computed once at
 * {@link #asOf()} on the knowledge base's clock; it does not change when the knowledge base does.
 *
 * @param window the report's window, {@code from} inclusive, {@code to} exclusive
 * @param previousWindow the window before it, of the same length, that the trends compare with
 * @param asOf when the report was made, on the knowledge base's clock: "open now" means open at this instant
 * @param checks the names of the quality index's checks, in order
 * @param articleCount how many articles the report counts: every article the reader may read
 * @param averageAqi the mean AQI of those articles; empty without articles
 * @param flags the flags of those articles
 * @param cases every case closed in the window
 * @param articles up to the request's limit of those articles, lowest AQI first, then most open flags, then by id
 * @param authors every actor who captured one of those articles or closed a case in the window, by id
 * @param teams the request's teams, by name
 */
public record HealthReport(
        TimeRange window,
        TimeRange previousWindow,
        Instant asOf,
        List<String> checks,
        int articleCount,
        OptionalDouble averageAqi,
        FlagActivity flags,
        CaseStats cases,
        List<ArticleHealth> articles,
        List<AuthorHealth> authors,
        List<TeamHealth> teams) {

    public HealthReport {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(previousWindow, "previousWindow");
        Objects.requireNonNull(asOf, "asOf");
        checks = List.copyOf(checks);
        Objects.requireNonNull(averageAqi, "averageAqi");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(cases, "cases");
        articles = List.copyOf(articles);
        authors = List.copyOf(authors);
        teams = List.copyOf(teams);
    }

    /** Returns the figures of one author, or empty if the report has none for that id. */
    public Optional<AuthorHealth> author(String id) {
        return authors.stream().filter(a -> a.author().equals(id)).findFirst();
    }

    /** Returns the figures of one team of the request, or empty if the request named no such team. */
    public Optional<TeamHealth> team(String name) {
        return teams.stream().filter(t -> t.team().equals(name)).findFirst();
    }
}
