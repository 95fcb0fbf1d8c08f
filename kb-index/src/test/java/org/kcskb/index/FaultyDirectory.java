package org.kcskb.index;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Collection;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * A directory that turns read-only, or whose files read as corrupt, on demand: what a remounted or failing disk
 * does to an index that is open.
 */
final class FaultyDirectory extends FilterDirectory {
    /** Whether every write (new files, renames, deletions, syncs) is refused, as in a read-only folder. */
    volatile boolean readOnly;
    /** Whether opening a file fails with a checksum error, as a garbled file does. */
    volatile boolean corrupt;

    FaultyDirectory(Directory in) {
        super(in);
    }

    private void checkWritable(String name) throws IOException {
        if (readOnly) {
            throw new AccessDeniedException(name, null, "Read-only file system (a test fault)");
        }
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        checkWritable(name);
        return super.createOutput(name, context);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        checkWritable(prefix);
        return super.createTempOutput(prefix, suffix, context);
    }

    @Override
    public void deleteFile(String name) throws IOException {
        checkWritable(name);
        super.deleteFile(name);
    }

    @Override
    public void rename(String source, String dest) throws IOException {
        checkWritable(dest);
        super.rename(source, dest);
    }

    @Override
    public void sync(Collection<String> names) throws IOException {
        checkWritable(String.join(",", names));
        super.sync(names);
    }

    @Override
    public void syncMetaData() throws IOException {
        checkWritable("(folder)");
        super.syncMetaData();
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        if (corrupt) {
            throw new CorruptIndexException("checksum failed (a test fault)", name);
        }
        return super.openInput(name, context);
    }
}
