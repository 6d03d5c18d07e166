package org.qinglang.core.lexicon;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a text holds, a scan returns hits with sane offsets and never throws. */
class RobustnessPropertiesTest {

    private static final FeatureLibrary LIB = FeatureLibrary.compile(List.of(
            LibraryFile.parseEntry("傻逼 | channels=+initials,+split | aliases=煞笔", "辱骂"),
            LibraryFile.parseEntry("你妈死了 | channels=+initials", "辱骂"),
            LibraryFile.parseEntry("fuck", "辱骂"),
            LibraryFile.parseEntry("黄片 | exempt=三黄片", "色情"),
            LibraryFile.parseEntry("麻痹", "辱骂")));

    @Property(tries = 2000)
    void anyTextScansWithOffsetsInsideIt(@ForAll("nastyText") String text) {
        for (Hit h : LIB.scan(text)) {
            assertThat(h.start()).isBetween(0, text.length());
            assertThat(h.end()).isBetween(h.start() + 1, text.length());
            assertThat(h.matched()).isEqualTo(text.substring(h.start(), h.end()));
        }
    }

    @Property(tries = 20)
    void hugeTextsScan(@ForAll @IntRange(min = 100_000, max = 400_000) int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append("你个傻1逼，shabi 😂\u200b\ud800 nmsl。");
        }
        assertThat(LIB.scan(sb)).isNotEmpty();
    }

    @Provide
    Arbitrary<String> nastyText() {
        Arbitrary<Character> pieces = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f'),               // control characters
                Arbitraries.chars().range('\ud800', '\udfff'),               // lone surrogates
                Arbitraries.chars().range('\u4e00', '\u9fff'),               // Han
                Arbitraries.of('傻', '逼', '煞', '笔', '黄', '片', '三', '麻', '痹', '你', '妈', '死', '了'),
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.of(' ', '.', '。', '!', '\u200b', '\u202e', '\ufe0f', '\ufeff', '１', 'Ａ'),
                Arbitraries.chars());
        return pieces.list().ofMaxSize(200).map(cs -> {
            StringBuilder sb = new StringBuilder();
            cs.forEach(sb::append);
            return sb.toString();
        });
    }
}
