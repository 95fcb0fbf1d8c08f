package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mixed-language mode: reading the per-item fields, choosing the mode, the baseline and the report. */
class RelevanceMixedModeTest {
    @TempDir
    Path dir;

    private static final CorpusLanguage.Detection CLEAR_GERMAN =
            new CorpusLanguage.Detection(Optional.of(Language.GERMAN), "language detector: 10 of 10 German", false);

    @Test
    void readCorpus_langField_isTheDocumentsLanguage_regionIgnored_andAbsentIsEmpty() throws IOException {
        Path file = write(
                "corpus.jsonl",
                "{\"id\":\"d1\",\"title\":\"Drucker\",\"text\":\"x\",\"lang\":\"de\"}",
                "{\"id\":\"d2\",\"title\":\"Printer\",\"text\":\"x\",\"lang\":\"EN-gb\"}",
                "{\"id\":\"d3\",\"title\":\"VPN\",\"text\":\"x\"}");

        var documents = DatasetReader.readCorpus(file).documents();

        assertThat(documents)
                .extracting(CorpusDocument::language)
                .containsExactly(Optional.of(Language.GERMAN), Optional.of(Language.ENGLISH), Optional.empty());
    }

    @Test
    void readCorpus_kcsSections_areReadWhenAnyIsGiven() throws IOException {
        Path file = write(
                "corpus.jsonl",
                "{\"id\":\"d1\",\"title\":\"VPN\",\"text\":\"Problem: x\",\"issue\":\"bricht ab\",\"resolution\":\"neu verbinden\"}",
                "{\"id\":\"d2\",\"title\":\"VPN\",\"text\":\"x\",\"cause\":\"\"}");

        var documents = DatasetReader.readCorpus(file).documents();

        assertThat(documents.get(0).sections())
                .contains(new CorpusDocument.Sections("bricht ab", "", "neu verbinden", ""));
        assertThat(documents.get(1).sections()).isEmpty();
    }

    @Test
    void capture_withSections_usesThemInsteadOfTheText() {
        var document = new CorpusDocument(
                "d1",
                "VPN bricht ab",
                "Problem: Auftrag hängt. Lösung: Treiber installieren.",
                Optional.of(Language.GERMAN),
                Optional.of(new CorpusDocument.Sections("Auftrag hängt", "Windows", "Treiber installieren", "")));
        try (var retriever =
                new KnowledgeBaseRetriever(Language.GERMAN, Optional.of(TermOverlapSearchEngine.provider()))) {
            retriever.index(List.of(document));

            // The fake engine reads title and resolution only: the words are not in the resolution.
            assertThat(retriever.search("treiber installieren")).containsExactly("d1");
            assertThat(retriever.search("auftrag")).isEmpty();
        }
    }

    @Test
    void readQueries_readsLangSplitAndKind() throws IOException {
        Path file = write(
                "queries.jsonl",
                "{\"id\":\"q1\",\"text\":\"AP blinkt rot\",\"lang\":\"de\",\"split\":\"dev\",\"kind\":\"abbreviation\"}",
                "{\"id\":\"q2\",\"text\":\"payslip\"}");

        var queries = DatasetReader.readQueries(file);

        assertThat(queries.get(0))
                .isEqualTo(new EvaluationQuery(
                        "q1", "AP blinkt rot", Optional.of(Language.GERMAN), "dev", "abbreviation"));
        assertThat(queries.get(1)).isEqualTo(new EvaluationQuery("q2", "payslip"));
    }

    @Test
    void readQueries_oddSplitOrKind_isReadLeniently_sinceTheyOnlyLabelTheReport() throws IOException {
        Path file = write(
                "queries.jsonl",
                "{\"id\":\"q1\",\"text\":\"vpn\",\"split\":1,\"kind\":{\"who\":\"agent\"}}",
                "{\"id\":\"q2\",\"text\":\"vpn\",\"split\":null,\"kind\":\" typo \"}");

        var queries = DatasetReader.readQueries(file);

        assertThat(queries).extracting(EvaluationQuery::split).containsExactly("1", "");
        assertThat(queries).extracting(EvaluationQuery::kind).containsExactly("", "typo");
    }

    @Test
    void readQueries_unsupportedLang_namesLineValueAndValidValues() throws IOException {
        Path file = write("queries.jsonl", "{\"id\":\"q1\",\"text\":\"imprimante\",\"lang\":\"fr\"}");

        assertThatThrownBy(() -> DatasetReader.readQueries(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("\"lang\" must be de or en")
                .hasMessageContaining("\"fr\"");
    }

    @Test
    void parse_langMixed_asksForMixedMode_withoutALanguage() {
        var options = RelevanceOptions.parse(List.of("--data", "x", "--lang", "mixed"));

        assertThat(options.mixed()).isTrue();
        assertThat(options.language()).isEmpty();
        var single = RelevanceOptions.parse(List.of("--data", "x", "--lang", "de"));
        assertThat(single.mixed()).isFalse();
        assertThat(single.language()).contains(Language.GERMAN);
        assertThatThrownBy(() -> RelevanceOptions.parse(List.of("--data", "x", "--lang", "fr")))
                .isInstanceOf(picocli.CommandLine.ParameterException.class)
                .hasMessageContaining("valid values: de, en, mixed");
    }

    @Test
    void mixedBecause_givenOrTwoDeclaredLanguagesOrDetectedMix_isMixed() {
        assertThat(RelevanceCommand.mixedBecause(true, Set.of(), CLEAR_GERMAN)).contains("given");
        assertThat(RelevanceCommand.mixedBecause(false, Set.of(Language.GERMAN, Language.ENGLISH), CLEAR_GERMAN))
                .hasValueSatisfying(why -> assertThat(why).contains("lang fields name 2 languages"));
        var detectedMix = new CorpusLanguage.Detection(Optional.empty(), "5 German, 5 English", true);
        assertThat(RelevanceCommand.mixedBecause(false, Set.of(), detectedMix))
                .hasValueSatisfying(why -> assertThat(why).startsWith("detected"));
    }

    @Test
    void mixedBecause_oneDeclaredLanguageAndClearDetection_isSingleLanguage() {
        assertThat(RelevanceCommand.mixedBecause(false, Set.of(Language.GERMAN), CLEAR_GERMAN))
                .isEmpty();
        assertThat(RelevanceCommand.mixedBecause(false, Set.of(), CLEAR_GERMAN)).isEmpty();
    }

    @Test
    void detect_bothLanguagesInTheSample_isMixed_oneLanguageIsNot() {
        var german = new CorpusDocument(
                "d1",
                "Drucker druckt nicht",
                "Der Auftrag bleibt in der Warteschlange hängen, bis Sie den Rechner neu starten und erneut drucken.");
        var english = new CorpusDocument(
                "d2",
                "Printer not printing",
                "The job stays in the print queue until you restart the computer and print it again.");

        assertThat(CorpusLanguage.detect(List.of(german, english)).mixed()).isTrue();
        assertThat(CorpusLanguage.detect(List.of(german, german)).mixed()).isFalse();
    }

    @Test
    void mixedBaseline_analysesEachDocumentAndTheQueryPerLanguage() {
        try (var baseline = Bm25Baseline.mixed(document -> document.language().orElseThrow())) {
            baseline.index(List.of(
                    new CorpusDocument("de1", "Drucker", "Die Drucker im Haus", Optional.of(Language.GERMAN)),
                    new CorpusDocument("en1", "Printers", "All printers on the floor", Optional.of(Language.ENGLISH)),
                    new CorpusDocument("en2", "Payslip", "Your monthly payslip", Optional.of(Language.ENGLISH))));

            // Each field has its language's analysis: English stemming finds "Printers" from "printer" in body_en,
            // and a German query word reaches the German document in body_de.
            assertThat(baseline.search("drucker")).containsExactly("de1");
            assertThat(baseline.search("printer")).containsExactly("en1");
            assertThat(baseline.search("drucker printer")).containsExactlyInAnyOrder("de1", "en1");
        }
    }

    @Test
    void groups_singleSplitWithoutKinds_isNone_soSharedSetsReportAsBefore() {
        var queries = List.of(
                new EvaluationQuery("q1", "a", Optional.empty(), "dev", ""),
                new EvaluationQuery("q2", "b", Optional.empty(), "dev", ""));

        assertThat(RelevanceHarness.groups(queries)).isEmpty();
    }

    @Test
    void groups_bySplitLanguageAndKind() {
        var queries = List.of(
                new EvaluationQuery("q1", "a", Optional.of(Language.GERMAN), "dev", "typo"),
                new EvaluationQuery("q2", "b", Optional.of(Language.ENGLISH), "test", "typo"),
                new EvaluationQuery("q3", "c", Optional.of(Language.GERMAN), "test", "plain"));

        var groups = RelevanceHarness.groups(queries);

        assertThat(groups.keySet())
                .containsExactly("split:dev", "split:test", "lang:de", "lang:en", "kind:plain", "kind:typo");
        assertThat(groups.get("split:test")).extracting(EvaluationQuery::id).containsExactly("q2", "q3");
    }

    @Test
    void run_mixed_capturesEachArticleInItsLanguage_andReportsGroupsInJson() throws Exception {
        var dataset = new Dataset(
                "tiny-mixed",
                List.of(
                        new CorpusDocument(
                                "d1",
                                "Drucker druckt nicht",
                                "Treiber neu installieren.",
                                Optional.of(Language.GERMAN)),
                        new CorpusDocument(
                                "d2", "Printer not printing", "Reinstall the driver.", Optional.of(Language.ENGLISH))),
                List.of(
                        new EvaluationQuery("q1", "Drucker druckt nicht", Optional.of(Language.GERMAN), "dev", "plain"),
                        new EvaluationQuery(
                                "q2", "printer not printing", Optional.of(Language.ENGLISH), "test", "plain")),
                new Qrels(Map.of("q1", Map.of("d1", 2, "d2", 1), "q2", Map.of("d2", 2, "d1", 1))),
                List.of());
        var settings = new RelevanceHarness.Settings(Language.GERMAN, "given", 0, false, true);

        var report = RelevanceHarness.run(dataset, settings, TermOverlapSearchEngine.provider());

        assertThat(report.languageTag()).isEqualTo("mixed");
        assertThat(report.system().orElseThrow().groups())
                .containsOnlyKeys("split:dev", "split:test", "lang:de", "lang:en", "kind:plain");
        var json = new ObjectMapper().readTree(ReportFormat.json(report));
        assertThat(json.get("lang").asText()).isEqualTo("mixed");
        assertThat(json.get("groups").get("split:test").get("queries").asInt()).isEqualTo(1);
        assertThat(json.get("groups").get("split:test").has("system")).isTrue();
        assertThat(ReportFormat.table(report)).contains("nDCG@10 by query group", "split:dev");
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
