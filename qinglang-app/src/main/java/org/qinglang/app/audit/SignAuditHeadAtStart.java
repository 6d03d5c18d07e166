package org.qinglang.app.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At the server's start, signs the audit head if it is not signed yet (a database written before heads were
 * signed, or a new one), so that a head without a signature is never the server's own from then on.
 */
@Component
final class SignAuditHeadAtStart implements ApplicationRunner {

    private final AuditTrail trail;

    SignAuditHeadAtStart(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void run(ApplicationArguments args) {
        trail.signHead();
    }
}
