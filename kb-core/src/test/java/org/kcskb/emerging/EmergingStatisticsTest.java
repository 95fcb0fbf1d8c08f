package org.kcskb.emerging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tails that decide what rises, the word overlap that groups queries, and what counts as a new issue. */
class EmergingStatisticsTest {

    @Test
    void poissonTail_matchesClosedForms_andKeepsTinyTails() {
        assertThat(Poisson.upperTail(0, 3)).isEqualTo(1);
        assertThat(Poisson.upperTail(1, 1)).isCloseTo(1 - Math.exp(-1), within(1e-12));
        // P(X >= 5 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125 + 0.0208333 + 0.0026042)
        double below = Math.exp(-0.5) * (1 + 0.5 + 0.125 + 0.5 * 0.5 * 0.5 / 6 + Math.pow(0.5, 4) / 24);
        assertThat(Poisson.upperTail(5, 0.5)).isCloseTo(1 - below, within(1e-12));
        // Far in the tail the first term dominates: 0.01^30 / 30! * e^-0.01.
        double first = Math.exp(-0.01 + 30 * Math.log(0.01) - Poisson.logFactorial(30));
        assertThat(Poisson.upperTail(30, 0.01) / first).isCloseTo(1, within(1e-3));
    }

    @Test
    void binomialTail_matchesDirectSums() {
        // n = 10, p = 0.1: P(X >= 4) = sum over k = 4..10 of C(10, k) 0.1^k 0.9^(10-k)
        double direct = 0;
        for (int k = 4; k <= 10; k++) {
            direct += choose(10, k) * Math.pow(0.1, k) * Math.pow(0.9, 10 - k);
        }
        assertThat(Poisson.binomialUpperTail(4, 10, 0.1)).isCloseTo(direct, within(1e-12));
        assertThat(Poisson.binomialUpperTail(11, 10, 0.1)).isZero();
        assertThat(Poisson.binomialUpperTail(1, 10, 0.5)).isEqualTo(1);
        // Thousands of searches: the tail of 40 in 5,000 at a share of 0.001 (mean 5) is tiny but not zero.
        assertThat(Poisson.binomialUpperTail(40, 5_000, 0.001)).isBetween(1e-25, 1e-18);
    }

    private static double choose(int n, int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    @Test
    void wordOverlap_toleratesTyposAndInflections_butNotOtherWords() {
        List<String> outlook = org.kcskb.search.spi.EngineText.plainWords("Outlook startet nicht");
        assertThat(outlook).containsExactly("outlook", "startet", "nicht");
        assertThat(QueryWords.similarity(outlook, org.kcskb.search.spi.EngineText.plainWords("outlok startet nicht")))
                .isEqualTo(1);
        assertThat(QueryWords.similarity(outlook, org.kcskb.search.spi.EngineText.plainWords("outlook start nicht")))
                .isEqualTo(1);
        assertThat(QueryWords.similarity(outlook, org.kcskb.search.spi.EngineText.plainWords("outlook startet nciht")))
                .isEqualTo(1);
        assertThat(QueryWords.similarity(
                        outlook, org.kcskb.search.spi.EngineText.plainWords("outlook startet nicht mehr")))
                .isEqualTo(0.75);
        assertThat(QueryWords.similarity(outlook, org.kcskb.search.spi.EngineText.plainWords("drucker druckt nicht")))
                .isLessThan(0.6);
        assertThat(QueryWords.similarity(
                        outlook, org.kcskb.search.spi.EngineText.plainWords("outlook kalender freigeben")))
                .isLessThan(0.6);
        // Short words must match exactly: "vpn" is not "vpa".
        assertThat(QueryWords.match("vpn", "vpa")).isFalse();
        assertThat(QueryWords.match("kennwort", "kenwort")).isTrue();
    }

    @Test
    void tracker_announcesAnIssueOnceWhileItLasts_andAgainAfterAPauseLongerThanTheGrace() {
        var tracker = new EmergingIssueTracker(Duration.ofHours(1));
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        EmergingIssue gap =
                issue(EmergingIssue.Kind.CONTENT_GAP, "outlook startet nicht", List.of("outlook startet nicht"));
        // Other examples of the same group, another kind, a typo as the label: the same issue.
        EmergingIssue sameAsSearches = issue(
                EmergingIssue.Kind.SEARCHES,
                "outlok startet nicht mehr",
                List.of("outlok startet nicht mehr", "outlook startet nciht"));
        EmergingIssue other = issue(EmergingIssue.Kind.SEARCHES, "vpn bricht ab", List.of("vpn bricht ab"));

        assertThat(tracker.update(List.of(gap), t)).containsExactly(gap);
        assertThat(tracker.update(List.of(sameAsSearches, other), t.plusSeconds(300)))
                .containsExactly(other);
        // Dropped out for less than the grace: not announced again.
        assertThat(tracker.update(List.of(), t.plusSeconds(600))).isEmpty();
        assertThat(tracker.update(List.of(gap), t.plusSeconds(900))).isEmpty();
        // Gone for longer than the grace: new again.
        assertThat(tracker.update(List.of(), t.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(tracker.update(List.of(gap), t.plus(Duration.ofHours(3)))).containsExactly(gap);
    }

    private static EmergingIssue issue(EmergingIssue.Kind kind, String label, List<String> examples) {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        return new EmergingIssue(
                kind,
                label,
                Locale.GERMAN,
                Optional.empty(),
                now,
                now,
                10,
                1,
                10,
                10,
                1e-9,
                examples,
                List.of(),
                Optional.empty(),
                Optional.empty());
    }
}
