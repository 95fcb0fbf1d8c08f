package org.kcskb.bench.relevance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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

    /** A file naming another set's directory whose documents this set's corpus adds to (see {@link #load}). */
    static final String BASE = "corpus-base.txt";

    /**
     * Reads {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels.tsv} from {@code directory}. A set may
     * build on another set's articles instead of copying them: its {@value #BASE} names that set's directory
     * (relative to its own), whose documents come first; ids must stay distinct.
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

        var corpus = withBase(dir, DatasetReader.readCorpus(corpusFile));
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

    /** The documents of the set {@value #BASE} names, if any, followed by {@code own}'s. */
    private static DatasetReader.Corpus withBase(Path dir, DatasetReader.Corpus own) {
        Path baseFile = dir.resolve(BASE);
        if (!Files.isRegularFile(baseFile)) {
            return own;
        }
        String named;
        try {
            named = Files.readString(baseFile).strip();
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + baseFile + ": " + e.getMessage());
        }
        Path baseDir = dir.resolve(named).normalize();
        if (named.isEmpty() || baseDir.equals(dir) || !Files.isRegularFile(baseDir.resolve(DatasetReader.CORPUS))) {
            throw new DatasetException(baseFile + " names \"" + named + "\", which is not a data set directory with "
                    + DatasetReader.CORPUS + "; give the path of the set whose articles this set adds to, relative"
                    + " to " + dir + ", for example ../helpdesk-bilingual");
        }
        var base = DatasetReader.readCorpus(baseDir.resolve(DatasetReader.CORPUS));
        var ids = new HashSet<String>();
        base.documents().forEach(d -> ids.add(d.id()));
        for (CorpusDocument document : own.documents()) {
            if (!ids.add(document.id())) {
                throw new DatasetException(dir.resolve(DatasetReader.CORPUS) + ": document id \"" + document.id()
                        + "\" is also in the base set " + baseDir + "; give it an id of its own");
            }
        }
        var documents = new ArrayList<>(base.documents());
        documents.addAll(own.documents());
        return new DatasetReader.Corpus(List.copyOf(documents), base.skipped() + own.skipped());
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
