package org.qinglang.app.server;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestExecutionListeners;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context every web test shares (Spring caches it by this exact configuration): the whole
 * server on MockMvc, an in-memory H2 in PostgreSQL mode, a data directory under target/. Do not add
 * per-test properties: each new set boots another context. After each test the detectors' lanes are let finish
 * ({@link SettleDetectors}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QinglangServer.class, properties = {
        "qinglang.data-dir=target/test-data",
        "spring.datasource.url=jdbc:h2:mem:qinglang-web;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "logging.level.root=WARN",
        "qinglang.stream.tick=PT87600H"})  // the detectors' clock moves only by events and by the tests themselves
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@AutoConfigureObservability(tracing = false)
@TestExecutionListeners(listeners = SettleDetectors.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface WebTest {
}
