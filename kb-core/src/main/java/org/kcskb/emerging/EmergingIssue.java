package org.kcskb.emerging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleId;
import org.kcskb.article.FlagReason;

/**
 * Something that is rising: a group of similar searches, of similar searches nobody found an answer for, the
 * searches answered by one article or by the articles of one product, or the flags raised on one article or on the
 * articles of one product, counted in the latest {@linkplain EmergingIssueSettings#window() window} well above what
 * the {@linkplain EmergingIssueSettings#baseline() baseline} before it leads to expect.
 *
 * <p>Similar searches are one issue: their queries are compared by the words the search engine matches
 * ({@link org.kcskb.search.spi.SearchEngine#words}: folded, stemmed, stopwords dropped), with small typos
 * tolerated, so "outlook startet nicht", "Outlook startet nicht mehr" and "outlok startet nicht" count together.
 *
 * <p>One outbreak is one issue. A product-level issue ({@link #product()} present: {@link Kind#REUSE} or {@link
 * Kind#FLAGS} summed over the articles whose environment names that {@linkplain
 * org.kcskb.article.Environment#PRODUCT product}) is tested only when its events in the window fall on at least two
 * articles. When it rises, the same kind's article-level issues of its articles are not reported (they are its
 * candidate articles), and for {@link Kind#REUSE} neither are the {@link Kind#SEARCHES} groups whose answered
 * searches in the window went mostly to its articles; but when one of its articles rose on its own and carries at
 * least half of the product's count, that article is the outbreak and the product-level issue is not reported.
 * {@link Kind#CONTENT_GAP} issues are never folded into a product: nothing answered them.
 *
 * <p>Searches are grouped apart by the product they were made for ({@link org.kcskb.analytics.SearchEvent#product()}):
 * "outlook startet nicht" searched for product Outlook is one {@link Kind#SEARCHES} or {@link Kind#CONTENT_GAP} issue
 * naming Outlook as its {@link #product()}, tested on its own, so that the steady searches of another product with the
 * same words neither hide nor join it. Searches made for no product (and for a product too rarely searched in the
 * window to make an issue on its own) form groups without a product.
 *
 * <p>Flags are tested per reason ({@link org.kcskb.article.Flag#reason()}) as well as all together: a sudden rise of
 * {@link FlagReason#OUTDATED} flags on one article is one {@link Kind#FLAGS} issue naming that {@link #reason()}, even
 * while the article's other flags go on as usual; a rise spread over several reasons, none rising on its own, is one
 * issue without a reason.
 *
 * <p>What an issue names depends on who asked: the example queries are what searchers typed (an agent sees every
 * audience's searches), the candidate articles only articles the report's viewer may read. Immutable and
 * thread-safe.
 *
 * @param kind what rose
 * @param label what it is about: the query of the group whose words its searches share most (a correct spelling
 *     rather than a typo), the article's title, or the product
 * @param language the language of the label query, {@link Locale#ROOT} when unknown
 * @param article the article whose reuse or flags rose ({@link Kind#REUSE}, {@link Kind#FLAGS}); empty for the other
 *     kinds and for a product-level issue
 * @param since when it started: of the unbroken run of windows back from now in which the count was above the
 *     baseline, the earliest window's first sixth with any of its events (at a sixth of a window's resolution)
 * @param detectedAt the instant the detection ran (the end of the window)
 * @param count the events counted in the window: searches ({@link Kind#SEARCHES}), unanswered searches ({@link
 *     Kind#CONTENT_GAP}), answered searches ({@link Kind#REUSE}) or flags raised ({@link Kind#FLAGS})
 * @param expected how many the baseline leads to expect in the window: for searches, its share of the baseline's
 *     searches times the window's searches; for flags, the baseline's flags per window, raised as much as the rest
 *     of the knowledge base's flags rose (see {@link Kind#FLAGS})
 * @param searches every search of the group in the window (for {@link Kind#REUSE}: searches answered by the article
 *     or product; for {@link Kind#FLAGS}: zero)
 * @param unanswered those of the searches that found nothing or that nobody clicked, picked or linked
 * @param probability the chance of at least {@code count} events under the baseline's share (binomial, given the
 *     window's searches; for flags, Poisson with the expected mean), before the correction for the number of groups
 *     tested
 * @param exampleQueries the group's most frequent normalised queries in the window, most frequent first
 * @param candidateArticles articles that may answer it (for a product-level issue: its articles with the most
 *     events in the window), visible to the viewer the report was made for
 * @param product the product whose articles' reuse or flags rose, for a product-level {@link Kind#REUSE} or {@link
 *     Kind#FLAGS} issue; the product the searches were made for, for a {@link Kind#SEARCHES} or {@link
 *     Kind#CONTENT_GAP} issue of one product's searches; empty otherwise
 * @param reason the reason of the flags that rose, for a {@link Kind#FLAGS} issue whose flags of one reason rose;
 *     empty for other kinds and for a rise of flags of several reasons together
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
        List<ArticleId> candidateArticles,
        Optional<String> product,
        Optional<FlagReason> reason) {

    public EmergingIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(reason, "reason");
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
        boolean perArticle = kind == Kind.REUSE || kind == Kind.FLAGS;
        if (perArticle ? article.isPresent() == product.isPresent() : article.isPresent()) {
            throw new IllegalArgumentException(
                    "A REUSE or FLAGS issue names its article or its product (one of them), and no other kind names an"
                            + " article");
        }
        if (reason.isPresent() && kind != Kind.FLAGS) {
            throw new IllegalArgumentException("Only a FLAGS issue names a flag reason, not a " + kind + " issue");
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
        /**
         * Searches answered by one article (clicked or linked to a case from a search), or by the articles of one
         * product: its reuse rises.
         */
        REUSE,
        /**
         * Flags raised on one article, or on the articles of one product: something in it went wrong or out of date.
         * Tested against the article's (or product's) own flags per window in the baseline, one added so that an
         * article never flagged has a small rate rather than none, and raised by as much as the rest of the knowledge
         * base's flags rose in the window when those are at least the minimum count (a release that outdates
         * everything is not one issue per article). Only flags on articles the report's viewer may read count.
         */
        FLAGS
    }
}
