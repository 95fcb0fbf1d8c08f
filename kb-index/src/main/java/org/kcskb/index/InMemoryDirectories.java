package org.kcskb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.SingleInstanceLockFactory;

/**
 * In-memory Lucene directories whose files are held in a few large blocks, for the in-memory search index and the
 * suggestion index.
 *
 * <p>Lucene clones an input for every postings list and stored-fields read it opens, and cloning an in-memory
 * file duplicates every block of it; the default layout has up to a hundred blocks per file. And
 * {@code ByteBuffersDataInput} reads a short, int or long with one buffer access only when it holds several
 * blocks: over a single block (a file held as one buffer, or a slice that falls within one block) it reads byte by
 * byte. Profiled over 10,000 articles, clones and byte-wise reads took about 12% of a search with the default
 * layout, 7% with one buffer per file (and stored-field decompression got slower, reading byte-wise), and 5% with a
 * handful of large blocks per file; for suggestion lookups, byte-wise reads took a tenth of a lookup over one buffer
 * per file.
 */
final class InMemoryDirectories {
    /** An index file is held in at most this many blocks (of at least 4 KB). */
    private static final int BLOCKS_PER_FILE = 8;

    private static final int MIN_BLOCK_BITS = 12;

    private InMemoryDirectories() {}

    /** Returns an empty in-memory directory with a single-instance lock. */
    static Directory create() {
        return new ByteBuffersDirectory(
                new SingleInstanceLockFactory(), ByteBuffersDataOutput::new, InMemoryDirectories::inFewBlocks);
    }

    /** Returns a written in-memory file as an input over a few large blocks. */
    private static IndexInput inFewBlocks(String name, ByteBuffersDataOutput written) {
        long perBlock = Math.max(1, (written.size() - 1) / BLOCKS_PER_FILE);
        int bits = Math.min(
                ByteBuffersDataOutput.LIMIT_MAX_BITS_PER_BLOCK,
                Math.max(MIN_BLOCK_BITS, 64 - Long.numberOfLeadingZeros(perBlock)));
        var blocks = new ByteBuffersDataOutput(
                bits, bits, ByteBuffersDataOutput.ALLOCATE_BB_ON_HEAP, ByteBuffersDataOutput.NO_REUSE);
        try {
            written.copyTo(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("Copying in-memory index file " + name + " failed", e);
        }
        return new ByteBuffersIndexInput(blocks.toDataInput(), "ByteBuffersIndexInput (file=" + name + ")");
    }
}
