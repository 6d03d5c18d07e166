package org.qinglang.app.security;

import java.util.Locale;

/** The role of a console user (控制台角色); each user has one. */
public enum Role {
    /** 审核员: works the review queues. */
    REVIEWER("审核员"),
    /** 高级审核员: a reviewer who also decides appeals. */
    SENIOR_REVIEWER("高级审核员"),
    /** 合规专员: statistics, statements of reasons, regulator-facing records. */
    COMPLIANCE_OFFICER("合规专员"),
    /** 审计员: reads everything, changes nothing. */
    AUDITOR("审计员（只读）"),
    /** 管理员: users, API keys and settings. */
    ADMIN("管理员");

    private final String zh;

    Role(String zh) {
        this.zh = zh;
    }

    /** The id used in the database and on the wire: {@code senior-reviewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The Chinese name. */
    public String zh() {
        return zh;
    }

    /** The role of {@code id}; throws naming the roles if there is none. */
    public static Role fromId(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "': use reviewer, senior-reviewer, "
                + "compliance-officer, auditor or admin");
    }
}
