package org.qinglang.core.enforce;

import java.util.Objects;
import java.util.Set;

/**
 * A member of staff who acts on cases.
 *
 * @param id    their staff id
 * @param roles their roles; may be empty (then they may do nothing)
 */
public record Reviewer(String id, Set<StaffRole> roles) {
    public Reviewer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("reviewer id must not be blank");
        }
        roles = Set.copyOf(roles);
    }

    /** True if one of their roles grants {@code permission}. */
    public boolean may(Permission permission) {
        return StaffRole.anyMay(roles, permission);
    }
}
