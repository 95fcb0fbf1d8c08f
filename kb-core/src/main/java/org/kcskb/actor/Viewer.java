package org.kcskb.actor;

import java.util.Objects;
import org.kcskb.article.Audience;

/**
 * Who is reading or searching: the public, a partner, or a licensed agent.
 *
 * <p>Every search and every read on behalf of a person names a viewer; what it may see is decided by the
 * {@link org.kcskb.lifecycle.VisibilityPolicy}. Immutable and thread-safe.
 */
public sealed interface Viewer {
    /** Returns an identifier for analytics and feedback ({@code public} for anonymous visitors). */
    String id();

    /**
     * Returns the audience this viewer belongs to: {@code PUBLIC} for the anonymous public, {@code PARTNER} for a
     * partner's user, {@code INTERNAL} for an agent. What a viewer typed is only ever shown back to viewers of the
     * same audience (learned query suggestions).
     */
    default Audience audience() {
        return switch (this) {
            case Public p -> Audience.PUBLIC;
            case Partner p -> Audience.PARTNER;
            case Agent a -> Audience.INTERNAL;
        };
    }

    /** Returns the anonymous public, for example a visitor of the help site. */
    static Viewer anonymous() {
        return Public.INSTANCE;
    }

    /** Returns a partner organisation's user. */
    static Viewer partner(String id) {
        return new Partner(id);
    }

    /** Returns a licensed support agent. */
    static Viewer agent(Actor actor) {
        return new Agent(actor);
    }

    /** The anonymous public. */
    record Public() implements Viewer {
        static final Public INSTANCE = new Public();

        @Override
        public String id() {
            return "public";
        }
    }

    /** A partner's user, who sees what is published to partners and the public. */
    record Partner(String id) implements Viewer {
        public Partner {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("A partner viewer needs a non-blank id");
            }
        }
    }

    /** A licensed agent, who sees internal content according to the visibility policy. */
    record Agent(Actor actor) implements Viewer {
        public Agent {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String id() {
            return actor.id();
        }
    }
}
