package org.qinglang.app.protection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;

/**
 * Ends protections whose period is over (到期清理) on the server's scheduler: a minute after the start (for those
 * that ended while the server was down), then every {@code qinglang.protection.sweep} (default one hour), each run
 * {@link Protections#sweep}. Until it runs an ended protection already decides nothing; the sweep only keeps memory
 * and the table to what is in force. The period is checked at start: 1 minute to 1 day, or the start fails naming
 * the property.
 */
@Configuration
@EnableScheduling
class ProtectionSweep {

    /** The property that sets how often the sweep runs. */
    static final String PROPERTY = "qinglang.protection.sweep";

    private static final Duration MIN = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofDays(1);

    private final Protections protections;

    ProtectionSweep(Protections protections, @Value("${" + PROPERTY + ":PT1H}") String period) {
        this.protections = protections;
        check(period);
    }

    /**
     * {@code value} as a duration, as {@code @Scheduled} reads it (ISO-8601 such as {@code PT1H}, or {@code 30m}),
     * if it is from 1 minute to 1 day; otherwise an exception naming {@value #PROPERTY}.
     */
    static Duration check(String value) {
        Duration d;
        try {
            d = DurationFormatterUtils.detectAndParse(value.strip(), DurationFormat.Unit.MILLIS);
        } catch (RuntimeException e) {
            // the message alone, no cause: the start prints the innermost message, and it must name the property
            throw new IllegalArgumentException(PROPERTY + " must be a duration such as PT1H or 30m, was '" + value + "'");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(PROPERTY + " must be from 1 minute to 1 day (PT1M to P1D), was " + value);
        }
        return d;
    }

    /** One sweep; returns how many protections ended. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${" + PROPERTY + ":PT1H}")
    int sweep() {
        return protections.sweep();
    }
}
