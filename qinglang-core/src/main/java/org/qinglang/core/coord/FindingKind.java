package org.qinglang.core.coord;

import java.util.Locale;

/** The shape of a coordination finding. */
public enum FindingKind {
    /** 复制粘贴式刷评: many accounts posting near-identical texts. */
    COPY_PASTE,
    /** 同步行为: accounts acting on the same targets in the same windows. */
    SYNCHRONISED,
    /** 稠密子图: a dense block of accounts × targets. */
    DENSE_BLOCK,
    /** 刷分: a manipulated rating of one item. */
    RATING_MANIPULATION,
    /** 刷榜: a trending target whose rise is carried by a group. */
    HOT_LIST,
    /** 换马甲: a sanctioned group back with new accounts. */
    RETURNING_GROUP;

    /** The wire name, e.g. {@code "copy_paste"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
