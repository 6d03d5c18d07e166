package org.qinglang.app.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.PileOnThresholds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The real pile-on monitor registered in the server: a burst of abuse from new strangers posted to
 * /api/v1/events raises the prominent prompt for its target; an equally large friendly thread does not.
 * Event times are near the wall clock, so the clock scheduler moving the host on does not age them out.
 */
@WebTest
class PileOnHostingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    RecordingSink sink;
    @Autowired
    DetectorHost host;

    private static String batch(String account, int n, String relation, int ageDays, String text) {
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return IntStream.range(0, n).mapToObj(i -> "{\"id\":\"" + account + "-" + i + "\",\"type\":\"comment\","
                        + "\"ts\":\"" + t0.plusSeconds(20L * i) + "\",\"actor\":\"" + account + "-u" + i + "\","
                        + "\"target\":{\"account\":\"" + account + "\",\"content\":\"p-1\"},\"text\":\"" + text + i
                        + "\",\"context\":{\"relation\":\"" + relation + "\",\"actorAgeDays\":" + ageDays + "}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aPileOnRaisesThePromptAndAFriendlyThreadDoesNot() throws Exception {
        String ingest = keys.create("pileon ingest", Set.of(Scope.INGEST), "test").secret();
        String protect = keys.create("pileon protect", Set.of(Scope.PROTECT), "test").secret();
        mvc.perform(post("/api/v1/events").header("X-Api-Key", ingest).contentType(MediaType.APPLICATION_JSON)
                .content(batch("pile-friendly", 80, "follower", 400, "写得真好，谢谢分享"))).andExpect(status().isAccepted());
        mvc.perform(post("/api/v1/events").header("X-Api-Key", ingest).contentType(MediaType.APPLICATION_JSON)
                .content(batch("pile-victim", 80, "stranger", 3, "你个傻1逼"))).andExpect(status().isAccepted());
        host.settle(); // the detectors run on lanes of their own

        mvc.perform(get("/api/v1/protection/pile-victim/prompt").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alertKind").value("pileon"))
                .andExpect(jsonPath("$.alertLevel").value(org.hamcrest.Matchers.oneOf("warning", "severe")));
        mvc.perform(get("/api/v1/protection/pile-friendly/prompt").header("X-Api-Key", protect))
                .andExpect(status().isNoContent());
        assertThat(sink.alerts).filteredOn(a -> a.target().equals("pile-victim"))
                .extracting(Alert::kind).contains(Alert.Kind.PILEON);
        assertThat(sink.alerts).filteredOn(a -> a.target().equals("pile-friendly"))
                .extracting(Alert::level).doesNotContain(Alert.Level.WARNING, Alert.Level.SEVERE);
    }

    @Test
    void thresholdsComeFromTheDefaultsOrTheNamedFile(@TempDir Path dir) throws Exception {
        assertThat(PileOnConfig.thresholds("")).isEqualTo(PileOnThresholds.defaults());
        Path f = dir.resolve("pileon.txt");
        Files.writeString(f, "# stricter\nwarningScore 100\n");
        assertThat(PileOnConfig.thresholds(f.toString()).warningScore()).isEqualTo(100.0);
        Files.writeString(f, "warningScore lots\n");
        assertThatThrownBy(() -> PileOnConfig.thresholds(f.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pileon.txt:1");
        assertThatThrownBy(() -> PileOnConfig.thresholds(dir.resolve("none.txt").toString()))
                .hasMessageContaining("qinglang.pileon.thresholds").hasMessageContaining("none.txt");
    }
}
