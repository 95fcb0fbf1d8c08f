package org.kcskb.transfer;

/**
 * A bulk import in progress, from {@link org.kcskb.KnowledgeBase#startImport}: the caller hands over records one at
 * a time, in input order, and the import writes them in batches.
 *
 * <p>For each record's {@link TransferArticle#sourceId() source id}:
 *
 * <ul>
 *   <li>Not seen before: a new article with the record's revisions (numbers, authors with their licences, times,
 *       states, audiences, languages and comments as given), links, flags, feedback and view count, and the source
 *       id mapped to it.
 *   <li>Imported before: its stored revisions are compared with the record's. When the record's history is already
 *       stored (perhaps followed by revisions made here since), nothing changes; when the stored history is the
 *       start of the record's, the record's later revisions are appended as they are; when the two differ, one new
 *       revision, in the importing actor's name, brings the article to the record's latest content, state and
 *       audience (or nothing, if it has them already). Links and flags that are missing or differ are put; feedback
 *       votes whose id the article does not have yet are added; the view count is raised to the record's if it is
 *       lower. Nothing is removed or lowered, so importing the same record twice counts its votes and views once,
 *       and votes and views counted here since are kept.
 *   <li>A source id that names an article of this knowledge base itself (such as {@code KB-17}, as an export writes
 *       it for articles created here) and that no imported article claims is that article, so an export imported
 *       again into the knowledge base it came from changes nothing.
 * </ul>
 *
 * <p>A record whose revision names a {@code mergedInto} source id that is not known yet waits until the end of the
 * input; translations are linked at the end. Texts pass the knowledge base's limits (and language detection when a
 * revision's language is unknown), but not the lifecycle policy nor the content standard: the source's states are
 * kept. A record that fails (unreadable, over a limit, a flag id another article owns) is reported in {@link
 * ImportReport#failures()} with its line, and the import goes on.
 *
 * <p>Not thread-safe: one thread feeds one import. Records of a batch become visible together; what was written
 * before a failure of the store stays written, and running the import again completes it.
 */
public interface ArticleImport extends AutoCloseable {
    /**
     * Hands over the record read at {@code line} (from 1, increasing).
     *
     * @throws org.kcskb.StorageException if the store fails (the records of the batch in hand are then lost; run the
     *     import again)
     */
    void add(long line, TransferArticle article);

    /** Reports that the record at {@code line} could not be read, for {@code reason}; counts it as done and failed. */
    void reject(long line, String reason);

    /**
     * Writes what is still in hand, resolves the waiting merges and translations, and returns the report. Further
     * calls return the same report.
     */
    ImportReport finish();

    /** Finishes the import if {@link #finish()} was not called. */
    @Override
    void close();
}
