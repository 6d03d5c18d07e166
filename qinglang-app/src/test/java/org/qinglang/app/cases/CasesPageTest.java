package org.qinglang.app.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The queue page's "claim next" button: the most urgent unclaimed case for the reviewer who pressed it, opened;
 * never the same case for two reviewers pressing at once; a clear message when nothing is left to claim; only for
 * the roles that claim, and only with a CSRF token.
 */
@WebTest
class CasesPageTest {

    private static final String CLAIM_NEXT = "/console/cases/claim-next";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;

    private MockHttpServletResponse send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder r)
            throws Exception {
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    /** A case about a minor (so it ranks above every case without one); its id. */
    private long minorCase(String key) throws Exception {
        String body = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + unique("u") + "\"},\"reason\":\"x\",\"minorInvolved\":true}";
        return json.readTree(send(postJson("/api/v1/reports", key, body)).getContentAsString()).get("caseId").asLong();
    }

    private static long caseOf(MockHttpServletResponse res) {
        assertThat(res.getStatus()).isEqualTo(302);
        String url = res.getRedirectedUrl();
        assertThat(url).matches("/console/cases/\\d+");
        return Long.parseLong(url.substring("/console/cases/".length()));
    }

    @Test
    void claimNextTakesTheMostUrgentUnclaimedCaseAndOpensIt() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String rita = unique("rita");
        RequestPostProcessor reviewer = user(rita).roles("REVIEWER");
        long first = minorCase(key);
        assertThat(send(get("/console/cases").with(reviewer)).getContentAsString()).contains("id=\"claim-next\"")
                .contains("action=\"/console/cases/claim-next\"").contains("name=\"_csrf\"").contains("认领下一件");
        assertThat(send(get("/console/cases").with(user("a").roles("AUDITOR"))).getContentAsString())
                .doesNotContain("id=\"claim-next\"");
        assertThat(send(get("/console/cases").with(user("a").roles("ADMIN"))).getContentAsString())
                .doesNotContain("id=\"claim-next\"");

        assertThat(send(post(CLAIM_NEXT).with(reviewer)).getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(send(post(CLAIM_NEXT).with(user("a").roles("AUDITOR")).with(csrf())).getStatus()).isEqualTo(403);
        assertThat(send(post(CLAIM_NEXT).with(user("a").roles("ADMIN")).with(csrf())).getStatus()).isEqualTo(403);
        assertThat(db.sql("select claimed_by from workflow_case where id = ?").param(first).query(String.class)
                .optional()).isEmpty();

        // a case opened later with the same rank is less urgent (same priority: the earlier deadline first)
        long second = minorCase(key);
        long got = caseOf(send(post(CLAIM_NEXT).with(reviewer).with(csrf())));
        assertThat(db.sql("select claimed_by from workflow_case where id = ?").param(got).query(String.class).single())
                .isEqualTo(rita);
        long rank = db.sql("select priority_rank from workflow_case where id = ?").param(got).query(Long.class).single();
        assertThat(db.sql("select count(*) from workflow_case where status = 'open' and claimed_by is null "
                + "and priority_rank > ?").param(rank).query(Long.class).single()).as("nothing more urgent is left").isZero();
        assertThat(got).isNotEqualTo(second);
        assertThat(send(get("/console/cases/" + got).with(reviewer)).getContentAsString()).contains("id=\"decide\"");
        assertThat(db.sql("select count(*) from audit_log where action = 'case.claim' and subject = ? and actor = ?")
                .params("case:" + got, "user:" + rita).query(Long.class).single()).isEqualTo(1);
        minorCase(key);  // at least two left for the two roles below
        long compliance = caseOf(send(post(CLAIM_NEXT).with(user(unique("co")).roles("COMPLIANCE_OFFICER")).with(csrf())));
        long senior = caseOf(send(post(CLAIM_NEXT).with(user(unique("sr")).roles("SENIOR_REVIEWER")).with(csrf())));
        assertThat(Set.of(got, compliance, senior)).hasSize(3);
    }

    @Test
    void twoReviewersPressingAtOnceNeverGetTheSameCase() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        for (int i = 0; i < 12; i++) {
            minorCase(key);
        }
        List<String> reviewers = List.of(unique("alice"), unique("bob"), unique("carol"));
        ExecutorService pool = Executors.newFixedThreadPool(reviewers.size());
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, String> owner = new ConcurrentHashMap<>();
        List<Future<List<Long>>> claims = new ArrayList<>();
        try {
            for (String r : reviewers) {
                claims.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        // four reviewers a thread, each pressing once (a second press within seconds is the same
                        // press: whenAReviewerPressesTwiceTheCaseClaimedAMomentAgoOpens)
                        String who = r + "-" + i;
                        MvcResult res = mvc.perform(post(CLAIM_NEXT).with(user(who).roles("REVIEWER")).with(csrf()))
                                .andReturn();
                        long id = caseOf(res.getResponse());
                        mine.add(id);
                        owner.merge(id, who, (a, b) -> a + "+" + b);
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            int total = 0;
            for (Future<List<Long>> f : claims) {
                List<Long> mine = f.get();
                all.addAll(mine);
                total += mine.size();
            }
            assertThat(total).isEqualTo(12);
            assertThat(all).as("no case went to two reviewers").hasSize(12);
            for (Map.Entry<Long, String> e : owner.entrySet()) {
                assertThat(db.sql("select claimed_by from workflow_case where id = ?").param(e.getKey())
                        .query(String.class).single()).isEqualTo(e.getValue());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenAReviewerPressesTwiceTheCaseClaimedAMomentAgoOpens() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        minorCase(key);
        minorCase(key);
        minorCase(key);
        String rita = unique("rita");
        long first = caseOf(send(post(CLAIM_NEXT).with(user(rita).roles("REVIEWER")).with(csrf())));
        long again = caseOf(send(post(CLAIM_NEXT).with(user(rita).roles("REVIEWER")).with(csrf())));
        assertThat(again).isEqualTo(first);
        assertThat(db.sql("select count(*) from workflow_case where claimed_by = ?").param(rita).query(Long.class).single())
                .isEqualTo(1);
        // two presses arriving together: still one case
        String sam = unique("sam");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> presses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                presses.add(pool.submit(() -> {
                    go.await();
                    return caseOf(send(post(CLAIM_NEXT).with(user(sam).roles("REVIEWER")).with(csrf())));
                }));
            }
            go.countDown();
            assertThat(presses.get(0).get()).isEqualTo(presses.get(1).get());
        } finally {
            pool.shutdown();
        }
        assertThat(db.sql("select count(*) from workflow_case where claimed_by = ?").param(sam).query(Long.class).single())
                .isEqualTo(1);
        // once the claim is older than a double click, the next press takes the next case
        db.sql("update workflow_case set claimed_at = ? where id = ?")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), first).update();
        assertThat(caseOf(send(post(CLAIM_NEXT).with(user(rita).roles("REVIEWER")).with(csrf())))).isNotEqualTo(first);
    }

    @Test
    void aQueueLongerThanThePageSaysHowManyAreQueued() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        List<Long> made = new ArrayList<>();
        try {
            while (db.sql("select count(*) from workflow_case where status in ('open', 'claimed')").query(Long.class)
                    .single() <= CasesPage.SHOWN) {
                made.add(minorCase(key));
            }
            long queued = db.sql("select count(*) from workflow_case where status in ('open', 'claimed')")
                    .query(Long.class).single();
            assertThat(send(get("/console/cases").with(user(unique("rita")).roles("REVIEWER"))).getContentAsString())
                    .contains("id=\"queued\"").contains("队列中共 " + queued + " 件案件，此处列出最紧急的 200 件");
        } finally {
            // out of the queue again: the other tests of this server read their cases on the queue's first page
            for (long id : made) {
                db.sql("update workflow_case set status = 'decided', open_target = null where id = ?").param(id).update();
            }
        }
    }

    @Test
    void whenNothingIsLeftToClaimThePageSaysSo() throws Exception {
        long open = db.sql("select count(*) from workflow_case where status = 'open' and claimed_by is null")
                .query(Long.class).single();
        MockHttpServletResponse res = null;
        for (long i = 0; i <= open; i++) {  // take every open case; the one more press finds none
            // a sweeper a press: a second press by one reviewer within seconds opens the case just claimed
            RequestPostProcessor sweeper = user(unique("sweeper")).roles("REVIEWER");
            MvcResult r = mvc.perform(post(CLAIM_NEXT).with(sweeper).with(csrf())).andReturn();
            res = r.getResponse();
            if ("/console/cases".equals(res.getRedirectedUrl())) {
                assertThat(r.getFlashMap().get("queueEmpty")).isEqualTo(true);
                String page = send(get("/console/cases").with(sweeper).flashAttrs(r.getFlashMap())).getContentAsString();
                assertThat(page).contains("id=\"queue-empty\"").contains("没有待认领的案件");
                String en = send(get("/console/cases").param("lang", "en").with(sweeper).flashAttrs(r.getFlashMap()))
                        .getContentAsString();
                assertThat(en).contains("There is no case left to claim");
                assertThat(send(get("/console/cases").with(sweeper)).getContentAsString())
                        .as("said once").doesNotContain("id=\"queue-empty\"");
                return;
            }
        }
        throw new AssertionError("claim-next never said the queue was empty; last answer " + res.getRedirectedUrl());
    }
}
