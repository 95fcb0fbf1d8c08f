package org.kcskb.actor;

/** The KCS licence levels, in ascending order of rights, plus the host-defined administrator. */
public enum Licence {
    /** Captures articles and flags; creates internal, not-validated content. */
    CANDIDATE,
    /** Also validates and fixes internal articles. */
    CONTRIBUTOR,
    /** Also publishes to partners and the public. */
    PUBLISHER,
    /** A host-defined administrator, allowed every action (for migrations, restores and clean-up). */
    ADMINISTRATOR;

    /** Returns whether this licence includes the rights of {@code other}. */
    public boolean atLeast(Licence other) {
        return compareTo(other) >= 0;
    }
}
