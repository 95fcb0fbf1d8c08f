package org.kcskb.emerging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleId;

/**
 * Something that is rising: a group of similar searches, of similar searches nobody found an answer for, or the
 * searches answered by one article, counted in the latest {@linkplain EmergingIssueSettings#window() window} well
 * above what the {@linkplain EmergingIssueSettings#baseline() baseline} before it leads to expect.
 *
 * <p>Similar searches are one issue: their queries are compared by the words the search engine matches
 * ({@link org.kcskb.search.spi.SearchEngine#words}: folded, stemmed, stopwords dropped), with small typos
 * tolerated, so "outlook startet nicht", "Outlook startet nicht mehr" and "outlok startet nicht" count together.
 *
 * <p>What an issue names depends on who asked: the example queries are what searchers typed (an agent sees every
 * audience's searches), the candidate articles only articles the report's viewer may read. Immutable and
 * thread-safe.
 *
 * @param kind what rose
 * @param label what it is about: the query of the group whose words its searches share most (a correct spelling
 *     rather than a typo), or the article's title
 * @param language the language of the label query, {@link Locale#ROOT} when unknown
 * @param article the article whose reuse rose ({@link Kind#REUSE}); empty for the other kinds
 * @param since when it started: of the unbroken run of windows back from now in which the count was above the
 *     baseline, the earliest window's first sixth with any of its events (at a sixth of a window's resolution)
 * @param detectedAt the instant the detection ran (the end of the window)
 * @param count the events counted in the window: searches ({@link Kind#SEARCHES}), unanswered searches ({@link
 *     Kind#CONTENT_GAP}) or answered searches ({@link Kind#REUSE})
 * @param expected how many the baseline leads to expect in the window: its share of the baseline's searches times
 *     the window's searches
 * @param searches every search of the group in the window (for {@link Kind#REUSE}: searches answered by the article)
 * @param unanswered those of the searches that found nothing or that nobody clicked, picked or linked
 * @param probability the chance of at least {@code count} events under the baseline's share (binomial, given the
 *     window's searches), before the correction for the number of groups tested
 * @param exampleQueries the group's most frequent normalised queries in the window, most frequent first
 * @param candidateArticles articles that may answer it, visible to the viewer the report was made for
 */
public record EmergingIssue(
        Kind kind,
        String label,
        Locale language,
        Optional<ArticleId> article,
        Instant since,
        Instant detectedAt,
        long count,
        double expected,
        long searches,
        long unanswered,
        double probability,
        List<String> exampleQueries,
        List<ArticleId> candidateArticles) {

    public EmergingIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(detectedAt, "detectedAt");
        exampleQueries = List.copyOf(exampleQueries);
        candidateArticles = List.copyOf(candidateArticles);
        if (since.isAfter(detectedAt)) {
            throw new IllegalArgumentException(
                    "An issue cannot start (" + since + ") after it was detected (" + detectedAt + ")");
        }
        if (count < 0 || searches < 0 || unanswered < 0 || unanswered > searches) {
            throw new IllegalArgumentException("Inconsistent counts: " + count + " counted, " + searches + " searches, "
                    + unanswered + " unanswered");
        }
        if (!(expected > 0) || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "expected must be positive and probability in [0, 1], were " + expected + " and " + probability);
        }
        if ((kind == Kind.REUSE) != article.isPresent()) {
            throw new IllegalArgumentException("A REUSE issue names its article and no other kind does");
        }
    }

    /** Returns how fast it rises: the window's count divided by what the baseline leads to expect. */
    public double growth() {
        return count / expected;
    }

    /** What rose. */
    public enum Kind {
        /** Searches for one thing, answered or not: people are asking about something new or more than usual. */
        SEARCHES,
        /**
         * Searches for one thing that found nothing or that nobody clicked, picked or linked: a content gap that
         * grows. Reported instead of {@link #SEARCHES} when both rose.
         */
        CONTENT_GAP,
        /** Searches answered by one article (clicked or linked to a case from a search): its reuse rises. */
        REUSE
    }
}
