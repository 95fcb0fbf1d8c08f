package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RelevanceGateTest {
    private static final RelevanceBaseline BASELINE = new RelevanceBaseline(Map.of(
            "covidfaq-de", entry("de", 0.3102),
            "stackfaq-en", entry("en", 0.7417)));

    @Test
    void compare_dropWithinTolerance_passes() {
        var findings = RelevanceGate.compare(BASELINE, Map.of("covidfaq-de", 0.3003, "stackfaq-en", 0.7417), 0.01);

        assertThat(findings).extracting(RelevanceGate.Finding::status).containsOnly(RelevanceGate.Status.PASS);
    }

    @Test
    void compare_dropBeyondTolerance_failsNamingSetOldAndNewValueAndHowToUpdate() {
        var findings = RelevanceGate.compare(BASELINE, Map.of("covidfaq-de", 0.2990, "stackfaq-en", 0.7600), 0.01);

        var covid = findings.getFirst();
        assertThat(covid.set()).isEqualTo("covidfaq-de");
        assertThat(covid.status()).isEqualTo(RelevanceGate.Status.FAIL);
        assertThat(covid.message()).contains("covidfaq-de", "0.3102", "0.2990", "--update-baseline");
        assertThat(findings.get(1).status()).isEqualTo(RelevanceGate.Status.PASS);
        assertThat(findings.get(1).message()).contains("better than the baseline");
    }

    @Test
    void compare_setsOnOneSideOnly_areNewOrMissing() {
        var findings = RelevanceGate.compare(BASELINE, Map.of("stackfaq-en", 0.7417, "xquadr-en", 0.88), 0.01);

        assertThat(findings)
                .extracting(RelevanceGate.Finding::set, RelevanceGate.Finding::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("covidfaq-de", RelevanceGate.Status.MISSING),
                        org.assertj.core.groups.Tuple.tuple("stackfaq-en", RelevanceGate.Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("xquadr-en", RelevanceGate.Status.NEW));
    }

    @Test
    void compare_negativeTolerance_isRejected() {
        assertThatThrownBy(() -> RelevanceGate.compare(BASELINE, Map.of(), -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
    }

    private static RelevanceBaseline.Entry entry(String language, double ndcg) {
        return new RelevanceBaseline.Entry(language, new Metrics.Scores(ndcg, 0.5, 0.6, 0.7));
    }
}
