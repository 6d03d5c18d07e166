package org.qinglang.app.stream;

import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.coord.CoordinationDetector;
import org.qinglang.core.stream.Alert;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coordination detector registered in the server: a lockstep like group posted to /api/v1/events is
 * raised, once the detectors' clock passes the next analysis, as a coordination alert to the alert sinks.
 */
@WebTest
class CoordinationHostingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    RecordingSink sink;
    @Autowired
    DetectorHost host;

    @Test
    void aLockstepGroupReachesTheSinksAsACoordinationAlert() throws Exception {
        String ingest = keys.create("coordination ingest", Set.of(Scope.INGEST), "test").secret();
        // The batch starts a minute after a 10-minute mark and lasts 8 minutes: no analysis (every 10 minutes) and
        // no one-hour key of the synchronised analysis falls inside it, so the group is analysed whole. Starting
        // at an arbitrary wall-clock time let an analysis fire mid-batch now and then and raise 5 of the 6.
        Instant t0 = analysisMark(Instant.now().minus(30, ChronoUnit.MINUTES)).plus(1, ChronoUnit.MINUTES);
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            for (int m = 0; m < 6; m++) {
                events.add("{\"id\":\"co-" + k + "-" + m + "\",\"type\":\"like\",\"ts\":\"" + t0.plusSeconds(k * 60L + m)
                        + "\",\"actor\":\"lockstep-" + m + "\",\"target\":{\"content\":\"co-boost-" + k + "\"}}");
            }
        }
        mvc.perform(post("/api/v1/events").header("X-Api-Key", ingest).contentType(MediaType.APPLICATION_JSON)
                .content("[" + String.join(",", events) + "]")).andExpect(status().isAccepted());
        host.advanceTo(Instant.now().plus(Duration.ofMinutes(11))); // past the next 10-minute analysis
        host.settle(); // the detectors run on lanes of their own

        List<Alert> found = sink.alerts.stream().filter(a -> a.kind() == Alert.Kind.COORDINATION
                && a.participants().containsKey("lockstep-0")).toList();
        assertThat(found).isNotEmpty().allSatisfy(a -> {
            assertThat(a.target()).startsWith("coordination/");
            assertThat(a.participants()).hasSize(6).containsValue(Alert.Role.MEMBER);
        });
        assertThat(found).extracting(Alert::target).anyMatch(t -> t.startsWith("coordination/synchronised/"));
    }

    /**
     * The last time at or before {@code t} at which the hosted detector (its defaults) may analyse: a multiple of
     * its {@code every} (10 minutes) in epoch time.
     */
    static Instant analysisMark(Instant t) {
        long step = CoordinationDetector.DEFAULTS.every().getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), step) * step);
    }
}
