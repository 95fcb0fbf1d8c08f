package org.kcskb.emerging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.InvalidInputException;

/**
 * How emerging issues are detected: a group's count in the latest {@code window} is compared with what its count in
 * the {@code baseline} before the window leads to expect, scaled by how busy the window is (so
 * that the morning rush or a quiet weekend moves every group alike and raises none).
 *
 * <p>A group is an issue when it has at least {@code minimumCount} events in the window, at least {@code
 * minimumGrowth} times the expected number (its share of the baseline's searches times the window's searches), and
 * when so many of the window's searches would fall to it by chance (binomial, given the window's number of searches)
 * with a probability of at most {@code falseAlarmRate} divided by the number of groups tested:
 * under steady traffic, one check raises a false alarm with a probability of at most {@code falseAlarmRate}
 * (Bonferroni), whatever the number of distinct queries. Similar queries form one group when their words overlap
 * by at least {@code similarity} (Jaccard, typos tolerated).
 *
 * <pre>{@code
 * EmergingIssueSettings hourly = EmergingIssueSettings.defaults().withMinimumCount(5);
 * }</pre>
 *
 * <p>Bad values fail with {@link InvalidInputException} naming the setting. Immutable and thread-safe.
 *
 * @param window the latest stretch of time whose events are tested, 1 minute to 7 days
 * @param baseline the stretch before the window that sets the usual rate, at least 4 windows and at most 366 days
 * @param minimumCount the fewest events in the window that can make an issue, 2 to 1,000,000
 * @param minimumGrowth the least ratio of count to expectation, 1 to 1,000
 * @param falseAlarmRate the bound on the chance that one check of steady traffic reports anything, greater than 0
 *     and at most 0.5
 * @param similarity the least word overlap of two queries in one group, greater than 0 and at most 1
 * @param checkInterval how often listeners' checks run on the scheduler, 1 second to 1 day
 * @param product only the issues about this product (compared exactly): query groups of the searches made for it,
 *     and the reuse and flags of its articles (product-level, and article-level of the articles whose environment
 *     names it); or empty for every issue. The same issues the full check reports, narrowed: the tests and their
 *     false-alarm bound do not change
 */
public record EmergingIssueSettings(
        Duration window,
        Duration baseline,
        int minimumCount,
        double minimumGrowth,
        double falseAlarmRate,
        double similarity,
        Duration checkInterval,
        Optional<String> product) {

    private static final EmergingIssueSettings DEFAULTS = new EmergingIssueSettings(
            Duration.ofHours(1), Duration.ofDays(7), 8, 3.0, 0.001, 0.6, Duration.ofMinutes(5), Optional.empty());

    public EmergingIssueSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(product, "product");
        if (product.isPresent()
                && (product.get().isBlank()
                        || product.get().length() > org.kcskb.analytics.SearchEvent.MAX_PRODUCT_LENGTH)) {
            throw new InvalidInputException(
                    "product",
                    product.get(),
                    "name a product of 1 to " + org.kcskb.analytics.SearchEvent.MAX_PRODUCT_LENGTH
                            + " characters, as articles' product attribute does");
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidInputException("window", window, "must be between 1 minute and 7 days, such as PT1H");
        }
        if (baseline.compareTo(window.multipliedBy(4)) < 0 || baseline.compareTo(Duration.ofDays(366)) > 0) {
            throw new InvalidInputException(
                    "baseline",
                    baseline,
                    "must be at least 4 windows (" + window.multipliedBy(4)
                            + ") and at most 366 days, such as P7D: a shorter baseline cannot tell what is usual");
        }
        if (minimumCount < 2 || minimumCount > 1_000_000) {
            throw new InvalidInputException("minimumCount", minimumCount, "must be between 2 and 1,000,000");
        }
        if (!(minimumGrowth >= 1 && minimumGrowth <= 1_000)) {
            throw new InvalidInputException("minimumGrowth", minimumGrowth, "must be between 1 and 1,000, such as 3");
        }
        if (!(falseAlarmRate > 0 && falseAlarmRate <= 0.5)) {
            throw new InvalidInputException(
                    "falseAlarmRate", falseAlarmRate, "must be greater than 0 and at most 0.5, such as 0.01");
        }
        if (!(similarity > 0 && similarity <= 1)) {
            throw new InvalidInputException(
                    "similarity", similarity, "must be greater than 0 and at most 1, such as 0.6");
        }
        if (checkInterval.compareTo(Duration.ofSeconds(1)) < 0 || checkInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidInputException(
                    "checkInterval", checkInterval, "must be between 1 second and 1 day, such as PT5M");
        }
    }

    /**
     * Returns the defaults: a window of 1 hour against a baseline of 7 days, at least 8 events and 3 times the
     * expected number, a false-alarm bound of 0.1 % per check (with a check every 5 minutes, at most about 2 a
     * week), queries grouped at 60 % word overlap, checked every 5
     * minutes for listeners.
     */
    public static EmergingIssueSettings defaults() {
        return DEFAULTS;
    }

    public EmergingIssueSettings withWindow(Duration window) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withBaseline(Duration baseline) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withMinimumCount(int minimumCount) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withMinimumGrowth(double minimumGrowth) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withFalseAlarmRate(double falseAlarmRate) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withSimilarity(double similarity) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    public EmergingIssueSettings withCheckInterval(Duration checkInterval) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }

    /**
     * Returns these settings narrowed to the issues about {@code product}, for example the emerging issues of one
     * product's support team: {@code EmergingIssueSettings.defaults().withProduct("Outlook")}.
     */
    public EmergingIssueSettings withProduct(String product) {
        return withProduct(Optional.of(Objects.requireNonNull(product, "product")));
    }

    /** Returns these settings for the issues of every product. */
    public EmergingIssueSettings withEveryProduct() {
        return withProduct(Optional.empty());
    }

    private EmergingIssueSettings withProduct(Optional<String> product) {
        return new EmergingIssueSettings(
                window, baseline, minimumCount, minimumGrowth, falseAlarmRate, similarity, checkInterval, product);
    }
}
