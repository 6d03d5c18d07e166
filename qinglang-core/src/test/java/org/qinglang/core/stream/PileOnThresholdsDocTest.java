package org.qinglang.core.stream;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docs/pile-on.md shows the defaults as a thresholds file: it must read back as exactly the defaults. */
class PileOnThresholdsDocTest {

    @Test
    void theDefaultsInTheDocsAreTheDefaults() throws IOException {
        Path doc = Path.of("..", "docs", "pile-on.md");
        assumeTrue(Files.isRegularFile(doc), "skipped: docs/pile-on.md not found from " + Path.of("").toAbsolutePath());
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf("```text\n# name");
        String block = text.substring(text.indexOf('\n', start) + 1, text.indexOf("```", start + 7));
        StringBuilder file = new StringBuilder();
        for (String line : block.split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (!line.startsWith("#") && f.length >= 2) {
                file.append(f[0]).append(' ').append(f[1]).append('\n');
            }
        }
        PileOnThresholds read = PileOnThresholds.parse(new StringReader(file.toString()), "docs/pile-on.md");
        assertThat(read).isEqualTo(PileOnThresholds.defaults());
        assertThat(file.toString().lines().count()).isEqualTo(PileOnThresholds.defaults().asMap().size());
    }
}
