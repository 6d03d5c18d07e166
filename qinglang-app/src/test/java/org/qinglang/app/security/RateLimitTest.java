package org.qinglang.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.api.RequestLocale;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.server.Limits;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-key rate limit: a key gets its burst, then 429 with Retry-After; another key is not held back. */
class RateLimitTest {

    private final TestDatabases.Db db = TestDatabases.h2();

    @AfterEach
    void drop() {
        db.drop().run();
    }

    @Test
    void aKeyOverItsRateGets429AndOtherKeysDoNot() throws Exception {
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        ApiKeys keys = new ApiKeys(jdbc, new AuditTrail(jdbc, new ObjectMapper()));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        String busy = tx.execute(s -> keys.create("busy", Set.of(Scope.CHECK), "test").secret());
        String quiet = tx.execute(s -> keys.create("quiet", Set.of(Scope.CHECK), "test").secret());
        ApiKeyFilter filter = new ApiKeyFilter(keys, new Limits(10_000, 10_000, 1 << 20, 1 << 16, 2, 3),
                new ApiProblems(new ObjectMapper(), new RequestLocale()), new HeldClock());
        int[] statuses = new int[5];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = call(filter, busy).getStatus();
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        MockHttpServletResponse limited = call(filter, busy);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getContentAsString()).contains("\"code\":\"rate_limited\"").contains("\"limit\":2");
        assertThat(call(filter, quiet).getStatus()).isEqualTo(200);
    }

    /** A clock that stands still unless moved: the test does not depend on how fast the machine is. */
    private static final class HeldClock implements TimeMeter {
        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private static MockHttpServletResponse call(ApiKeyFilter filter, String key) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", "/api/v1/text/check");
        req.addHeader("Authorization", "Bearer " + key);
        MockHttpServletResponse res = new MockHttpServletResponse();
        filter.doFilter(req, res, new MockFilterChain());
        return res;
    }
}
