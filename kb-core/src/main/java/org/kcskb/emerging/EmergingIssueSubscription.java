package org.kcskb.emerging;

/** A listener's registration: see {@link org.kcskb.KnowledgeBase#onEmergingIssue}. */
public interface EmergingIssueSubscription extends AutoCloseable {
    /** Stops the periodic checks and the calls of the listener; idempotent. */
    @Override
    void close();
}
