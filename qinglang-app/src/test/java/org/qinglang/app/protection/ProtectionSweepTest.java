package org.qinglang.app.protection;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sweep's period: read as {@code @Scheduled} reads it, and a bad one stops the start naming the property. */
class ProtectionSweepTest {

    @Test
    void thePeriodIsADurationFromAMinuteToADay() {
        assertThat(ProtectionSweep.check("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ProtectionSweep.check("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ProtectionSweep.check("soon"))
                .hasMessage("qinglang.protection.sweep must be a duration such as PT1H or 30m, was 'soon'");
        assertThatThrownBy(() -> ProtectionSweep.check("PT0S")).hasMessageContaining("qinglang.protection.sweep")
                .hasMessageContaining("1 minute to 1 day");
        assertThatThrownBy(() -> ProtectionSweep.check("P2D")).hasMessageContaining("qinglang.protection.sweep");
    }

    @Test
    void aBadPeriodStopsTheStartWithAMessageNamingTheProperty() {
        new ApplicationContextRunner()
                .withBean(Protections.class, () -> Mockito.mock(Protections.class))
                .withUserConfiguration(ProtectionSweep.class)
                .withPropertyValues("qinglang.protection.sweep=0")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable root = ctx.getStartupFailure();
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).hasMessageContaining("qinglang.protection.sweep must be from 1 minute to 1 day");
                });
    }
}
