package org.qinglang.core.lexicon;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EvasionGeneratorTest {

    private static final Entry SB = LibraryFile.parseEntry("傻逼 | channels=+initials,+split | aliases=煞笔", "辱骂");
    private static final Entry NMSL = LibraryFile.parseEntry("你妈死了 | channels=+initials", "辱骂");
    private static final Entry TRASH = LibraryFile.parseEntry("垃圾人", "辱骂");
    private static final FeatureLibrary LIB = FeatureLibrary.compile(List.of(SB, NMSL, TRASH));

    @Test
    void theSameSeedGivesTheSameVariants() {
        EvasionGenerator g = EvasionGenerator.standard();
        assertThat(g.variants(SB, 3, 5)).isEqualTo(g.variants(SB, 3, 5));
    }

    @Test
    void coversEveryClassThatAppliesToAnEntry() {
        Map<EvasionGenerator.Evasion, List<String>> byClass = EvasionGenerator.standard().variants(SB, 2, 1).stream()
                .collect(Collectors.groupingBy(EvasionGenerator.Variant::evasion,
                        Collectors.mapping(EvasionGenerator.Variant::text, Collectors.toList())));
        assertThat(byClass.keySet()).contains(EvasionGenerator.Evasion.NOISE, EvasionGenerator.Evasion.HOMOPHONE,
                EvasionGenerator.Evasion.PINYIN_LATIN, EvasionGenerator.Evasion.INITIALS,
                EvasionGenerator.Evasion.SPLIT, EvasionGenerator.Evasion.ALIAS, EvasionGenerator.Evasion.VARIANT);
        assertThat(byClass.get(EvasionGenerator.Evasion.INITIALS)).contains("sb");
        assertThat(byClass.get(EvasionGenerator.Evasion.ALIAS)).contains("煞笔");
        assertThat(EvasionGenerator.standard().variants(NMSL, 1, 1)).extracting(EvasionGenerator.Variant::evasion)
                .contains(EvasionGenerator.Evasion.TRADITIONAL);
    }

    @Test
    void nearSoundsIncludeEnAndEngAndTheLibraryCatchesThem() {
        Entry rubbish = LibraryFile.parseEntry("人渣", "辱骂"); // ren zha: ren → reng
        List<String> near = EvasionGenerator.standard().variants(rubbish, 20, 7).stream()
                .filter(v -> v.evasion() == EvasionGenerator.Evasion.NEAR_SOUND).map(EvasionGenerator.Variant::text)
                .toList();
        assertThat(near).anyMatch(t -> t.contains("reng"));
        FeatureLibrary lib = FeatureLibrary.compile(List.of(rubbish));
        for (String t : near) {
            assertThat(lib.scan("你就是个" + t + "吧")).as(t).anySatisfy(h -> assertThat(h.term()).isEqualTo("人渣"));
        }
    }

    /** Property: whatever the seed, the library catches what the generator makes, inside a sentence. */
    @Property(tries = 60)
    void theLibraryCatchesGeneratedEvasions(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        for (Entry e : List.of(SB, NMSL, TRASH)) {
            for (EvasionGenerator.Variant v : EvasionGenerator.standard().variants(e, 2, seed)) {
                String sentence = "我觉得你就是" + v.text() + "，别说了";
                assertThat(LIB.scan(sentence)).as("%s (%s)", v.text(), v.evasion())
                        .anySatisfy(h -> assertThat(h.term()).isEqualTo(e.term()));
            }
        }
    }
}
