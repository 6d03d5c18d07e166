package org.qinglang.core.enforce;

import java.util.Locale;

/**
 * The part an account played in a pile-on (网暴中的角色), as the pile-on monitor names it. The
 * cyberviolence rules single out those who start, repeat or incite: they step up the ladder faster and
 * get no 容错. Use {@link #PARTICIPANT} for an offence outside any pile-on.
 */
public enum OffenderRole {
    /** 首发: the first to post the attack. */
    FIRST_POSTER("首发者", "first poster"),
    /** 反复发布: posted the attack again and again. */
    REPEAT_POSTER("反复发布者", "repeat poster"),
    /** 煽动: called on others to join. */
    INCITER("煽动者", "inciter"),
    /** 参与: took part, or acted alone outside a pile-on. */
    PARTICIPANT("参与者", "participant");

    private final String zh;
    private final String en;

    OffenderRole(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The label in {@code locale}. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** The name used in JSON and files: lower case with hyphens ({@code first-poster}). */
    public String id() {
        return Texts.id(this);
    }

    /** The role named {@code id} ({@link #id()} or the enum name, case-insensitive). */
    public static OffenderRole fromId(String id) {
        return Texts.fromId(OffenderRole.class, id, "role");
    }
}
