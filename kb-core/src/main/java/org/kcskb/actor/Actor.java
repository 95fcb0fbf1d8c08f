package org.kcskb.actor;

import java.util.Objects;

/**
 * A licensed support person who writes to the knowledge base. Every write names its actor.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the host's user id, 1 to 128 printable characters
 * @param licence the person's KCS licence
 */
public record Actor(String id, Licence licence) {
    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(licence, "licence");
        if (id.isBlank() || id.length() > 128 || id.chars().anyMatch(Character::isISOControl)) {
            // Abbreviated, never between the halves of a surrogate pair: an id can be anything a host passed on.
            String shown = id.length() <= 80
                    ? id
                    : id.substring(0, Character.isHighSurrogate(id.charAt(76)) ? 76 : 77) + "...";
            throw new IllegalArgumentException("Invalid actor id '" + shown + "' (" + id.length()
                    + " chars): use 1 to 128 printable characters, for example 'agent-7'");
        }
    }

    public static Actor candidate(String id) {
        return new Actor(id, Licence.CANDIDATE);
    }

    public static Actor contributor(String id) {
        return new Actor(id, Licence.CONTRIBUTOR);
    }

    public static Actor publisher(String id) {
        return new Actor(id, Licence.PUBLISHER);
    }

    public static Actor administrator(String id) {
        return new Actor(id, Licence.ADMINISTRATOR);
    }
}
