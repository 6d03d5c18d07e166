package org.qinglang.core.enforce;

import org.qinglang.core.verdict.RiskLevel;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious an offence (违规情节) is: what strikes weigh and cases sort by. A reviewer, or a verdict's
 * risk level, sets it.
 */
public enum OffenceSeverity {
    /** 轻微: a single rude remark, vulgarity without a target. */
    MINOR("轻微", "minor"),
    /** 一般: an insult aimed at a person, a misleading claim. */
    MODERATE("一般", "moderate"),
    /** 严重: threats, humiliation, doxxing, taking part in a pile-on, fraud. */
    SERIOUS("严重", "serious"),
    /** 特别严重: a suspected crime — the case goes to the police. */
    GRAVE("特别严重", "grave");

    private final String zh;
    private final String en;

    OffenceSeverity(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The label in {@code locale}. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** The name used in JSON and files: lower case. */
    public String id() {
        return Texts.id(this);
    }

    /**
     * The severity of a verdict's risk level, for a {@link CaseSignal.Detection}: high is serious, medium
     * moderate, low minor; none is no offence (empty). Grave is never automatic: a person decides it.
     */
    public static Optional<OffenceSeverity> of(RiskLevel risk) {
        return switch (risk) {
            case HIGH -> Optional.of(SERIOUS);
            case MEDIUM -> Optional.of(MODERATE);
            case LOW -> Optional.of(MINOR);
            case NONE -> Optional.empty();
        };
    }

    /** The severity named {@code id} (case-insensitive). */
    public static OffenceSeverity fromId(String id) {
        return Texts.fromId(OffenceSeverity.class, id, "severity");
    }
}
