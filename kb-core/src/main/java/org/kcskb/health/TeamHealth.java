package org.kcskb.health;

import java.util.Objects;
import java.util.Set;

/**
 * The contribution of a team the host defined in the {@link HealthRequest}: the figures of its members together
 * (each article and case counted once, the AQI averaged over every member's article).
 *
 * @param team the team's name, as the host gave it
 * @param members the actor ids the host listed for it
 * @param health the members' figures together
 */
public record TeamHealth(String team, Set<String> members, ContributionHealth health) {
    public TeamHealth {
        Objects.requireNonNull(team, "team");
        members = Set.copyOf(members);
        Objects.requireNonNull(health, "health");
    }
}
