package org.kcskb.index.codec;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;

/**
 * The codec of the knowledge base's search index: Lucene's default codec with stored fields compressed in small
 * blocks, because a search reads the stored fields of every hit it returns.
 *
 * <p>Lucene's default stored fields compress blocks of up to 80 KiB with a shared dictionary, which suits an index
 * that reads few documents per query; reading one document decompresses the dictionary and its block. A page of 10
 * hits over 10,000 articles spent a fifth of the search there (JFR). Here a block holds at most
 * {@value #MAX_DOCS_PER_BLOCK} articles or {@value #BLOCK_BYTES} bytes, compressed with plain LZ4, so a hit costs
 * the decompression of about one article. That costs space: the index of 10,000 synthetic articles grew from
 * 3.45 to 3.80 MB against blocks of 4 KiB and 8 articles.
 *
 * <p>Public only because Lucene finds codecs by name through {@link java.util.ServiceLoader} when it opens an index;
 * not part of the library's API.
 */
public final class KnowledgeBaseCodec extends FilterCodec {
    /** The name written into every segment, by which Lucene finds this codec again. */
    public static final String NAME = "KnowledgeBase104";

    static final int BLOCK_BYTES = 1024;
    static final int MAX_DOCS_PER_BLOCK = 4;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "KnowledgeBaseStoredFields", CompressionMode.FAST, BLOCK_BYTES, MAX_DOCS_PER_BLOCK, 10);

    /** Creates the codec; Lucene's {@code ServiceLoader} calls this. */
    public KnowledgeBaseCodec() {
        super(NAME, new Lucene104Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
