package org.qinglang.app.cases;

import org.qinglang.app.stream.AlertSink;
import org.qinglang.core.stream.Alert;
import org.springframework.stereotype.Component;

/**
 * Hands every alert of the hosted detectors to the case queue (告警入案): a pile-on alert opens or joins the
 * cyberviolence case about its target, a coordination alert the fake-engagement case about its group; a
 * closing alert adds nothing. See {@link Intake#alert}.
 */
@Component
class AlertsIntoCases implements AlertSink {

    private final Intake intake;

    AlertsIntoCases(Intake intake) {
        this.intake = intake;
    }

    @Override
    public void accept(Alert alert) {
        intake.alert(alert);
    }
}
