package org.qinglang.bench;

import org.junit.jupiter.api.Test;
import org.qinglang.bench.ChnciIncidents.Incident;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PileOnEvaluationTest {

    private static Incident incident(String file, boolean bullying, long... minutes) {
        List<Event> events = new ArrayList<>();
        for (long m : minutes) {
            events.add(Event.builder(file + m + "-" + events.size(), EventType.COMMENT,
                    Instant.parse("2026-11-22T00:00:00Z").plusSeconds(m * 60)).target(file, "").text("x").build());
        }
        return new Incident(file + ".jsonl", file, bullying, events);
    }

    @Test
    void thePeakIsTheBusiestHourAndTheEarliestOfEquals() {
        Incident inc = incident("a", true, 5, 61, 62, 63, 130, 131, 132, 200);
        assertThat(PileOnEvaluation.peakHour(inc)).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
    }

    @Test
    void thinningKeepsTimeOrderAndIsTheSameForTheSameSeed() {
        long[] minutes = new long[2000];
        for (int i = 0; i < minutes.length; i++) {
            minutes[i] = i;
        }
        Incident inc = incident("b", false, minutes);
        Incident thin = inc.thinned(800, 1);
        assertThat(thin.events()).hasSize(800).isSortedAccordingTo((x, y) -> x.ts().compareTo(y.ts()));
        assertThat(inc.thinned(800, 1).events()).isEqualTo(thin.events());
        assertThat(inc.thinned(800, 2).events()).isNotEqualTo(thin.events());
        assertThat(incident("c", false, 1, 2).thinned(800, 1).events()).hasSize(2);
    }

    @Test
    void foldsAreStratifiedAndCoverEveryIncidentOnce() {
        List<Incident> all = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            all.add(incident("y" + i, true, 1));
        }
        for (int i = 0; i < 26; i++) {
            all.add(incident("n" + i, false, 1));
        }
        List<List<Incident>> folds = PileOnEvaluation.folds(all);
        assertThat(folds).hasSize(PileOnEvaluation.FOLDS);
        assertThat(folds.stream().mapToInt(List::size).sum()).isEqualTo(55);
        assertThat(folds.stream().flatMap(List::stream).distinct().count()).isEqualTo(55);
        for (List<Incident> f : folds) {
            long bullying = f.stream().filter(Incident::cyberbullying).count();
            assertThat(bullying).isBetween(5L, 6L);
        }
    }

    @Test
    void readsTheChnciIncidentsWhenThere() {
        assumeTrue(Files.isDirectory(DataDir.configured().resolve("chnci")),
                "skipped: no CHNCI incidents at " + DataDir.configured().resolve("chnci"));
        List<Incident> all = ChnciIncidents.load(DataDir.configured());
        assertThat(all).hasSize(55);
        assertThat(all.stream().filter(Incident::cyberbullying).count()).isEqualTo(29);
        assertThat(all.stream().mapToInt(i -> i.events().size()).sum()).isEqualTo(136_175);
        assertThat(all.get(0).events().get(0).target().account()).isEqualTo(all.get(0).target());
    }
}
