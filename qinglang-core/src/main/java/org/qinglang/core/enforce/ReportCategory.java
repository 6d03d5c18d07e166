package org.qinglang.core.enforce;

import java.util.Locale;

/**
 * What a report (举报) is about: a short fixed list a person understands at a glance, in the order a report
 * form shows it. {@link #OTHER} takes everything else.
 */
public enum ReportCategory {
    /** 网络暴力: insults, threats, pile-ons, humiliation aimed at a person. */
    CYBERVIOLENCE("网络暴力", "Cyberviolence"),
    /** 谣言: false information presented as fact. */
    RUMOUR("谣言", "Rumour"),
    /** 色情低俗: pornographic or vulgar content. */
    PORNOGRAPHY("色情低俗", "Pornography or vulgarity"),
    /** 诈骗: fraud and scams. */
    FRAUD("诈骗", "Fraud"),
    /** 水军刷量: paid troll armies, fake likes, reviews and reposts. */
    FAKE_ENGAGEMENT("水军刷量", "Troll army or fake engagement"),
    /** 泄露隐私/人肉: publishing someone's personal information (doxxing, 人肉搜索). */
    DOXXING("泄露隐私/人肉", "Doxxing or privacy leak"),
    /** 违法违禁: other illegal or prohibited content (weapons, drugs, gambling …). */
    ILLEGAL("违法违禁", "Illegal or prohibited"),
    /** 未成年人相关: anything harmful to or about minors. */
    MINORS("未成年人相关", "Harm to minors"),
    /** 其他: anything else. */
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    ReportCategory(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The Chinese label shown to users. */
    public String zh() {
        return zh;
    }

    /** The English label. */
    public String en() {
        return en;
    }

    /** The label in {@code locale}: English for an English locale, Chinese otherwise. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** The name used in JSON and files: lower case with hyphens ({@code fake-engagement}). */
    public String id() {
        return Texts.id(this);
    }

    /**
     * True for the categories treated as cyberviolence when ordering cases: {@link #CYBERVIOLENCE} and
     * {@link #DOXXING} (人肉搜索 is one of the forms of 网络暴力信息 the regulation names).
     */
    public boolean cyberviolence() {
        return this == CYBERVIOLENCE || this == DOXXING;
    }

    /** The category named {@code id} ({@link #id()}, the enum name, or the Chinese label). */
    public static ReportCategory fromId(String id) {
        for (ReportCategory c : values()) {
            if (c.zh.equals(id.strip())) {
                return c;
            }
        }
        return Texts.fromId(ReportCategory.class, id, "report category");
    }
}
