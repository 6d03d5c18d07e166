package org.qinglang.app.stream;

import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.PileOnMonitor;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.verdict.Moderator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers the pile-on monitor (网暴预警) as a hosted detector: its settings are
 * {@link PileOnThresholds#defaults()}, or the file named by {@code qinglang.pileon.thresholds} (the format of
 * docs/pile-on.md, as for {@code qinglang replay --thresholds}); each text keeps the verdict ingestion gave it
 * ({@link JudgedVerdicts}), or is judged by the server's one {@link Moderator} in the event's own context.
 */
@Configuration
class PileOnConfig {

    @Bean
    Detector<?> pileOnMonitor(Moderator moderator, JudgedVerdicts judged,
                              @Value("${qinglang.pileon.thresholds:}") String thresholdsFile) {
        return new PileOnMonitor(thresholds(thresholdsFile),
                e -> judged.of(e.id()).orElseGet(() -> moderator.check(e.text(), e.context())));
    }

    /** The defaults when {@code file} is blank, else the file's settings; a bad file stops the start, naming it. */
    static PileOnThresholds thresholds(String file) {
        if (file.isBlank()) {
            return PileOnThresholds.defaults();
        }
        Path p = Path.of(file);
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return PileOnThresholds.parse(r, p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("qinglang.pileon.thresholds: cannot read " + p, e);
        }
    }
}
