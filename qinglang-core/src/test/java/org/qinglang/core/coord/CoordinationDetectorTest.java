package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.stream.StreamRuntime;
import org.qinglang.core.verdict.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lockstep like group and a copy-paste campaign planted among ordinary traffic, replayed through the
 * in-process runtime: each is raised once, as a coordination alert naming exactly its members.
 */
class CoordinationDetectorTest {

    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    static final List<String> LOCKSTEP = IntStream.range(0, 6).mapToObj(i -> "sync-" + i).toList();
    static final List<String> COPIERS = IntStream.range(0, 6).mapToObj(i -> "copy-" + i).toList();

    static List<Event> traffic() {
        List<Event> events = new ArrayList<>();
        Random r = new Random(7);
        int n = 0;
        for (int i = 0; i < 600; i++) { // 80 ordinary accounts over 6 hours, likes and comments on 200 items
            Instant ts = T0.plusSeconds(r.nextInt(6 * 3600));
            String actor = "user-" + r.nextInt(80);
            String item = "p-" + r.nextInt(200);
            events.add(r.nextBoolean()
                    ? Event.builder("e-" + n++, EventType.LIKE, ts).actor(actor).target("", item).build()
                    : Event.builder("e-" + n++, EventType.COMMENT, ts).actor(actor).target("", item)
                    .text(words(r)).build());
        }
        for (int k = 0; k < 8; k++) { // the lockstep group likes the same 8 items within minutes, in hour 2
            for (String a : LOCKSTEP) {
                events.add(Event.builder("e-" + n++, EventType.LIKE, T0.plusSeconds(7200 + k * 60L + r.nextInt(30)))
                        .actor(a).target("", "boost-" + k).ip("198.51.100.0/24").build());
            }
        }
        for (int i = 0; i < COPIERS.size(); i++) { // the copy-paste campaign under one post, in hour 4
            events.add(Event.builder("e-" + n++, EventType.COMMENT, T0.plusSeconds(4 * 3600 + i * 90L))
                    .actor(COPIERS.get(i)).target("", "p-7").context(new Context(Context.Relation.STRANGER, 2, ""))
                    .text("这款产品真的太好用了，强烈推荐大家赶紧购买！" + "!".repeat(i)).build());
        }
        events.sort(Comparator.comparing(Event::ts));
        return events;
    }

    /** 8 to 20 characters drawn from 2 000 common CJK ones: ordinary, unrelated comments. */
    static String words(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 8 + r.nextInt(13); i > 0; i--) {
            b.append((char) (0x4E00 + r.nextInt(2000)));
        }
        return b.toString();
    }

    static List<Alert> replay(List<Event> events) {
        StreamRuntime<CoordinationDetector.Window> rt = new StreamRuntime<>(CoordinationDetector.DEFAULTS,
                Duration.ofDays(2));
        List<Alert> out = new ArrayList<>();
        for (Event e : events) {
            out.addAll(rt.accept(e));
        }
        out.addAll(rt.advanceTo(Instant.MAX));
        return out;
    }

    @Test
    void thePlantedGroupsAreRaisedOnceWithExactlyTheirMembers() {
        List<Alert> alerts = replay(traffic());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.COORDINATION);
            assertThat(a.participants().values()).containsOnly(Alert.Role.MEMBER);
            assertThat(a.participants().keySet()).noneMatch(m -> m.startsWith("user-"));
        });
        List<Alert> sync = alerts.stream().filter(a -> a.target().startsWith("coordination/synchronised/")).toList();
        assertThat(sync).singleElement().satisfies(a -> {
            assertThat(a.participants().keySet()).containsExactlyElementsOf(LOCKSTEP);
            assertThat(a.evidence().figures()).containsEntry("members", 6.0).containsEntry("target:boost-0", 6.0);
        });
        List<Alert> copy = alerts.stream().filter(a -> a.target().startsWith("coordination/copy_paste/")).toList();
        assertThat(copy).singleElement().satisfies(a -> {
            assertThat(a.participants().keySet()).containsExactlyElementsOf(COPIERS);
            assertThat(a.evidence().figures()).containsEntry("target:p-7", 6.0);
            // what is not a number reaches the alert as a fact, not dropped: the campaign's text for the reviewer
            assertThat(a.evidence().facts().get("sampleText")).startsWith("这款产品真的太好用了");
            assertThat(a.evidence().facts()).containsEntry("concentratedOn", "targets, time");
            assertThat(a.ts()).isAfter(T0.plusSeconds(4 * 3600));
        });
        assertThat(alerts).extracting(Alert::target).doesNotHaveDuplicates();
    }

    @Test
    void aGroupCutByAnAnalysisIsRaisedAgainWhenItsLastMemberIsFound() {
        // the 10-minute analysis at T0 + 20 min falls inside the burst: it sees accounts 0-4 with 5 shared
        // (item, hour) keys and account 5 with 4, one short of the 5 a pair needs
        Instant analysis = T0.plus(Duration.ofMinutes(20));
        Instant base = analysis.minusSeconds(249);
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            for (int m = 0; m < LOCKSTEP.size(); m++) {
                events.add(Event.builder("b-" + k + "-" + m, EventType.LIKE, base.plusSeconds(k * 60L + 2L * m))
                        .actor(LOCKSTEP.get(m)).target("", "boost-" + k).build());
            }
        }
        List<Alert> alerts = replay(events).stream()
                .filter(a -> a.target().startsWith("coordination/synchronised/")).toList();

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).ts()).isEqualTo(analysis);
        assertThat(alerts.get(0).participants().keySet()).containsExactlyElementsOf(LOCKSTEP.subList(0, 5));
        assertThat(alerts.get(0).evidence().figures()).doesNotContainKey("newMembers");
        assertThat(alerts.get(1).target()).isEqualTo(alerts.get(0).target());
        assertThat(alerts.get(1).participants().keySet()).containsExactlyElementsOf(LOCKSTEP);
        assertThat(alerts.get(1).evidence().figures()).containsEntry("members", 6.0).containsEntry("newMembers", 1.0);
    }

    @Test
    void aWarmStartHoldsBackWhatWasRaisedBeforeTheRestartAndRaisesWhatFormedAfterTheLastRun() {
        // the server restarts at 4:08, after the copy-paste campaign (4:00-4:07:30) but before the 4:10 run that
        // would have found it; the lockstep group (hour 2) was raised before the restart
        Instant restart = T0.plus(Duration.ofMinutes(4 * 60 + 8));
        List<Event> events = traffic();
        StreamRuntime<CoordinationDetector.Window> rt = new StreamRuntime<>(CoordinationDetector.DEFAULTS,
                Duration.ofDays(2));
        rt.catchingUp();
        List<Alert> held = new ArrayList<>();
        for (Event e : events) {
            if (e.ts().isBefore(restart)) {
                held.addAll(rt.accept(e));
            }
        }
        held.addAll(rt.caughtUp());
        List<Alert> after = new ArrayList<>();
        for (Event e : events) {
            if (!e.ts().isBefore(restart)) {
                after.addAll(rt.accept(e));
            }
        }
        after.addAll(rt.advanceTo(Instant.MAX));

        assertThat(held).extracting(Alert::target).anyMatch(t -> t.startsWith("coordination/synchronised/"))
                .noneMatch(t -> t.startsWith("coordination/copy_paste/"));
        assertThat(after).extracting(Alert::target).singleElement().asString()
                .startsWith("coordination/copy_paste/");
        assertThat(after.get(0).participants().keySet()).containsExactlyElementsOf(COPIERS);
    }

    @Test
    void ordinaryTrafficAloneRaisesNothing() {
        List<Event> ordinary = traffic().stream().filter(e -> e.actor().startsWith("user-")).toList();
        assertThat(replay(ordinary)).isEmpty();
    }

    @Test
    void eventsItCannotUseAreIgnoredAndBadSettingsRefused() {
        Instant t = T0;
        assertThat(CoordinationDetector.toAction(Event.builder("d", EventType.DM, t).actor("a").target("b", "").build())).isEmpty();
        assertThat(CoordinationDetector.toAction(Event.builder("n", EventType.LIKE, t).target("", "p").build())).isEmpty();
        assertThat(CoordinationDetector.toAction(Event.builder("r", EventType.RATING, t).actor("a").target("", "m").build())).isEmpty();
        assertThat(CoordinationDetector.toAction(Event.builder("r", EventType.RATING, t).actor("a").target("", "m").score(9).build())).isEmpty();
        assertThat(CoordinationDetector.toAction(Event.builder("r", EventType.RATING, t).actor("a").target("", "m").score(4).build()))
                .get().extracting(Action::rating).isEqualTo(4);
        assertThat(CoordinationDetector.toAction(Event.builder("f", EventType.FOLLOW, t).actor("a").target("b", "").build()))
                .get().extracting(Action::target).isEqualTo("b");
        assertThatThrownBy(() -> new CoordinationDetector(CoordinationAnalyzer.DEFAULTS, Duration.ZERO, Duration.ofMinutes(1), 1))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> new CoordinationDetector(CoordinationAnalyzer.DEFAULTS, Duration.ofHours(1), Duration.ofMinutes(1), 0))
                .hasMessageContaining("maxActions");
    }
}
