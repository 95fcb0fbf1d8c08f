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

class DatasetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readQrels_skipsHeaderAndBlankLines_andKeepsScoreZeroAsJudgedNotRelevant() throws IOException {
        Path file = write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\td1\t0", "", "q1\td2\t2", "  ", "q2\td1\t1");

        Qrels qrels = DatasetReader.readQrels(file);

        assertThat(qrels.judged("q1")).containsExactly(Map.entry("d1", 0), Map.entry("d2", 2));
        assertThat(qrels.relevant("q1")).containsExactly(Map.entry("d2", 2));
        assertThat(qrels.relevant("q2")).containsExactly(Map.entry("d1", 1));
        assertThat(qrels.size()).isEqualTo(3);
    }

    @Test
    void readQrels_withoutHeader_readsFirstLineAsData() throws IOException {
        Path file = write("qrels.tsv", "q1\td1\t1");

        assertThat(DatasetReader.readQrels(file).relevant("q1")).containsExactly(Map.entry("d1", 1));
    }

    @Test
    void readQrels_malformedLine_namesFileAndLine() throws IOException {
        Path file = write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\td1\t1", "", "q1 d2 1");

        assertThatThrownBy(() -> DatasetReader.readQrels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + " line 4")
                .hasMessageContaining("expected 3 tab-separated fields");
    }

    @Test
    void readQrels_nonIntegerScore_namesLineAndValue() throws IOException {
        Path file = write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\td1\thigh");

        assertThatThrownBy(() -> DatasetReader.readQrels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("\"high\"");
    }

    @Test
    void readQrels_samePairJudgedTwice_namesBothLines() throws IOException {
        Path file = write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\td1\t1", "q1\td1\t0");

        assertThatThrownBy(() -> DatasetReader.readQrels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("already judged on line 2");
    }

    @Test
    void readCorpus_readsFields_ignoresOthers_andSkipsBlankLines() throws IOException {
        Path file = write(
                "corpus.jsonl",
                "{\"id\": \"d1\", \"title\": \"Drucker\", \"text\": \"Treiber neu installieren\", \"url\": \"x\"}",
                "",
                "{\"id\": \"d2\", \"text\": \"no title here\"}",
                "{\"id\": \"d3\", \"title\": \"\", \"text\": \"\"}");

        var corpus = DatasetReader.readCorpus(file);

        assertThat(corpus.documents())
                .containsExactly(
                        new CorpusDocument("d1", "Drucker", "Treiber neu installieren"),
                        new CorpusDocument("d2", "", "no title here"));
        assertThat(corpus.skipped()).isEqualTo(1);
    }

    @Test
    void readCorpus_malformedJson_namesFileAndLine() throws IOException {
        Path file = write("corpus.jsonl", "{\"id\": \"d1\", \"title\": \"t\", \"text\": \"x\"}", "{\"id\": \"d2\", ");

        assertThatThrownBy(() -> DatasetReader.readCorpus(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + " line 2: not valid JSON");
    }

    @Test
    void readCorpus_missingText_namesField() throws IOException {
        Path file = write("corpus.jsonl", "{\"id\": \"d1\", \"title\": \"t\"}");

        assertThatThrownBy(() -> DatasetReader.readCorpus(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("\"text\"");
    }

    @Test
    void readCorpus_duplicateId_namesEarlierLine() throws IOException {
        Path file = write("corpus.jsonl", "{\"id\": \"d1\", \"text\": \"a\"}", "", "{\"id\": \"d1\", \"text\": \"b\"}");

        assertThatThrownBy(() -> DatasetReader.readCorpus(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("already used on line 1");
    }

    @Test
    void readQueries_arrayInsteadOfObject_isRejectedWithLine() throws IOException {
        Path file = write("queries.jsonl", "{\"id\": \"q1\", \"text\": \"wie\"}", "[1, 2]");

        assertThatThrownBy(() -> DatasetReader.readQueries(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 2: expected a JSON object");
    }

    @Test
    void load_ignoresJudgmentsOfUnknownIds_andSaysSo() throws IOException {
        write("corpus.jsonl", "{\"id\": \"d1\", \"title\": \"t\", \"text\": \"x\"}");
        write("queries.jsonl", "{\"id\": \"q1\", \"text\": \"t\"}");
        write("qrels.tsv", "query-id\tcorpus-id\tscore", "q1\td1\t1", "q1\tgone\t1", "q9\td1\t1");

        Dataset dataset = Dataset.load(dir);

        assertThat(dataset.name()).isEqualTo(dir.getFileName().toString());
        assertThat(dataset.qrels().byQuery()).isEqualTo(Map.of("q1", Map.of("d1", 1)));
        assertThat(dataset.warnings())
                .containsExactly(
                        "1 judgment(s) name a query id missing from queries.jsonl and were ignored",
                        "1 judgment(s) name a corpus id missing from corpus.jsonl (or left out as empty) and were"
                                + " ignored");
    }

    @Test
    void load_missingDirectory_namesPathAndExpectedFiles() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> Dataset.load(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Data directory not found: " + missing)
                .hasMessageContaining("corpus.jsonl, queries.jsonl and qrels.tsv");
    }

    @Test
    void load_missingFile_namesFileAndFormat() throws IOException {
        write("corpus.jsonl", "{\"id\": \"d1\", \"title\": \"t\", \"text\": \"x\"}");
        write("queries.jsonl", "{\"id\": \"q1\", \"text\": \"t\"}");

        assertThatThrownBy(() -> Dataset.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Missing " + dir.resolve("qrels.tsv"))
                .hasMessageContaining("query-id TAB corpus-id TAB score");
    }

    @Test
    void load_withCorpusBase_addsTheBaseSetsArticlesFirst_andRefusesAnIdOfBoth() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.write(base.resolve("corpus.jsonl"), List.of("{\"id\": \"b1\", \"title\": \"t\", \"text\": \"x\"}"));
        Path set = Files.createDirectories(dir.resolve("set"));
        Files.write(set.resolve("corpus-base.txt"), List.of("../base"));
        Files.write(set.resolve("corpus.jsonl"), List.of("{\"id\": \"d1\", \"title\": \"t\", \"text\": \"y\"}"));
        Files.write(set.resolve("queries.jsonl"), List.of("{\"id\": \"q1\", \"text\": \"t\"}"));
        Files.write(set.resolve("qrels.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\tb1\t2", "q1\td1\t1"));

        Dataset dataset = Dataset.load(set);

        assertThat(dataset.documents()).extracting(CorpusDocument::id).containsExactly("b1", "d1");
        assertThat(dataset.qrels().byQuery()).isEqualTo(Map.of("q1", Map.of("b1", 2, "d1", 1)));
        assertThat(dataset.warnings()).isEmpty();

        Files.write(set.resolve("corpus.jsonl"), List.of("{\"id\": \"b1\", \"title\": \"t\", \"text\": \"y\"}"));
        assertThatThrownBy(() -> Dataset.load(set))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("document id \"b1\" is also in the base set");
        Files.write(set.resolve("corpus-base.txt"), List.of("../nowhere"));
        assertThatThrownBy(() -> Dataset.load(set))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("names \"../nowhere\", which is not a data set directory");
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
