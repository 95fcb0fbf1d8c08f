package org.kcskb.vocabulary;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.actor.Actor;

/**
 * One line of the vocabulary's audit trail: who added or removed which entry, and when. Immutable and thread-safe.
 *
 * @param at when
 * @param actor who
 * @param action added or removed
 * @param entry the entry as it was added (for a removal: as it was before)
 */
public record VocabularyChange(Instant at, Actor actor, Action action, VocabularyEntry entry) {
    public VocabularyChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entry, "entry");
    }

    /** What happened to the entry. */
    public enum Action {
        ADDED,
        REMOVED
    }
}
