package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asker's context in the harness: read from the files, searched with, and ignored on request. */
class RelevanceContextTest {
    @TempDir
    Path dir;

    @Test
    void read_documentAttributes_andQueryContext_absentIsEmpty() throws IOException {
        Path corpus = write(
                "corpus.jsonl",
                "{\"id\":\"d1\",\"title\":\"Drucker\",\"text\":\"x\",\"attributes\":{\"product\":\"macOS\",\"version\":\"14\"}}",
                "{\"id\":\"d2\",\"title\":\"Drucker\",\"text\":\"x\"}");
        Path queries = write(
                "queries.jsonl",
                "{\"id\":\"q1\",\"text\":\"drucker\",\"context\":{\"product\":\"Windows 11\"}}",
                "{\"id\":\"q2\",\"text\":\"drucker\",\"context\":null}");

        var documents = DatasetReader.readCorpus(corpus).documents();
        var read = DatasetReader.readQueries(queries);

        assertThat(documents.get(0).attributes())
                .containsExactly(Map.entry("product", "macOS"), Map.entry("version", "14"));
        assertThat(documents.get(1).attributes()).isEmpty();
        assertThat(read.get(0).context()).containsExactly(Map.entry("product", "Windows 11"));
        assertThat(read.get(1).context()).isEmpty();
        assertThat(read.get(0).withText("printer").context())
                .isEqualTo(read.get(0).context());
    }

    @Test
    void read_malformedContext_namesTheFileLineAndField() throws IOException {
        Path notAnObject = write("queries.jsonl", "{\"id\":\"q1\",\"text\":\"drucker\",\"context\":\"macOS\"}");
        assertThatThrownBy(() -> DatasetReader.readQueries(notAnObject))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(notAnObject + " line 1")
                .hasMessageContaining("\"context\" must be an object");
        Path notAString = write("corpus.jsonl", "{\"id\":\"d1\",\"text\":\"x\",\"attributes\":{\"version\":14}}");
        assertThatThrownBy(() -> DatasetReader.readCorpus(notAString))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("\"attributes.version\" must be a non-empty string");
    }

    /**
     * The same words asked by agents on two platforms, each answered by its platform's article: only the context can
     * put both answers first.
     */
    @Test
    void run_searchesWithTheContext_unlessIgnored() throws IOException {
        write(
                "corpus.jsonl",
                article("mac", "Printer does not print on a Mac", "macOS"),
                article("win", "Printer does not print on Windows", "Windows 11"),
                "{\"id\":\"toner\",\"title\":\"Replace the toner\",\"text\":\"Open the front cover of the printer.\",\"lang\":\"en\"}");
        write(
                "queries.jsonl",
                "{\"id\":\"q1\",\"text\":\"printer does not print\",\"lang\":\"en\",\"split\":\"context\",\"context\":{\"product\":\"macOS\"}}",
                "{\"id\":\"q2\",\"text\":\"printer does not print\",\"lang\":\"en\",\"split\":\"context\",\"context\":{\"product\":\"Windows 11\"}}");
        write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\tmac\t2", "q2\twin\t2");
        Dataset dataset = Dataset.load(dir);
        var settings = new RelevanceHarness.Settings(Language.ENGLISH, "given", 0, false, true);

        var withContext = RelevanceHarness.run(dataset, settings);
        var without = RelevanceHarness.run(dataset, settings.ignoringContext(true));

        assertThat(withContext.system().orElseThrow().evaluation().mean().mrr10())
                .isEqualTo(1.0);
        assertThat(without.system().orElseThrow().evaluation().mean().mrr10()).isEqualTo(0.75);
        assertThat(withContext.baseline().evaluation())
                .isEqualTo(without.baseline().evaluation());
    }

    @Test
    void options_ignoreContext_isAFlag_givenOnce() {
        assertThat(RelevanceOptions.parse(List.of("--data", "d", "--ignore-context"))
                        .ignoreContext())
                .isTrue();
        assertThat(RelevanceOptions.parse(List.of("--data", "d")).ignoreContext())
                .isFalse();
        assertThatThrownBy(() -> RelevanceOptions.parse(List.of("--data", "d", "--ignore-context", "--ignore-context")))
                .isInstanceOf(picocli.CommandLine.ParameterException.class)
                .hasMessageContaining("should be specified only once");
    }

    private static String article(String id, String title, String product) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"lang\":\"en\",\"text\":\"Issue: print jobs stay"
                + " in the queue. Resolution: clear the queue.\",\"issue\":\"Print jobs stay in the queue.\","
                + "\"resolution\":\"Clear the queue.\",\"attributes\":{\"product\":\"" + product + "\"}}";
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
