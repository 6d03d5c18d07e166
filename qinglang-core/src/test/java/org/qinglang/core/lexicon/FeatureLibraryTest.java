package org.qinglang.core.lexicon;

import org.junit.jupiter.api.Test;
import org.qinglang.core.text.PinyinTable;
import org.qinglang.core.text.WordList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureLibraryTest {

    private static final FeatureLibrary LIB = FeatureLibrary.compile(List.of(
            LibraryFile.parseEntry("傻逼 | severity=high | channels=+initials,+split | aliases=煞笔", "辱骂"),
            LibraryFile.parseEntry("垃圾人", "辱骂"),
            LibraryFile.parseEntry("垃圾", "辱骂"),
            LibraryFile.parseEntry("废物", "辱骂"),
            LibraryFile.parseEntry("口交", "色情"),
            LibraryFile.parseEntry("黄片 | exempt=三黄片", "色情"),
            LibraryFile.parseEntry("你妈死了 | channels=+initials", "辱骂"),
            LibraryFile.parseEntry("狗东西", "辱骂"),
            LibraryFile.parseEntry("麻痹", "辱骂"),
            LibraryFile.parseEntry("fuck", "辱骂"),
            LibraryFile.parseEntry("ass", "辱骂"),
            LibraryFile.parseEntry("sex", "色情"),
            LibraryFile.parseEntry("sexy", "色情"),
            LibraryFile.parseEntry("张三疯 | channels=+split", "测试"),
            LibraryFile.parseEntry("好人卡 | channels=+split", "测试"),
            LibraryFile.parseEntry("女儿在美", "测试"),
            LibraryFile.parseEntry("第一个女儿", "测试"),
            LibraryFile.parseEntry("台湾大陆", "测试")));

    /** The one hit of {@code term} in {@code text}, as "channel start-end matched". */
    private static List<String> hits(String text) {
        return LIB.scan(text).stream().map(h -> h.term() + " " + h.channel().id() + " " + h.start() + "-" + h.end()
                + " " + h.matched()).toList();
    }

    @Test
    void exact() {
        //      你个傻逼
        //      0 1 2 3 4
        //          [   )
        assertThat(hits("你个傻逼")).containsExactly("傻逼 exact 2-4 傻逼");
    }

    @Test
    void aTermWithASupplementaryCharacterIsFoundExactly() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(Entry.of("𨳒"), Entry.of("𨳒你")));
        assertThat(lib.scan("我𨳒你啊")).extracting(h -> h.term() + " " + h.channel().id() + " " + h.start() + "-" + h.end())
                .containsExactly("𨳒 exact 1-3", "𨳒你 exact 1-4");
    }

    @Test
    void aSplitEntryWithASupplementaryCharacterCompilesAndTheLibraryWithIt() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(LibraryFile.parseEntry("好𠮷 | channels=+split", "t"),
                Entry.of("傻逼")));
        assertThat(lib.scan("好𠮷")).extracting(Hit::channel).containsExactly(Channel.EXACT);
        assertThat(lib.scan("你个傻逼")).isNotEmpty();
    }

    @Test
    void anExemptionHoldsInAnExactOnlyLibrary() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(LibraryFile.parseEntry("黄片 | exempt=三黄片", "色情")),
                EnumSet.of(Channel.EXACT));
        assertThat(lib.scan("三黄片")).isEmpty();
        assertThat(lib.scan("看黄片")).extracting(Hit::start).containsExactly(1);
    }

    @Test
    void foldedWidthCaseTraditionalVariants() {
        assertThat(hits("ＦＵＣＫ")).containsExactly("fuck folded 0-4 ＦＵＣＫ");
        assertThat(hits("𝐟𝐮𝐜𝐤")).containsExactly("fuck folded 0-8 𝐟𝐮𝐜𝐤"); // 4 surrogate pairs
        assertThat(hits("廢物")).containsExactly("废物 folded 0-2 廢物");
        assertThat(hits("傻屄")).containsExactly("傻逼 folded 0-2 傻屄");
    }

    @Test
    void foldedNoiseWithinABoundedGap() {
        //      你个傻1逼   麻。。。痹   狗.东西
        assertThat(hits("你个傻1逼")).containsExactly("傻逼 folded 2-5 傻1逼");
        assertThat(hits("麻。。。痹")).containsExactly("麻痹 folded 0-5 麻。。。痹");
        assertThat(hits("狗.东西")).containsExactly("狗东西 folded 0-4 狗.东西");
        assertThat(hits("f u c k")).containsExactly("fuck folded 0-7 f u c k");
        assertThat(hits("傻\u200b逼")).containsExactly("傻逼 folded 0-3 傻\u200b逼");
        assertThat(hits("傻😂😂逼")).containsExactly("傻逼 folded 0-6 傻😂😂逼");
        // digits inside a Latin word stand for letters (leet); elsewhere they stay digits
        assertThat(hits("s3x")).containsExactly("sex folded 0-3 s3x");
        assertThat(hits("f00ck")).isEmpty();
        assertThat(hits("a$$ and 4ss")).isEmpty();
        assertThat(hits("sh4bi")).containsExactly("傻逼 pinyin 0-5 sh4bi");
        assertThat(hits("5b")).isEmpty();
        // too much noise, or a sentence ends in between: not one word any more
        assertThat(hits("傻.....逼")).isEmpty();
        assertThat(hits("我家的狗。东西都被咬坏了")).isEmpty();
    }

    @Test
    void pinyinHomophonesLatinAndMixed() {
        assertThat(hits("这个辣鸡游戏")).containsExactly("垃圾 pinyin 2-4 辣鸡");
        assertThat(hits("沸物")).containsExactly("废物 pinyin 0-2 沸物");
        assertThat(hits("你个沙比")).containsExactly("傻逼 pinyin 2-4 沙比");
        assertThat(hits("shabi")).containsExactly("傻逼 pinyin 0-5 shabi");
        assertThat(hits("sha bi")).containsExactly("傻逼 pinyin 0-6 sha bi");
        assertThat(hits("傻bi")).containsExactly("傻逼 pinyin 0-3 傻bi");
        assertThat(hits("ShaBi")).containsExactly("傻逼 pinyin 0-5 ShaBi");
        // near sounds are accepted when typed in Latin letters
        assertThat(hits("sabi")).containsExactly("傻逼 pinyin 0-4 sabi");
    }

    @Test
    void initialsSplitAndAliases() {
        assertThat(hits("nmsl")).containsExactly("你妈死了 initials 0-4 nmsl");
        assertThat(hits("n m s l")).containsExactly("你妈死了 initials 0-7 n m s l");
        assertThat(hits("SB吧")).containsExactly("傻逼 initials 0-2 SB");
        assertThat(hits("弓长三疯")).containsExactly("张三疯 split 0-4 弓长三疯");
        assertThat(hits("女子人卡")).containsExactly("好人卡 split 0-4 女子人卡");
        assertThat(hits("煞笔")).containsExactly("傻逼 alias 0-2 煞笔");
    }

    @Test
    void overlappingHitsAreAllReported() {
        assertThat(hits("你这个垃圾人")).containsExactly("垃圾 exact 3-5 垃圾", "垃圾人 exact 3-6 垃圾人");
        // Latin terms match whole words: sex is not reported inside sexy, and sexy is found beside sex
        assertThat(hits("sexy girl")).containsExactly("sexy exact 0-4 sexy");
        assertThat(hits("sex sexy")).containsExactly("sex exact 0-3 sex", "sexy exact 4-8 sexy");
    }

    @Test
    void exemptionsSuppress() {
        assertThat(hits("三黄片是中成药")).isEmpty();
        assertThat(hits("看黄片")).containsExactly("黄片 exact 1-3 黄片");
    }

    @Test
    void falsePositivesOtherLibrariesAreKnownFor() {
        assertThat(hits("路口交通拥堵")).isEmpty();            // 口交 across two words
        assertThat(hits("飞舞的蝴蝶")).isEmpty();               // sounds like 废物, but a word
        assertThat(hits("开着拖拉机")).isEmpty();               // 拉机 sounds like 垃圾, inside 拖拉机
        assertThat(hits("一个女子")).isEmpty();                 // 女子 splits 好, but is a word
        assertThat(hits("我的女儿")).isEmpty();                 // prefix of 女儿在美 / 第一个女儿
        assertThat(hits("陆家容")).isEmpty();                   // a name with the last character of 台湾大陆
        assertThat(hits("grass")).isEmpty();                   // ass inside an English word
        assertThat(hits("𝐠𝐫𝐚𝐬𝐬")).isEmpty();                    // the same in mathematical letters
        assertThat(hits("gr@ss")).isEmpty();                   // with a leet sign inside the word
        assertThat(hits("gr\u200Bass")).isEmpty();             // with an invisible character inside it
        assertThat(hits("kick ass")).hasSize(1);               // a word of its own
        assertThat(hits("你是谁")).isEmpty();
        assertThat(hits("傻逼真是的")).containsExactly("傻逼 exact 0-2 傻逼"); // 逼真 alone does not explain it
    }

    @Test
    void anEntryIsReportedOncePerPlaceOnItsMostDirectChannel() {
        // 傻逼 is found by the character automaton and by sound: one hit, exact
        assertThat(hits("傻逼")).containsExactly("傻逼 exact 0-2 傻逼");
    }

    @Test
    void exactOnlyMatchesLikeANaiveSubstringSearch() {
        Random random = new Random(7);
        String alphabet = "傻逼垃圾废物你我他好人a1 。";
        for (int round = 0; round < 300; round++) {
            List<Entry> entries = new ArrayList<>();
            Set<String> terms = new TreeSet<>();
            for (int k = 0, n = 1 + random.nextInt(12); k < n; k++) {
                String t = randomString(random, alphabet, 1 + random.nextInt(4)).strip();
                if (!t.isEmpty() && !t.startsWith("#") && terms.add(t)) {
                    entries.add(Entry.of(t));
                }
            }
            FeatureLibrary exact = FeatureLibrary.compile(entries, EnumSet.of(Channel.EXACT));
            String text = randomString(random, alphabet, random.nextInt(40));
            Set<String> expected = new TreeSet<>();
            for (String t : terms) {
                for (int i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
                    expected.add(t + "@" + i);
                }
            }
            Set<String> actual = new TreeSet<>();
            exact.scan(text).forEach(h -> {
                assertThat(h.channel()).isEqualTo(Channel.EXACT);
                assertThat(h.matched()).isEqualTo(h.term());
                actual.add(h.term() + "@" + h.start());
            });
            assertThat(actual).as("text '%s' terms %s", text, terms).isEqualTo(expected);
        }
    }

    @Test
    void everyExactHitOfTheExactMatcherIsFoundWithAllChannelsToo() {
        Random random = new Random(11);
        String alphabet = "傻逼垃圾废物你我他好人卡张三疯";
        for (int round = 0; round < 200; round++) {
            List<Entry> entries = new ArrayList<>();
            Set<String> terms = new TreeSet<>();
            for (int k = 0, n = 1 + random.nextInt(8); k < n; k++) {
                String t = randomString(random, alphabet, 3 + random.nextInt(3));
                if (terms.add(t)) {
                    entries.add(Entry.of(t));
                }
            }
            String text = randomString(random, alphabet, random.nextInt(30));
            Set<String> exact = new TreeSet<>();
            FeatureLibrary.compile(entries, EnumSet.of(Channel.EXACT)).scan(text)
                    .forEach(h -> exact.add(h.term() + "@" + h.start()));
            Set<String> all = new TreeSet<>();
            FeatureLibrary.compile(entries).scan(text).stream().filter(h -> h.channel() == Channel.EXACT)
                    .forEach(h -> all.add(h.term() + "@" + h.start()));
            assertThat(all).as("text '%s'", text).isEqualTo(exact);
        }
    }

    /**
     * Sound hits of two-character terms in Han text, against a reference that tries every place: the same
     * exact syllables as one reading of the term (by phrase or by character), not the term itself, not two
     * common characters, and not vetoed by ordinary words. The scan drops some of these before they become
     * candidates (a pair that is itself a word) and the rest when it resolves them; both must agree with the
     * reference.
     */
    @Test
    void twoCharacterSoundHitsMatchANaiveReference() {
        PinyinTable pinyin = PinyinTable.standard();
        WordList words = WordList.standard();
        Random random = new Random(23);
        String alphabet = "废物飞舞费务垃圾拉鸡辣机拖傻逼沙比笔你是历史女子好人";
        for (int round = 0; round < 300; round++) {
            List<String> terms = new ArrayList<>(List.of("废物", "垃圾", "傻逼", "历史"));
            for (int k = 0, n = random.nextInt(6); k < n; k++) {
                String t = randomString(random, alphabet, 2);
                if (!terms.contains(t)) {
                    terms.add(t);
                }
            }
            String text = randomString(random, alphabet, 2 + random.nextInt(30));
            FeatureLibrary lib = FeatureLibrary.compile(terms.stream().map(Entry::of).toList());
            Set<String> actual = new TreeSet<>();
            lib.scan(text).stream().filter(h -> h.channel() == Channel.PINYIN)
                    .forEach(h -> actual.add(h.term() + "@" + h.start() + "-" + h.end()));

            int[] lengths = terms.stream().mapToInt(String::length).toArray();
            OrdinaryWordVeto veto = new OrdinaryWordVeto(words, terms.toArray(String[]::new),
                    new String[terms.size()][0], lengths);
            char[] han = Arrays.copyOf(text.toCharArray(), text.length() + 1);
            Set<String> expected = new TreeSet<>();
            for (int e = 0; e < terms.size(); e++) {
                String term = terms.get(e);
                int[] byPhrase = pinyin.phrasePlain(term);
                for (int i = 0; i + 2 <= text.length(); i++) {
                    char a = text.charAt(i);
                    char b = text.charAt(i + 1);
                    boolean sameSound = byPhrase != null && pinyin.plainOf(a) == byPhrase[0] && pinyin.plainOf(b) == byPhrase[1]
                            || pinyin.plainOf(a) == pinyin.plainOf(term.charAt(0))
                            && pinyin.plainOf(b) == pinyin.plainOf(term.charAt(1));
                    if (sameSound && !text.startsWith(term, i)
                            && !(words.isCommonCharacter(a) && words.isCommonCharacter(b))
                            && !veto.vetoes(han, e, Channel.PINYIN, i, i + 2)) {
                        expected.add(term + "@" + i + "-" + (i + 2));
                    }
                }
            }
            assertThat(actual).as("text '%s' terms %s", text, terms).isEqualTo(expected);
        }
    }

    @Test
    void channelsCanBeSwitchedOffPerEntry() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(LibraryFile.parseEntry("垃圾 | channels=-pinyin", "x")));
        assertThat(lib.scan("辣鸡")).isEmpty();
        assertThat(lib.scan("垃圾")).hasSize(1);
    }

    @Test
    void hitsCarryTheEntrysCategoryAndSeverity() {
        Hit h = LIB.scan("你个傻逼").get(0);
        assertThat(h.category()).isEqualTo("辱骂");
        assertThat(h.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void warnsAboutChannelsAnEntryCannotUse() {
        FeatureLibrary lib = FeatureLibrary.compile(List.of(LibraryFile.parseEntry("!!! | channels=+split", "x"),
                LibraryFile.parseEntry("操 | channels=+initials", "x")));
        assertThat(lib.warnings()).anySatisfy(w -> assertThat(w).contains("'!!!' has no letters"));
        assertThat(lib.warnings()).anySatisfy(w -> assertThat(w).contains("'操' has no pinyin initials"));
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
