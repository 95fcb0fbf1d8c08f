package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kcskb.search.SearchRequest;

class RelevanceHarnessTest {
    private static final Dataset DATASET = new Dataset(
            "tiny-de",
            List.of(
                    new CorpusDocument("d1", "Drucker druckt nicht", "Den Treiber neu installieren."),
                    new CorpusDocument("d2", "Kurzarbeitergeld beantragen", "Die Agentur für Arbeit zahlt es."),
                    new CorpusDocument("d3", "", "Die Schulen bleiben bis Ostern geschlossen.")),
            List.of(
                    new EvaluationQuery("q1", "Drucker druckt nicht mehr"),
                    new EvaluationQuery("q2", "Wo kann ich Kurzarbeitergeld beantragen?"),
                    new EvaluationQuery("q3", "Sind die Schulen geschlossen?"),
                    new EvaluationQuery("q4", "Wie ist das Wetter?")),
            new Qrels(Map.of(
                    "q1", Map.of("d1", 1),
                    "q2", Map.of("d2", 1, "d1", 0),
                    "q3", Map.of("d3", 2),
                    "q4", Map.of("d1", 0))),
            List.of());

    private static final RelevanceHarness.Settings SETTINGS =
            new RelevanceHarness.Settings(Language.GERMAN, "given", 0, false);

    @Test
    void run_withEngine_evaluatesSystemAndBaselineOverJudgedQueries() {
        var report = RelevanceHarness.run(DATASET, SETTINGS, TermOverlapSearchEngine.provider());

        assertThat(report.documents()).isEqualTo(3);
        assertThat(report.evaluatedQueries()).isEqualTo(3);
        assertThat(report.skippedQueries()).isEqualTo(1);
        assertThat(report.system()).isPresent();
        assertThat(report.system().get().evaluation().mean()).isEqualTo(new Metrics.Scores(1, 1, 1, 1));
        assertThat(report.baseline().evaluation().mean()).isEqualTo(new Metrics.Scores(1, 1, 1, 1));
        assertThat(report.ndcgGainPercent()).contains(0.0);
    }

    @Test
    void run_twice_writesIdenticalJson() throws Exception {
        var settings = new RelevanceHarness.Settings(Language.GERMAN, "detected", 2, false);

        String first = ReportFormat.json(RelevanceHarness.run(DATASET, settings, TermOverlapSearchEngine.provider()));
        String second = ReportFormat.json(RelevanceHarness.run(DATASET, settings, TermOverlapSearchEngine.provider()));

        assertThat(first).isEqualTo(second);
        JsonNode json = new ObjectMapper().readTree(first);
        assertThat(json.get("dataset").asText()).isEqualTo("tiny-de");
        assertThat(json.get("lang").asText()).isEqualTo("de");
        assertThat(json.get("langSource").asText()).isEqualTo("detected");
        assertThat(json.get("typos").asInt()).isEqualTo(2);
        assertThat(json.get("documents").asInt()).isEqualTo(3);
        assertThat(json.get("queries").asInt()).isEqualTo(3);
        assertThat(json.get("skippedQueries").asInt()).isEqualTo(1);
        for (String side : List.of("system", "baseline")) {
            assertThat(json.get(side).fieldNames())
                    .toIterable()
                    .containsExactly("ndcg@10", "mrr@10", "recall@10", "recall@100");
        }
        assertThat(json.has("ndcgGainPercent")).isTrue();
    }

    @Test
    void run_baselineOnly_hasNoSystemSide() throws Exception {
        var settings = new RelevanceHarness.Settings(Language.GERMAN, "given", 0, true);

        var report = RelevanceHarness.run(DATASET, settings);

        assertThat(report.system()).isEmpty();
        assertThat(report.ndcgGainPercent()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json(report));
        assertThat(json.has("system")).isFalse();
        assertThat(json.has("ndcgGainPercent")).isFalse();
        assertThat(ReportFormat.table(report)).contains("baseline").doesNotContain("system ");
    }

    @Test
    void prepareQueries_appliesTyposThenCutsToTheRequestLimit() {
        String longQuery = "Kurzarbeitergeld ".repeat(400);
        var prepared = RelevanceHarness.prepareQueries(
                List.of(new EvaluationQuery("q1", longQuery), new EvaluationQuery("q2", "Schulen")), new Typos(1));

        assertThat(prepared.get(0).text()).hasSizeLessThanOrEqualTo(SearchRequest.MAX_TEXT_LENGTH);
        assertThat(prepared.get(1).text()).isNotEqualTo("Schulen").startsWith("S");
        assertThat(prepared.get(1).id()).isEqualTo("q2");
    }
}
