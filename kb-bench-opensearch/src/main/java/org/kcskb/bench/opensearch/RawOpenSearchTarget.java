package org.kcskb.bench.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.HttpHost;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.mapping.IndexOptions;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.search.BuiltinHighlighterType;
import org.opensearch.client.opensearch.core.search.Highlight;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.HighlighterType;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Raw OpenSearch through its Java client ({@code opensearch-java}, typed requests over HTTP): what a host would
 * write without the library, with the schema of kb-bench's raw Lucene and Solr targets.
 *
 * <p>One index, one shard, no replica; one text field per language ({@code body_de}, {@code body_en}: title, issue
 * and resolution) with OpenSearch's {@code german} or {@code english} analyser (the stock Lucene ones) and offsets
 * in the postings for the unified highlighter; keyword fields for the audience, product, version and language; the
 * title in {@code _source} only; merged to one segment. The query is a BM25 {@code multi_match} of type {@code
 * most_fields} (operator OR) over both language fields (the engine does not know the query's language), filtered
 * to the audiences the viewer may see; {@code track_total_hits} follows the {@link HitCount} policy. The page
 * workload fetches the title from {@code _source} and one HTML-encoded passage of about {@value
 * SearchWorkload#SNIPPET_LENGTH} characters, matches in {@code <mark>}, from the unified highlighter; the facets
 * workload adds terms aggregations and a highlight. No ranking priors, suggestions or language detection: the
 * ratio to the library on OpenSearch is what those cost.
 */
final class RawOpenSearchTarget implements OpenSearchTarget {
    static final String INDEX = "bench-raw";
    static final String BODY_DE = "body_de";
    static final String BODY_EN = "body_en";
    static final String TITLE = "title";
    static final String AUDIENCE = "audience";
    static final String PRODUCT = "product";
    static final String VERSION = "version";
    static final String LANGUAGE = "language";
    private static final int BATCH = 1_000;

    private OpenSearchTransport transport;
    private OpenSearchClient client;
    private SearchRequest[] requests;

    @Override
    public void open(String url, BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits) {
        URI uri = URI.create(url);
        transport = ApacheHttpClient5TransportBuilder.builder(
                        new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()))
                .setMapper(new JacksonJsonpMapper())
                .build();
        client = new OpenSearchClient(transport);
        try {
            createIndex();
            index(corpus.articles());
            client.indices().refresh(r -> r.index(INDEX));
            client.indices().forcemerge(f -> f.index(INDEX).maxNumSegments(1L));
            client.indices().refresh(r -> r.index(INDEX));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        requests = corpus.queries().stream()
                .map(text -> request(text, workload, limit, hits))
                .toArray(SearchRequest[]::new);
    }

    private void createIndex() throws IOException {
        client.indices().create(c -> c.index(INDEX)
                .settings(s -> s.numberOfShards(1).numberOfReplicas(0))
                .mappings(m -> m.properties(
                                BODY_DE, p -> p.text(t -> t.analyzer("german").indexOptions(IndexOptions.Offsets)))
                        .properties(
                                BODY_EN, p -> p.text(t -> t.analyzer("english").indexOptions(IndexOptions.Offsets)))
                        .properties(TITLE, p -> p.keyword(k -> k.index(false).docValues(false)))
                        .properties(AUDIENCE, p -> p.keyword(k -> k))
                        .properties(PRODUCT, p -> p.keyword(k -> k))
                        .properties(VERSION, p -> p.keyword(k -> k))
                        .properties(LANGUAGE, p -> p.keyword(k -> k))));
    }

    private void index(List<CorpusArticle> articles) throws IOException {
        var bulk = new BulkRequest.Builder();
        int pending = 0;
        int id = 0;
        for (CorpusArticle a : articles) {
            var document = new HashMap<String, Object>();
            document.put(a.german() ? BODY_DE : BODY_EN, a.body());
            document.put(TITLE, a.title());
            document.put(AUDIENCE, a.audience().term());
            document.put(LANGUAGE, a.language().getLanguage());
            if (!a.product().isEmpty()) {
                document.put(PRODUCT, a.product());
                document.put(VERSION, a.version());
            }
            String documentId = Integer.toString(id++);
            bulk.operations(op -> op.index(i -> i.index(INDEX).id(documentId).document(document)));
            if (++pending == BATCH) {
                send(bulk.build());
                bulk = new BulkRequest.Builder();
                pending = 0;
            }
        }
        if (pending > 0) {
            send(bulk.build());
        }
    }

    private void send(BulkRequest bulk) throws IOException {
        BulkResponse response = client.bulk(bulk);
        if (response.errors()) {
            throw new IllegalStateException("OpenSearch rejected part of a bulk request: "
                    + response.items().stream()
                            .filter(item -> item.error() != null)
                            .findFirst()
                            .map(item -> item.error().reason())
                            .orElse("?"));
        }
    }

    /** Returns the request of one query text; package-private for the test that checks its shape. */
    static SearchRequest request(String text, SearchWorkload workload, int limit, HitCount hits) {
        HitCount count = workload.hitCount(hits);
        int threshold = count.threshold(workload.offset() + limit);
        var filters = new ArrayList<Query>();
        if (workload == SearchWorkload.FILTERED) {
            List<FieldValue> audiences = SearchWorkload.FILTER_AUDIENCES.stream()
                    .map(a -> FieldValue.of(a.term()))
                    .toList();
            filters.add(Query.of(q -> q.terms(t -> t.field(AUDIENCE).terms(v -> v.value(audiences)))));
            filters.add(
                    Query.of(q -> q.term(t -> t.field(PRODUCT).value(FieldValue.of(SearchWorkload.FILTER_PRODUCT)))));
        } else {
            filters.add(Query.of(
                    q -> q.term(t -> t.field(AUDIENCE).value(FieldValue.of(CorpusArticle.Audience.PUBLIC.term())))));
        }
        var request = new SearchRequest.Builder()
                .index(INDEX)
                .from(workload.offset())
                .size(limit)
                .trackTotalHits(t -> count == HitCount.EXACT ? t.enabled(true) : t.count(threshold))
                .query(q -> q.bool(b -> b.must(m -> m.multiMatch(mm -> mm.query(text)
                                .fields(BODY_DE, BODY_EN)
                                .type(TextQueryType.MostFields)
                                .operator(Operator.Or)))
                        .filter(filters)));
        if (workload.snippets()) {
            request.source(s -> s.filter(f -> f.includes(TITLE)))
                    .highlight(highlight(SearchWorkload.MARK_OPEN, SearchWorkload.MARK_CLOSE));
        } else {
            request.source(s -> s.fetch(false));
        }
        if (workload == SearchWorkload.FACETS) {
            for (String facet : SearchWorkload.FACET_NAMES) {
                request.aggregations(facet, a -> a.terms(t -> t.field(facet).size(10)));
            }
            request.highlight(highlight("<b>", "</b>"));
        }
        return request.build();
    }

    private static Highlight highlight(String open, String close) {
        return Highlight.of(h -> h.type(HighlighterType.of(t -> t.builtin(BuiltinHighlighterType.Unified)))
                .encoder(HighlighterEncoder.Html)
                .preTags(open)
                .postTags(close)
                .numberOfFragments(1)
                .fragmentSize(SearchWorkload.SNIPPET_LENGTH)
                .fields(BODY_DE, f -> f)
                .fields(BODY_EN, f -> f));
    }

    @Override
    public Object search(int query) {
        try {
            return client.search(requests[query], Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the index (a cluster may outlive the target, as in the tests) and closes the client. */
    @Override
    public void close() {
        try {
            if (client != null) {
                client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
            }
        } catch (IOException | RuntimeException e) {
            // The cluster is gone or the index was never made: nothing to tidy.
        }
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
