package org.qinglang.bench;

import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Label;
import org.qinglang.core.verdict.RiskLevel;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic event traffic for the pile-on monitor's speed and memory figures, with its verdicts computed
 * in advance: {@code targets} accounts receiving comments, danmaku, reposts and the odd report in time
 * order, one event every {@code gapMillis}; every {@code pileOnEvery}-th target is under a pile-on (three
 * in four of its texts hostile, from strangers on new accounts, many copied). Texts are 12 to 40 characters.
 * The same seed gives the same traffic.
 *
 * @param events   the events in time order
 * @param verdicts the verdict of each event with a text
 */
public record SyntheticTraffic(List<Event> events, Map<Event, Verdict> verdicts) {

    private static final Verdict PASS = new Verdict(Suggestion.PASS, RiskLevel.NONE, List.of(), false);
    private static final Verdict REVIEW = new Verdict(Suggestion.REVIEW, RiskLevel.MEDIUM,
            List.of(new Label("辱骂", "model", 0.62, List.of())), true);
    private static final Verdict BLOCK = new Verdict(Suggestion.BLOCK, RiskLevel.HIGH,
            List.of(new Label("辱骂", "model", 0.93, List.of())), true);
    private static final String WORDS = "今天的视频真好看支持你加油太棒了这个人怎么这样说话真是无语了大家来看看";

    /** Generates {@code n} events over {@code targets} targets. */
    public static SyntheticTraffic generate(int n, int targets, int pileOnEvery, long gapMillis, long seed) {
        Random r = new Random(seed);
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        List<Event> events = new ArrayList<>(n);
        Map<Event, Verdict> verdicts = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            int target = r.nextInt(targets);
            boolean pile = target % pileOnEvery == 0;
            boolean hostile = pile ? r.nextInt(4) != 0 : r.nextInt(20) == 0;
            double kind = r.nextDouble();
            EventType type = kind < 0.6 ? EventType.COMMENT : kind < 0.8 ? EventType.DANMAKU
                    : kind < 0.95 ? EventType.REPOST : kind < 0.99 ? EventType.MENTION : EventType.REPORT;
            String actor = "u-" + (pile && r.nextBoolean() ? r.nextInt(200) : r.nextInt(1_000_000));
            Event.Builder b = Event.builder("e-" + i, type, t.plusMillis(i * gapMillis)).actor(actor)
                    .target("t-" + target, "p-" + target + "-" + r.nextInt(5))
                    .context(new Context(pile ? Context.Relation.STRANGER : Context.Relation.FOLLOWER,
                            pile ? r.nextInt(10) : 100 + r.nextInt(1000), type == EventType.REPORT ? "report"
                            : type.id()));
            if (type != EventType.REPORT && (type != EventType.REPOST || r.nextBoolean())) {
                b.text(pile && r.nextInt(3) == 0 ? "滚出网络，大家一起来骂这个人" : text(r));
            } else if (type == EventType.REPORT) {
                b.category("辱骂");
            }
            Event e = b.build();
            events.add(e);
            if (!e.text().isEmpty()) {
                verdicts.put(e, hostile ? (r.nextInt(3) == 0 ? BLOCK : REVIEW) : PASS);
            }
        }
        return new SyntheticTraffic(events, verdicts);
    }

    private static String text(Random r) {
        int len = 12 + r.nextInt(29);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(WORDS.charAt(r.nextInt(WORDS.length())));
        }
        return sb.toString();
    }

    /** The verdict of an event (pass for one without a text). */
    public Verdict verdict(Event e) {
        Verdict v = verdicts.get(e);
        return v != null ? v : PASS;
    }
}
