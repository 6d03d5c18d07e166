package org.qinglang.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoldingTest {

    private final Folding folding = Folding.standard();

    @Test
    void foldsWidthCaseAndCompatibilityForms() {
        assertThat(folding.foldString("ＦＵＣＫ")).isEqualTo("fuck");
        assertThat(folding.foldString("Ⓕⓤⓒⓚ")).isEqualTo("fuck");
        assertThat(folding.foldString("⼥")).isEqualTo("女"); // Kangxi radical
    }

    @Test
    void foldsMathematicalAlphanumericsOutsideTheBmp() {
        assertThat(folding.foldString("𝐟𝐮𝐜𝐤")).isEqualTo("fuck");
        assertThat(folding.foldString("🄰🅂🅂")).as("squared capitals, through NFKC").isEqualTo("ass");
        assertThat(folding.foldString("🅰🆂🆂")).as("negative squared capitals, which NFKC leaves").isEqualTo("ass");
        assertThat(folding.foldString("🅐🅢🅢")).as("negative circled capitals").isEqualTo("ass");
        assertThat(folding.kind(0x1F170)).isEqualTo(CharKind.LATIN);
        assertThat(folding.kind("𝐟".codePointAt(0))).isEqualTo(CharKind.LATIN);
    }

    @Test
    void foldsTraditionalToSimplified() {
        assertThat(folding.foldString("廢物媽")).isEqualTo("废物妈");
    }

    @Test
    void foldsCuratedVariantsAndLatinLookAlikes() {
        assertThat(folding.foldString("伱")).isEqualTo("你");
        assertThat(folding.foldString("屄")).isEqualTo("逼");
        assertThat(folding.foldString("fаck")).isEqualTo("fack"); // Cyrillic а
        assertThat(folding.foldString("ρορ")).isEqualTo("pop");   // Greek
    }

    @Test
    void leavesCommonCharactersApart() {
        // a rare look-alike folds to the common character, but two common characters never merge
        assertThat(folding.foldString("龙")).isEqualTo("龙");
        assertThat(folding.foldString("笼")).isEqualTo("笼");
        assertThat(folding.foldString("日曰")).isEqualTo("日曰");
    }

    @Test
    void classifiesCharacters() {
        assertThat(folding.kind('傻')).isEqualTo(CharKind.CJK);
        assertThat(folding.kind('A')).isEqualTo(CharKind.LATIN);
        assertThat(folding.kind('７')).isEqualTo(CharKind.DIGIT);
        assertThat(folding.kind('。')).isEqualTo(CharKind.BREAK);
        assertThat(folding.kind('\n')).isEqualTo(CharKind.BREAK);
        assertThat(folding.kind('.')).isEqualTo(CharKind.NOISE);
        assertThat(folding.kind(' ')).isEqualTo(CharKind.NOISE);
        assertThat(folding.kind("😂".codePointAt(0))).isEqualTo(CharKind.NOISE);
        assertThat(folding.kind('\u200b')).isEqualTo(CharKind.DROP); // zero-width space
        assertThat(folding.kind('\u202e')).isEqualTo(CharKind.DROP); // bidi override
        assertThat(folding.kind('\ufe0f')).isEqualTo(CharKind.DROP); // variation selector
        assertThat(folding.kind('\ud800')).isEqualTo(CharKind.NOISE); // lone surrogate
    }
}
