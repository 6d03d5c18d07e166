package org.qinglang.core.enforce;

import java.util.Locale;
import java.util.Objects;

/**
 * The answer of an appeal rule: allowed, or refused with a reason a person can read.
 *
 * @param allowed true if allowed
 * @param code    a stable code for the refusal ({@code ""} when allowed): {@code too-early}, {@code late},
 *                {@code same-decider}, {@code not-permitted}
 * @param zh      the reason in Chinese ({@code ""} when allowed)
 * @param en      the reason in English ({@code ""} when allowed)
 */
public record AppealCheck(boolean allowed, String code, String zh, String en) {

    private static final AppealCheck OK = new AppealCheck(true, "", "", "");

    public AppealCheck {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** Allowed. */
    public static AppealCheck ok() {
        return OK;
    }

    /** Refused, with a code and the reason in both languages. */
    public static AppealCheck refused(String code, String zh, String en) {
        return new AppealCheck(false, code, zh, en);
    }

    /** The reason in {@code locale}. */
    public String reason(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }
}
