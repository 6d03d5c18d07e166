package org.qinglang.core.enforce;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a configuration file holds, reading it either succeeds or fails with an
 * {@link IllegalArgumentException} that names the file: never another exception.
 */
class ConfigFilesRobustnessTest {

    @Property(tries = 1500)
    void anyLadderFileReadsOrNamesTheFile(@ForAll("configText") String text) {
        assertReadsOrNamesFile(() -> SanctionLadder.parse(new StringReader(text), "f.txt"));
    }

    @Property(tries = 1000)
    void anyDeadlinesFileReadsOrNamesTheFile(@ForAll("configText") String text) {
        assertReadsOrNamesFile(() -> HandlingDeadlines.parse(new StringReader(text), "f.txt", WorkingCalendar.weekdays()));
    }

    @Property(tries = 1000)
    void anyCalendarFileReadsOrNamesTheFile(@ForAll("configText") String text) {
        assertReadsOrNamesFile(() -> WorkingCalendar.parse(new StringReader(text), "f.txt"));
    }

    private interface Read {
        Object run() throws Exception;
    }

    private static void assertReadsOrNamesFile(Read read) {
        try {
            assertThat(read.run()).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("f.txt");
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    /** Lines made of the files' own words, numbers, durations, dates and junk. */
    @Provide
    Arbitrary<String> configText() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("step", "weight", "expires", "role", "tolerate-first-minor", "from", "grave", "forever",
                        "holiday", "workday", "yes", "no", "#", "mute", "warn", "suspend-dms", "close-account",
                        "refer-to-police", "remove-content", "fold-content", "minor", "moderate", "serious",
                        "inciter", "participant", "first-poster", "minors", "other", "fraud", "网络暴力", "3wd", "0wd",
                        "99999wd", "2h", "0h", "90m", "7d", "999999d", "2026-10-01", "2026-02-30", "+99999-01-01"),
                Arbitraries.integers().between(-5, 100_000).map(String::valueOf),
                Arbitraries.of("99999999999", "-0", "1e3", "", "\t", "\u3000", "\ud800"),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> line = word.list().ofMaxSize(6).map(ws -> String.join(" ", ws));
        return line.list().ofMaxSize(12).map(ls -> String.join("\n", ls));
    }
}
