package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NearDuplicateClustersTest {

    static Action comment(String actor, String target, long ts, String text) {
        return new Action(actor, ActionType.COMMENT, target, ts, "", "", text, 0, 100);
    }

    @Test
    void lightlyRewordedCopiesAcrossAccountsFormOneCluster() {
        List<String> variants = List.of(
                "这家店的服务太好了，物流超快，质量一流，强烈推荐大家购买！",
                "这家店的服务太好了，物流很快，质量一流，强烈推荐大家购买",
                "這家店的服務太好了，物流超快，質量一流，強烈推薦大家購買！！",   // traditional
                "这家店的服务太好了!物流超快!质量一流!强烈推荐大家来购买!",
                "ＡＡ这家店的服务太好了，物流超快，质量一流，强烈推荐大家购买",   // full width
                "这家店服务太好了，物流超快，质量一流，强烈推荐大家购买！");
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            actions.add(comment("u" + i, "p-1", 1000 + i * 60L, variants.get(i)));
        }
        actions.add(comment("x1", "p-1", 1200, "物流太慢了，包装也破了，客服一直不回消息，差评"));
        actions.add(comment("x2", "p-2", 1300, "今天天气不错，适合出去走走，拍了很多照片"));
        actions.add(comment("x3", "p-2", 1300, "哈哈哈哈"));
        List<CoordinationFinding> found = NearDuplicateClusters.DEFAULTS.find(actions);
        assertThat(found).hasSize(1);
        CoordinationFinding f = found.get(0);
        assertThat(f.kind()).isEqualTo(FindingKind.COPY_PASTE);
        assertThat(f.members()).containsExactly("u0", "u1", "u2", "u3", "u4", "u5");
        assertThat(f.targets()).containsExactly("p-1");
        assertThat(f.from()).isEqualTo(1000);
        assertThat(f.to()).isEqualTo(1300);
        assertThat(f.evidence()).containsEntry("authors", "6").containsKey("sampleText");
    }

    @Test
    void oneAccountRepeatingItselfIsNotACampaign() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            actions.add(comment("same", "p-" + i, i, "这家店的服务太好了，物流超快，质量一流，强烈推荐大家购买！"));
        }
        assertThat(NearDuplicateClusters.DEFAULTS.find(actions)).isEmpty();
    }

    @Test
    void copiesFurtherApartThanTheWindowAreNotJoined() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            actions.add(comment("u" + i, "p", i * 10L * 86_400, "这家店的服务太好了，物流超快，质量一流，强烈推荐大家购买！"));
        }
        assertThat(NearDuplicateClusters.DEFAULTS.find(actions)).isEmpty();
    }

    static final long DAY = 86_400;
    static final NearDuplicateClusters TEXT_ONLY = new NearDuplicateClusters(3, 20, 3, 0.5, 3 * DAY, 5, 12,
            Double.MAX_VALUE, 3_600); // the concentration rule switched off: text similarity alone

    /**
     * Two weeks of a small platform: 3 000 unrelated comments (8 to 20 characters drawn from 2 000 common CJK
     * ones) by 400 accounts on 500 posts, the popular posts commented on far more than the rest.
     */
    static List<Action> background(Random r) {
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 8 + r.nextInt(13); k > 0; k--) {
                b.append((char) (0x4E00 + r.nextInt(2000)));
            }
            double u = r.nextDouble();
            out.add(comment("user-" + r.nextInt(400), "p-" + (int) (500 * u * u), (long) (r.nextDouble() * 14 * DAY),
                    b.toString()));
        }
        return out;
    }

    /** A text with one of a few light variations: a prefix, a dropped or changed character. */
    static String variant(String base, int i) {
        return switch (i % 4) {
            case 0 -> base;
            case 1 -> "真的，" + base;
            case 2 -> base.substring(1);
            default -> base.substring(0, base.length() - 2) + "了！";
        };
    }

    static List<String> members(List<CoordinationFinding> found) {
        return found.stream().flatMap(f -> f.members().stream()).sorted().toList();
    }

    @Test
    void aStockPhraseScatteredOverManyTargetsAndDaysIsNotACampaign() {
        Random r = new Random(11);
        List<Action> actions = background(r);
        List<String> wishers = IntStream.range(0, 30).mapToObj(i -> "wisher-" + i).sorted().toList();
        for (int i = 0; i < wishers.size(); i++) { // one each, under whatever post, every 11 hours or so
            double u = r.nextDouble();
            actions.add(comment(wishers.get(i), "p-" + (int) (500 * u * u), i * 11 * 3_600L + r.nextInt(3_600),
                    variant("祝福祖国繁荣昌盛，国泰民安，生日快乐！", i)));
        }
        actions.sort(Comparator.comparingLong(Action::ts));
        // by text alone the 30 wishes are one cluster of 30 authors ...
        assertThat(members(TEXT_ONLY.find(actions))).isEqualTo(wishers);
        // ... but they spread over targets and hours as any 30 comments of this platform do
        assertThat(NearDuplicateClusters.DEFAULTS.find(actions)).isEmpty();
    }

    @Test
    void aCampaignOnAFewTargetsIsOneEvenOverTwoDays() {
        Random r = new Random(12);
        List<Action> actions = background(r);
        List<String> hired = IntStream.range(0, 30).mapToObj(i -> "hired-" + i).sorted().toList();
        for (int i = 0; i < hired.size(); i++) { // two each, on 3 posts, spread over two days
            for (int j = 0; j < 2; j++) {
                actions.add(comment(hired.get(i), "p-" + (300 + r.nextInt(3)), 5 * DAY + r.nextInt((int) (2 * DAY)),
                        variant("这部剧的演员演技在线，剧情紧凑，强烈推荐大家去看！", i + j)));
            }
        }
        actions.sort(Comparator.comparingLong(Action::ts));
        List<CoordinationFinding> found = NearDuplicateClusters.DEFAULTS.find(actions);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.members()).isEqualTo(hired);
            assertThat(f.targets()).containsExactly("p-300", "p-301", "p-302");
            assertThat(f.evidence()).containsEntry("concentratedOn", "targets");
            assertThat(Double.parseDouble(f.evidence().get("targetsByChance"))).isGreaterThan(40);
        });
    }

    @Test
    void aBurstOnManyTargetsIsOneByTime() {
        Random r = new Random(13);
        List<Action> actions = background(r);
        List<String> bots = IntStream.range(0, 8).mapToObj(i -> "bot-" + i).sorted().toList();
        for (int i = 0; i < bots.size(); i++) { // an advertisement under 8 different posts within 20 minutes
            actions.add(comment(bots.get(i), "p-" + (100 + i * 7), 3 * DAY + 36_000 + i * 150L,
                    variant("加微信领取内部优惠券，全场商品一折起，名额有限先到先得", i)));
        }
        actions.sort(Comparator.comparingLong(Action::ts));
        List<CoordinationFinding> found = NearDuplicateClusters.DEFAULTS.find(actions);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.members()).isEqualTo(bots);
            assertThat(f.evidence()).containsEntry("concentratedOn", "time").containsEntry("timeCells", "1");
        });
    }

    @Test
    void similarityOfUnrelatedTextsIsLow() {
        NearDuplicateClusters d = NearDuplicateClusters.DEFAULTS;
        assertThat(d.similarity("这家店的服务太好了，物流超快", "这家店的服务太好了，物流超快")).isEqualTo(1.0);
        assertThat(d.similarity("这家店的服务太好了，物流超快", "今天天气不错，适合出去走走")).isLessThan(0.1);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 1.5, 10, 5, 10, 0.5, 3_600))
                .hasMessageContaining("minSimilarity must be 0 to 1");
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 0.5, 10, 1, 10, 0.5, 3_600))
                .hasMessageContaining("minAuthors must be 2 or more");
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 0.5, 10, 5, 10, 0, 3_600))
                .hasMessageContaining("maxSpread must be more than 0");
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 0.5, 10, 5, 10, 0.5, 0))
                .hasMessageContaining("cellSeconds must be 1 or more");
    }
}
