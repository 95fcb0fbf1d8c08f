package org.kcskb.notice;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.actor.Actor;

/**
 * One line of the notices' audit trail: who published or ended which notice, and when. Immutable and thread-safe.
 *
 * @param at when
 * @param actor who
 * @param action published or ended
 * @param notice the notice's id; {@link org.kcskb.KnowledgeBase#notices} keeps every notice, ended ones too
 */
public record NoticeChange(Instant at, Actor actor, Action action, NoticeId notice) {
    public NoticeChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(notice, "notice");
    }

    /** What happened to the notice. */
    public enum Action {
        PUBLISHED,
        ENDED
    }
}
