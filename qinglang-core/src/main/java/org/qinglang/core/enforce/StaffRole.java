package org.qinglang.core.enforce;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles of governance staff (岗位) and what each may do. Duties are kept apart: the people who decide
 * are not the people who configure the rules or manage staff, and an auditor only reads.
 *
 * <pre>
 * role                 read  decide  severe  batch  appeal  reassign  police  configure  staff
 * reviewer              x      x
 * senior-reviewer       x      x       x       x      x        x
 * compliance-officer    x                                               x        x
 * auditor               x
 * admin                 x                                                                 x
 * </pre>
 */
public enum StaffRole {
    /** 审核员: decides ordinary cases. */
    REVIEWER("审核员", "reviewer", EnumSet.of(Permission.READ, Permission.DECIDE)),
    /** 高级审核员: also severe and batch decisions, appeals, and putting others' claimed cases back in the queue. */
    SENIOR_REVIEWER("高级审核员", "senior reviewer", EnumSet.of(Permission.READ, Permission.DECIDE,
            Permission.DECIDE_SEVERE, Permission.BATCH_DECIDE, Permission.DECIDE_APPEAL, Permission.REASSIGN)),
    /** 合规专员: answers to the regulator; refers cases to the police and owns the policy configuration. */
    COMPLIANCE_OFFICER("合规专员", "compliance officer", EnumSet.of(Permission.READ, Permission.REFER_TO_POLICE,
            Permission.CONFIGURE_POLICY)),
    /** 审计员: reads everything, changes nothing. */
    AUDITOR("审计员", "auditor", EnumSet.of(Permission.READ)),
    /** 管理员: manages staff accounts; decides nothing. */
    ADMIN("管理员", "administrator", EnumSet.of(Permission.READ, Permission.MANAGE_STAFF));

    private final String zh;
    private final String en;
    private final Set<Permission> permissions;

    StaffRole(String zh, String en, Set<Permission> permissions) {
        this.zh = zh;
        this.en = en;
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    /** The label in {@code locale}. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** What this role may do. */
    public Set<Permission> permissions() {
        return permissions;
    }

    /** True if this role grants {@code permission}. */
    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** True if any of {@code roles} grants {@code permission}. */
    public static boolean anyMay(Set<StaffRole> roles, Permission permission) {
        for (StaffRole r : roles) {
            if (r.may(permission)) {
                return true;
            }
        }
        return false;
    }

    /** The name used in JSON and files: lower case with hyphens ({@code senior-reviewer}). */
    public String id() {
        return Texts.id(this);
    }

    /** The role named {@code id} ({@link #id()} or the enum name, case-insensitive). */
    public static StaffRole fromId(String id) {
        return Texts.fromId(StaffRole.class, id, "staff role");
    }
}
