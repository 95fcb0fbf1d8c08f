package org.kcskb.emerging;

/**
 * Hears of issues as they start to rise: see {@link org.kcskb.KnowledgeBase#onEmergingIssue}.
 *
 * <p>Called on the knowledge base's scheduler (or on the thread that calls {@link
 * org.kcskb.KnowledgeBase#checkEmergingIssues()}), once per issue when it first crosses the threshold; again only
 * after it has not been detected for a whole window and risen anew (see {@link EmergingIssueTracker}). Must be quick and must not block: hand the issue to a
 * queue or a notification service. An exception is logged and does not stop later calls.
 */
@FunctionalInterface
public interface EmergingIssueListener {
    /** An issue crossed the threshold; it names only articles a licensed agent may read. */
    void emerging(EmergingIssue issue);
}
