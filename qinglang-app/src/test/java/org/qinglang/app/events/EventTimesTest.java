package org.qinglang.app.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reading of {@code ts} gives what {@code OffsetDateTime.parse} gives, value or refusal. */
class EventTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:00:03+08:00", "2026-11-22T10:00:03Z", "2026-11-22T10:00:03.5-05:30",
            "2026-11-22T10:00:03.123456789+14:00", "2024-02-29T23:59:59.000-18:00", "0000-01-01T00:00:00-00:00",
            "9999-12-31T23:59:59.999999999Z"})
    void theCommonShapeIsReadByHandAndMeansWhatTheJdkSays(String ts) {
        assertThat(EventTimes.fast(ts)).isNotNull().isEqualTo(OffsetDateTime.parse(ts));
        assertThat(EventTimes.parse(ts)).isEqualTo(OffsetDateTime.parse(ts));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:00+08:00", "2026-11-22t10:00:03z", "2026-11-22T10:00:03+08:00:00",
            "+12026-11-22T10:00:03Z", "2026-11-22T10:00:03.Z"})
    void otherShapesTheJdkAcceptsAreLeftToIt(String ts) {
        assertThat(EventTimes.fast(ts)).isNull();
        assertThat(EventTimes.parse(ts)).isEqualTo(OffsetDateTime.parse(ts));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:03+08:00", "2025-02-29T10:00:03Z", "2026-13-01T10:00:03Z",
            "2026-11-22T24:00:00Z", "2026-11-22T10:60:03Z", "2026-11-22T10:00:60Z", "2026-11-22T10:00:03+19:00",
            "2026-11-22T10:00:03+08:60", "2026-11-22T10:00:03", "2026-11-22 10:00:03Z", "2026-11-22T10:00:03.1234567891Z", "2026-11-22T10:00:03,5Z",
            "2026-11-22T10:00:03+0800", "２026-11-22T10:00:03Z", "2026-11-22T10:00:03Z ", "yesterday", ""})
    void whatTheJdkRefusesIsRefusedWithItsError(String ts) {
        assertThatThrownBy(() -> OffsetDateTime.parse(ts)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse(ts)).isInstanceOf(DateTimeParseException.class);
    }

    /** Random strings near the common shape: the same value as the JDK's, or both refuse. */
    @Test
    void agreesWithTheJdkOnMutatedTimes() {
        Random r = new Random(20261202);
        String alphabet = "0123456789-:T.Z+ zt,";
        int fastTaken = 0;
        for (int k = 0; k < 200_000; k++) {
            char[] c = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09d%s", r.nextInt(10_000), r.nextInt(14),
                    r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62), r.nextInt(1_000_000_000),
                    r.nextBoolean() ? "Z" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20),
                            r.nextInt(62))).toCharArray();
            String s = new String(c);
            if (r.nextInt(3) == 0) {
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
                s = new String(c);
            }
            if (r.nextInt(3) == 0) {
                int cut = 20 + r.nextInt(s.length() - 19);
                s = s.substring(0, 19) + s.substring(cut);
            }
            OffsetDateTime jdk;
            try {
                jdk = OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                jdk = null;
            }
            OffsetDateTime fast = EventTimes.fast(s);
            if (fast != null) {
                fastTaken++;
                assertThat(fast).as(s).isEqualTo(jdk);
            }
            if (jdk == null) {
                String bad = s;
                assertThatThrownBy(() -> EventTimes.parse(bad)).as(s).isInstanceOf(DateTimeParseException.class);
            } else {
                assertThat(EventTimes.parse(s)).as(s).isEqualTo(jdk);
            }
        }
        assertThat(fastTaken).as("the fast path is taken for the common shape").isGreaterThan(10_000);
    }
}
