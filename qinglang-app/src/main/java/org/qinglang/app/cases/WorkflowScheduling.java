package org.qinglang.app.cases;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the workflow's scheduled jobs: the verdict intake and the webhook dispatcher. */
@Configuration
@EnableScheduling
class WorkflowScheduling {
}
