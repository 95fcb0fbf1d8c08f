package org.kcskb.bench.solr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.FacetParams;
import org.apache.solr.common.params.HighlightParams;
import org.apache.solr.core.CoreContainer;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;

/**
 * Apache Solr embedded in the process ({@link EmbeddedSolrServer}) with the benchmark schema: the same fields and
 * analysis as kb-bench's raw Lucene target, caches off, the index in memory and merged to one segment.
 *
 * <p>The query is the text in the standard query parser over both language fields ({@code body_de:(...) OR
 * body_en:(...)}, operator OR, query syntax escaped), filtered with {@code fq} to the audiences the viewer may see;
 * the total hit count follows the {@link HitCount} policy through {@code minExactCount}. Not thread-safe for
 * {@link #open}; {@link #search} may be called from several threads.
 */
final class EmbeddedSolr implements AutoCloseable {
    static final String CORE = "bench";
    private static final int BATCH = 1_000;

    private Path home;
    private CoreContainer container;
    private EmbeddedSolrServer server;
    private SolrQuery[] queries;

    /** Starts Solr in a temporary home, indexes {@code corpus} and prepares its queries. */
    void open(BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits) {
        try {
            home = Files.createTempDirectory("kb-bench-solr");
            Files.writeString(home.resolve("solr.xml"), "<solr/>\n");
            Path conf = Files.createDirectories(home.resolve(CORE).resolve("conf"));
            Files.writeString(home.resolve(CORE).resolve("core.properties"), "name=" + CORE + "\n");
            copyResource("schema.xml", conf);
            copyResource("solrconfig.xml", conf);
            container = CoreContainer.createAndLoad(home);
            if (container.getCore(CORE) == null) {
                throw new IllegalStateException(
                        "Solr did not load the core '" + CORE + "': " + container.getCoreInitFailures());
            }
            container.getCore(CORE).close();
            server = new EmbeddedSolrServer(container, CORE);
            index(corpus.articles(), workload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SolrServerException e) {
            throw new IllegalStateException("Solr failed to index " + corpus.name(), e);
        }
        queries = corpus.queries().stream()
                .map(text -> query(text, workload, limit, hits))
                .toArray(SolrQuery[]::new);
    }

    private void index(List<CorpusArticle> articles, SearchWorkload workload) throws SolrServerException, IOException {
        var batch = new ArrayList<SolrInputDocument>(BATCH);
        int id = 0;
        for (CorpusArticle a : articles) {
            var document = new SolrInputDocument();
            document.addField("id", Integer.toString(id++));
            document.addField(a.german() ? "body_de" : "body_en", a.body());
            document.addField("audience", a.audience().term());
            if (workload.snippets()) {
                document.addField("title", a.title());
            }
            document.addField("language", a.language().getLanguage());
            if (!a.product().isEmpty()) {
                document.addField("product", a.product());
                document.addField("version", a.version());
            }
            batch.add(document);
            if (batch.size() == BATCH) {
                server.add(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            server.add(batch);
        }
        server.commit();
        server.optimize(true, true, 1);
    }

    /** Returns the Solr request for one query text; public for the test that checks its shape. */
    static SolrQuery query(String text, SearchWorkload workload, int limit, HitCount hits) {
        String escaped = escape(text);
        var query = new SolrQuery("body_de:(" + escaped + ") OR body_en:(" + escaped + ")");
        query.set("q.op", "OR");
        query.set("sow", false);
        query.setFields(workload.snippets() ? new String[] {"id", "title"} : new String[] {"id"});
        query.setStart(workload.offset());
        query.setRows(limit);
        HitCount count = workload.hitCount(hits);
        if (count != HitCount.EXACT) {
            query.set(CommonParams.MIN_EXACT_COUNT, count.threshold(workload.offset() + limit));
        }
        if (workload == SearchWorkload.FILTERED) {
            query.addFilterQuery(
                    "audience:("
                            + String.join(
                                    " OR ",
                                    SearchWorkload.FILTER_AUDIENCES.stream()
                                            .map(CorpusArticle.Audience::term)
                                            .toList())
                            + ")",
                    "product:\"" + SearchWorkload.FILTER_PRODUCT + "\"");
        } else {
            query.addFilterQuery("audience:" + CorpusArticle.Audience.PUBLIC.term());
        }
        if (workload == SearchWorkload.FACETS) {
            query.setFacet(true);
            query.addFacetField(SearchWorkload.FACET_NAMES.toArray(String[]::new));
            query.setFacetLimit(10);
            query.setFacetMinCount(1);
            query.set(FacetParams.FACET_METHOD, FacetParams.FACET_METHOD_fc);
            query.setHighlight(true);
            query.set(HighlightParams.METHOD, "unified");
            query.set(HighlightParams.FIELDS, "body_de,body_en");
        }
        if (workload.snippets()) {
            // What a help site shows: one HTML-escaped passage per hit, matches in <mark>.
            query.setHighlight(true);
            query.set(HighlightParams.METHOD, "unified");
            query.set(HighlightParams.FIELDS, "body_de,body_en");
            query.set(HighlightParams.SNIPPETS, 1);
            query.set(HighlightParams.FRAGSIZE, SearchWorkload.SNIPPET_LENGTH);
            query.set(HighlightParams.ENCODER, "html");
            query.set(HighlightParams.TAG_PRE, SearchWorkload.MARK_OPEN);
            query.set(HighlightParams.TAG_POST, SearchWorkload.MARK_CLOSE);
        }
        return query;
    }

    /** Escapes the query parser's syntax characters, keeping white space so that the text stays words. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\+-!():^[]\"{}~*?|&/".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        // Upper-case AND, OR and NOT would be operators; the other engines read them as words.
        return out.toString().replaceAll("\\b(AND|OR|NOT)\\b", "\\\\$1");
    }

    /** Runs query number {@code number} and returns the response. */
    QueryResponse search(int number) {
        try {
            return server.query(queries[number]);
        } catch (SolrServerException | IOException e) {
            throw new IllegalStateException("Solr query failed: " + queries[number], e);
        }
    }

    int queries() {
        return queries.length;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
            // The server does not own a container it was given: shut it down, or its threads keep the fork alive.
            if (container != null && !container.isShutDown()) {
                container.shutdown();
            }
            if (home != null) {
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyResource(String name, Path directory) throws IOException {
        try (InputStream in = EmbeddedSolr.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + EmbeddedSolr.class);
            }
            Files.copy(in, directory.resolve(name));
        }
    }
}
