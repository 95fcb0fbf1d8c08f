package org.kcskb.bench.relevance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A relevance data set: a corpus, queries and graded judgments, read from one directory.
 *
 * @param name the directory name, for example {@code covidfaq-de}
 * @param documents the searchable documents in file order
 * @param queries the queries in file order
 * @param qrels the judgments whose query and document both exist
 * @param warnings what was left out while loading, for the report
 */
record Dataset(
        String name,
        List<CorpusDocument> documents,
        List<EvaluationQuery> queries,
        Qrels qrels,
        List<String> warnings) {
    Dataset {
        Objects.requireNonNull(name, "name");
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
        Objects.requireNonNull(qrels, "qrels");
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels.tsv} from {@code directory}.
     *
     * @throws DatasetException if the directory or a file is missing or malformed
     */
    static Dataset load(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new DatasetException((Files.exists(dir) ? "Not a directory: " : "Data directory not found: ") + dir
                    + ". Expected a directory holding " + DatasetReader.CORPUS + ", " + DatasetReader.QUERIES
                    + " and " + DatasetReader.QRELS + ".");
        }
        Path corpusFile =
                requireFile(dir, DatasetReader.CORPUS, "one JSON object per line with \"id\", \"title\" and \"text\"");
        Path queriesFile = requireFile(dir, DatasetReader.QUERIES, "one JSON object per line with \"id\" and \"text\"");
        Path qrelsFile =
                requireFile(dir, DatasetReader.QRELS, "a header line, then query-id TAB corpus-id TAB score per line");

        var corpus = DatasetReader.readCorpus(corpusFile);
        var queries = DatasetReader.readQueries(queriesFile);
        var qrels = DatasetReader.readQrels(qrelsFile);
        if (corpus.documents().isEmpty()) {
            throw new DatasetException(corpusFile + ": holds no documents with a title or text");
        }
        if (queries.isEmpty()) {
            throw new DatasetException(queriesFile + ": holds no queries");
        }

        var restricted = qrels.restrictTo(
                queries.stream().map(EvaluationQuery::id).collect(Collectors.toSet()),
                corpus.documents().stream().map(CorpusDocument::id).collect(Collectors.toSet()));
        var warnings = new ArrayList<String>();
        if (corpus.skipped() > 0) {
            warnings.add(corpus.skipped() + " document(s) with neither title nor text were left out");
        }
        if (restricted.unknownQueryJudgments() > 0) {
            warnings.add(restricted.unknownQueryJudgments() + " judgment(s) name a query id missing from "
                    + DatasetReader.QUERIES + " and were ignored");
        }
        if (restricted.unknownDocumentJudgments() > 0) {
            warnings.add(restricted.unknownDocumentJudgments() + " judgment(s) name a corpus id missing from "
                    + DatasetReader.CORPUS + " (or left out as empty) and were ignored");
        }
        Path fileName = dir.getFileName();
        return new Dataset(
                fileName == null ? dir.toString() : fileName.toString(),
                corpus.documents(),
                queries,
                restricted.qrels(),
                warnings);
    }

    private static Path requireFile(Path dir, String name, String expected) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(
                    "Missing " + file + ": the data directory must hold " + name + " with " + expected + ".");
        }
        return file;
    }
}
