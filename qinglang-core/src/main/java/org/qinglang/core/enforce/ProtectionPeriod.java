package org.qinglang.core.enforce;

import java.time.Duration;
import java.util.Optional;

/** How long one-click protection stays on: 3, 7 or 30 days, or until the person turns it off. */
public enum ProtectionPeriod {
    DAYS_3(3), DAYS_7(7), DAYS_30(30), UNTIL_OFF(0);

    private final int days;

    ProtectionPeriod(int days) {
        this.days = days;
    }

    /** The length; empty for {@link #UNTIL_OFF}. */
    public Optional<Duration> length() {
        return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    }
}
