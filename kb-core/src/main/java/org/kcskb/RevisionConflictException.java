package org.kcskb;

import org.kcskb.article.ArticleId;

/**
 * A write named a revision that is not the article's current one: somebody else changed it first. Nothing was
 * written; read the article again, reapply the change and retry with the current revision number.
 */
public class RevisionConflictException extends KbException {
    private final ArticleId articleId;
    private final int expectedRevision;
    private final int currentRevision;

    public RevisionConflictException(ArticleId articleId, int expectedRevision, int currentRevision) {
        super("Revision conflict on " + articleId + ": the change was based on revision " + expectedRevision
                + " but the current revision is " + currentRevision
                + (expectedRevision > currentRevision ? " (the expected revision is from the future)" : "")
                + "; read the article again, reapply the change and retry with revision " + currentRevision);
        this.articleId = articleId;
        this.expectedRevision = expectedRevision;
        this.currentRevision = currentRevision;
    }

    public ArticleId articleId() {
        return articleId;
    }

    public int expectedRevision() {
        return expectedRevision;
    }

    public int currentRevision() {
        return currentRevision;
    }
}
