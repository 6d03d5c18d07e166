package org.qinglang.app.security;

import java.util.Locale;

/** What an API key may do (接口权限范围); a key has one or more. */
public enum Scope {
    /** 检测: {@code POST /api/v1/text/check}. */
    CHECK,
    /** 接入: {@code POST /api/v1/events}. */
    INGEST,
    /** 举报: filing reports and reading their outcome (the workflow endpoints). */
    REPORT,
    /** 管理: API keys and the metrics. */
    ADMIN,
    /**
     * 防护: one-click protection (一键防护) settings and decisions, the prominent prompt (显著提示) and evidence
     * capture (一键取证) for the platform's users ({@code /api/v1/protection/**}, {@code /api/v1/evidence/**}).
     */
    PROTECT;

    /** The id on the wire and in the database: {@code ingest}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring authority of this scope: {@code SCOPE_ingest}. */
    public String authority() {
        return "SCOPE_" + id();
    }

    /** The scope of {@code id}; throws naming the scopes if there is none. */
    public static Scope fromId(String id) {
        for (Scope s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + id + "': use one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Scope::id).toList()));
    }
}
