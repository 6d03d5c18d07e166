package org.qinglang.app.stream;

import org.qinglang.core.coord.CoordinationDetector;
import org.qinglang.core.stream.Detector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the coordination detector (水军检测) as a hosted detector with its defaults: the whole platform
 * as one key, a 24-hour window analysed every 10 minutes of event time (docs/coordination.md). Its alerts
 * (kind {@code coordination}) reach every {@link AlertSink}; the prominent prompt ignores them.
 */
@Configuration
class CoordinationConfig {

    @Bean
    Detector<?> coordinationDetector() {
        return CoordinationDetector.DEFAULTS;
    }
}
