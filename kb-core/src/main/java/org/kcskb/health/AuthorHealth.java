package org.kcskb.health;

import java.util.Objects;

/**
 * The contribution of one actor: the articles they captured and the cases they closed.
 *
 * @param author the actor's id
 * @param health their figures
 */
public record AuthorHealth(String author, ContributionHealth health) {
    public AuthorHealth {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(health, "health");
    }
}
