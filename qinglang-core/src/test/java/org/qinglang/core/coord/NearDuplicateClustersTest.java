package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void similarityOfUnrelatedTextsIsLow() {
        NearDuplicateClusters d = NearDuplicateClusters.DEFAULTS;
        assertThat(d.similarity("这家店的服务太好了，物流超快", "这家店的服务太好了，物流超快")).isEqualTo(1.0);
        assertThat(d.similarity("这家店的服务太好了，物流超快", "今天天气不错，适合出去走走")).isLessThan(0.1);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 1.5, 10, 5, 10))
                .hasMessageContaining("minSimilarity must be 0 to 1");
        assertThatThrownBy(() -> new NearDuplicateClusters(3, 20, 3, 0.5, 10, 1, 10))
                .hasMessageContaining("minAuthors must be 2 or more");
    }
}
