package org.qinglang.app.server;

import org.qinglang.app.stream.DetectorHost;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * After each web test, waits until the detectors' lanes have done what the test handed them: they run beside the
 * request, and an alert of one test must not turn into a case or a prompt in the middle of the next.
 */
public class SettleDetectors implements TestExecutionListener {

    @Override
    public void afterTestMethod(TestContext context) {
        if (context.hasApplicationContext()) {
            context.getApplicationContext().getBean(DetectorHost.class).settle();
        }
    }
}
