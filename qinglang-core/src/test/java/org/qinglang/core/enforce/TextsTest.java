package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Durations in words, as a sanction's description and statement of reasons show them. */
class TextsTest {

    @Test
    void aDurationIsSaidInWholeDaysHoursOrMinutes() {
        assertThat(Texts.span(Duration.ofDays(7), Locale.CHINESE)).isEqualTo("7天");
        assertThat(Texts.span(Duration.ofDays(1), Locale.ENGLISH)).isEqualTo("1 day");
        assertThat(Texts.span(Duration.ofHours(12), Locale.CHINESE)).isEqualTo("12小时");
        assertThat(Texts.span(Duration.ofHours(25), Locale.ENGLISH)).isEqualTo("25 hours");
        assertThat(Texts.span(Duration.ofMinutes(30), Locale.CHINESE)).as("not 0天").isEqualTo("30分钟");
        assertThat(Texts.span(Duration.ofMinutes(30), Locale.ENGLISH)).isEqualTo("30 minutes");
        assertThat(Texts.span(Duration.ofMinutes(24 * 60 + 30), Locale.CHINESE)).as("not 1天").isEqualTo("1470分钟");
        assertThat(Texts.span(Duration.ofMinutes(1), Locale.ENGLISH)).isEqualTo("1 minute");
    }
}
