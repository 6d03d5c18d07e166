package org.qinglang.app.cases;

import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.StaffRole;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.EnumSet;
import java.util.Set;

/** The console user behind a request as the core's {@link Reviewer} (审核人员): their name and staff roles. */
public final class Staff {

    private Staff() {
    }

    /** The reviewer of a console session; the roles come from its {@code ROLE_…} authorities. */
    public static Reviewer of(Authentication auth) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (GrantedAuthority a : auth.getAuthorities()) {
            String name = a.getAuthority();
            if (name.startsWith("ROLE_")) {
                for (StaffRole r : StaffRole.values()) {
                    if (r.name().equals(name.substring(5))) {
                        roles.add(r);
                    }
                }
            }
        }
        return new Reviewer(auth.getName(), roles);
    }
}
