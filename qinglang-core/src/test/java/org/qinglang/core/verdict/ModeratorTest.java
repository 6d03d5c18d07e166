package org.qinglang.core.verdict;

import org.junit.jupiter.api.Test;
import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.AbuseScore;
import org.qinglang.core.classify.Mode;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModeratorTest {

    private static final FeatureLibrary LIBRARY = FeatureLibrary.compile(List.of(
            LibraryFile.parseEntry("傻逼 | severity=high", "辱骂"),
            LibraryFile.parseEntry("废物 | severity=medium", "辱骂"),
            LibraryFile.parseEntry("约炮 | severity=high", "色情")));

    /** A model stub: a fixed score per text, {@code fallback} for every other text. */
    private record Stub(Map<String, Double> scores, double fallback) implements AbuseClassifier {
        Stub(double fallback) {
            this(Map.of(), fallback);
        }

        @Override
        public Mode mode() {
            return Mode.FAST;
        }

        @Override
        public AbuseScore score(String text) {
            double s = scores.getOrDefault(text, fallback);
            return new AbuseScore(s, s >= 0.5 ? 1 : 0);
        }
    }

    private static Moderator moderator(double modelScore) {
        return new Moderator(LIBRARY, new Stub(modelScore), Thresholds.defaults());
    }

    private static Context ctx(Context.Relation relation, int ageDays, String scene) {
        return new Context(relation, ageDays, scene);
    }

    @Test
    void aTextWithoutWordsPassesWhateverTheModelSays() {
        Moderator m = moderator(0.99);
        for (String t : List.of("??", "@", "……", "[偷笑][偷笑][偷笑]", "！！！ [怒]", "", "[]")) {
            Verdict v = m.check(t, ctx(Context.Relation.STRANGER, 1, "comment"));
            assertThat(v.suggestion()).as(t).isEqualTo(Suggestion.PASS);
            assertThat(v.riskLevel()).as(t).isEqualTo(RiskLevel.NONE);
            assertThat(v.labels()).as(t).isEmpty();
        }
        // a word, a digit or a letter is enough for the model to be asked; so is a broken emoji code
        for (String t : List.of("就是", "@张三", "6", "[偷笑]滚", "[偷笑", "[超过八个字符的表情名称]")) {
            assertThat(m.check(t, Context.none()).suggestion()).as(t).isEqualTo(Suggestion.BLOCK);
        }
    }

    @Test
    void hasWordsSkipsOnlyWellFormedEmojiCodes() {
        assertThat(Moderator.hasWords("[doge][二哈]??")).isFalse();
        assertThat(Moderator.hasWords("[[doge]")).isFalse(); // a stray "[", then the code [doge]
        assertThat(Moderator.hasWords("[doge")).isTrue(); // not closed: a word
        assertThat(Moderator.hasWords("🐶🐶")).isFalse();
        assertThat(Moderator.hasWords("𝐟")).isTrue(); // a letter outside the BMP
    }

    @Test
    void anExactHighSeverityInsultBlocksEvenWhenTheModelDisagrees() {
        Verdict v = moderator(0.1).check("你就是个傻逼", Context.none());
        assertThat(v.suggestion()).isEqualTo(Suggestion.BLOCK);
        assertThat(v.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(v.labels()).hasSize(1);
        Label l = v.labels().get(0);
        assertThat(l.label()).isEqualTo("辱骂");
        assertThat(l.subLabel()).isEqualTo("傻逼");
        assertThat(l.score()).isCloseTo(0.1, within(1e-9));
        assertThat(l.hits()).singleElement().satisfies(h -> {
            assertThat(h.channel()).isEqualTo(Channel.EXACT);
            assertThat(h.start()).isEqualTo(4);
            assertThat(h.end()).isEqualTo(6);
        });
        assertThat(v.warnBeforePost()).isFalse(); // no scene: nobody to warn
    }

    @Test
    void aFuzzyOnlyHitWithALowModelScoreGoesToReviewNotBlock() {
        Verdict v = moderator(0.2).check("你就是个shabi", Context.none());
        assertThat(v.labels()).singleElement().satisfies(l ->
                assertThat(l.hits()).allSatisfy(h -> assertThat(h.channel().isFuzzy()).isTrue()).isNotEmpty());
        assertThat(v.suggestion()).isEqualTo(Suggestion.REVIEW);
        assertThat(v.riskLevel()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void aFuzzyHitBlocksWhenTheModelAgrees() {
        Verdict v = moderator(0.95).check("你就是个shabi", Context.none());
        assertThat(v.suggestion()).isEqualTo(Suggestion.BLOCK);
    }

    @Test
    void aStrangersTextScoresHigherThanTheSameTextBetweenMutualFollows() {
        Moderator m = moderator(0.55);
        String text = "这种人就该闭嘴";
        Verdict stranger = m.check(text, ctx(Context.Relation.STRANGER, 400, "comment"));
        Verdict mutual = m.check(text, ctx(Context.Relation.MUTUAL, 400, "comment"));
        assertThat(stranger.labels().get(0).score()).isCloseTo(0.65, within(1e-9));
        assertThat(stranger.suggestion()).isEqualTo(Suggestion.REVIEW);
        assertThat(stranger.warnBeforePost()).isTrue();
        // 0.55 - 0.10 = 0.45: below the review threshold, so it passes with no label
        assertThat(mutual.suggestion()).isEqualTo(Suggestion.PASS);
        assertThat(mutual.labels()).isEmpty();
        assertThat(mutual.warnBeforePost()).isFalse();
        // self weighs least, a follower in between
        assertThat(m.check(text, ctx(Context.Relation.FOLLOWER, 400, "")).labels().get(0).score())
                .isCloseTo(0.60, within(1e-9));
        assertThat(Moderator.contextShift(ctx(Context.Relation.SELF, 400, ""))).isEqualTo(-0.2);
    }

    @Test
    void newAccountsWeighMore() {
        Moderator m = moderator(0.84);
        Verdict old = m.check("你给我等着", ctx(Context.Relation.STRANGER, 30, "dm"));
        Verdict fresh = m.check("你给我等着", ctx(Context.Relation.STRANGER, 2, "dm"));
        assertThat(old.labels().get(0).score()).isCloseTo(0.94, within(1e-9));
        assertThat(fresh.labels().get(0).score()).isCloseTo(0.99, within(1e-9));
        // and the extra weight can cross a threshold
        Moderator n = moderator(0.4);
        assertThat(n.check("你给我等着", ctx(Context.Relation.UNKNOWN, 30, "dm")).suggestion())
                .isEqualTo(Suggestion.PASS);
        assertThat(n.check("你给我等着", ctx(Context.Relation.STRANGER, 3, "dm")).suggestion())
                .isEqualTo(Suggestion.REVIEW);
    }

    @Test
    void theScoreIsClampedToZeroOne() {
        assertThat(moderator(0.98).check("滚", ctx(Context.Relation.STRANGER, 1, "post")).labels().get(0).score())
                .isEqualTo(1.0);
        assertThat(moderator(0.05).check("傻逼", ctx(Context.Relation.SELF, 1, "post")).labels().get(0).score())
                .isEqualTo(0.0);
    }

    @Test
    void anInnocentTextPasses() {
        Verdict v = moderator(0.03).check("今天天气很好，我们去公园散步吧", ctx(Context.Relation.STRANGER, 2, "comment"));
        assertThat(v.suggestion()).isEqualTo(Suggestion.PASS);
        assertThat(v.riskLevel()).isEqualTo(RiskLevel.NONE);
        assertThat(v.labels()).isEmpty();
        assertThat(v.warnBeforePost()).isFalse();
    }

    @Test
    void thresholdsComeFromTheThresholdsObject() {
        AbuseClassifier model = new Stub(0.6);
        String text = "你怎么还不走";
        Context comment = ctx(Context.Relation.UNKNOWN, Context.UNKNOWN_AGE, "comment");
        assertThat(new Moderator(LIBRARY, model, Thresholds.defaults()).check(text, comment).suggestion())
                .isEqualTo(Suggestion.REVIEW);
        Thresholds strict = Thresholds.builder().label("辱骂", 0.3, 0.55).build();
        assertThat(new Moderator(LIBRARY, model, strict).check(text, comment).suggestion())
                .isEqualTo(Suggestion.BLOCK);
        Thresholds lenient = Thresholds.builder().defaults(0.7, 0.95).build();
        assertThat(new Moderator(LIBRARY, model, lenient).check(text, comment).suggestion())
                .isEqualTo(Suggestion.PASS);
        // per scene: the same text blocks in danmaku only
        Thresholds perScene = Thresholds.builder().labelInScene("辱骂", "danmaku", 0.3, 0.55).build();
        Moderator m = new Moderator(LIBRARY, model, perScene);
        assertThat(m.check(text, comment).suggestion()).isEqualTo(Suggestion.REVIEW);
        assertThat(m.check(text, ctx(Context.Relation.UNKNOWN, Context.UNKNOWN_AGE, "danmaku")).suggestion())
                .isEqualTo(Suggestion.BLOCK);
        // a fuzzy hit with a model that agrees under the configured block threshold
        Thresholds low = Thresholds.builder().label("辱骂", 0.3, 0.5).build();
        assertThat(new Moderator(LIBRARY, new Stub(0.52), low).check("shabi", Context.none()).suggestion())
                .isEqualTo(Suggestion.BLOCK);
        assertThat(new Moderator(LIBRARY, new Stub(0.52), Thresholds.defaults()).check("shabi", Context.none())
                .suggestion()).isEqualTo(Suggestion.REVIEW);
    }

    @Test
    void thresholdLookupGoesFromPairToLabelToSceneToDefaults() {
        Thresholds t = Thresholds.builder().defaults(0.4, 0.8).label("色情", 0.3, 0.6).scene("dm", 0.2, 0.7)
                .labelInScene("色情", "dm", 0.1, 0.5).build();
        assertThat(t.of("色情", "dm")).isEqualTo(new Thresholds.Level(0.1, 0.5));
        assertThat(t.of("色情", "comment")).isEqualTo(new Thresholds.Level(0.3, 0.6));
        assertThat(t.of("辱骂", "DM")).isEqualTo(new Thresholds.Level(0.2, 0.7));
        assertThat(t.of("辱骂", "")).isEqualTo(new Thresholds.Level(0.4, 0.8));
        assertThatThrownBy(() -> Thresholds.builder().defaults(0.9, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hitsOfSeveralCategoriesGiveOneLabelEachMostSevereFirst() {
        Verdict v = moderator(0.1).check("废物，约炮吗", Context.none());
        assertThat(v.suggestion()).isEqualTo(Suggestion.BLOCK);
        assertThat(v.labels()).extracting(Label::label).containsExactly("色情", "辱骂");
        assertThat(v.labels().get(1).subLabel()).isEqualTo("废物");
    }

    @Test
    void aBadContextIsRejected() {
        assertThatThrownBy(() -> new Context(Context.Relation.STRANGER, -5, "comment"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Context(Context.Relation.STRANGER, 3, "chatroom"))
                .hasMessageContaining("unknown scene");
        assertThatThrownBy(() -> Context.Relation.fromId("enemy")).hasMessageContaining("unknown relation");
        assertThat(Context.Relation.fromId("Mutual")).isEqualTo(Context.Relation.MUTUAL);
    }

    @Test
    void theShippedModelAndDefaultLibraryBlockAnObviousInsultAndPassSmallTalk() {
        Moderator m = new Moderator(FeatureLibrary.compile(LibraryFile.defaultLibrary().entries()),
                ShippedModel.fast(), Thresholds.defaults());
        Context c = ctx(Context.Relation.STRANGER, 1, "comment");
        Verdict insult = m.check("你就是个傻逼，滚出去", c);
        assertThat(insult.suggestion()).isEqualTo(Suggestion.BLOCK);
        assertThat(insult.warnBeforePost()).isTrue();
        assertThat(m.check("今天天气很好，我们去公园散步吧", c).suggestion()).isEqualTo(Suggestion.PASS);
    }
}
