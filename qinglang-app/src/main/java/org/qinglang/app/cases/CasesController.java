package org.qinglang.app.cases;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Msg;
import org.qinglang.core.enforce.Permission;
import org.qinglang.core.enforce.Reviewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The review queue for console sessions (审核队列): read it (any staff role), claim a case or the most urgent
 * one (those who decide: reviewers, senior reviewers, and compliance officers for referrals).
 */
@RestController
class CasesController {

    /** A case in JSON. */
    record CaseView(long id, String target, String account, String content, String contentType, boolean targetIsMinor,
                    String category, String severity, long rank, String due, boolean overdue, String openedAt,
                    String status, String claimedBy, List<SignalView> signals, List<Cases.Participant> participants) {
    }

    /** A signal of a case in JSON. */
    record SignalView(String kind, String category, String severity, String reporter, String at) {
    }

    /** The answer to a claim. */
    record Claimed(long id, String claimedBy) {
    }

    private final Cases cases;
    private final WorkflowPolicy policy;

    CasesController(Cases cases, WorkflowPolicy policy) {
        this.cases = cases;
        this.policy = policy;
    }

    @GetMapping(path = "/console/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CaseView> queue(@RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_value", "limit", OptionalLong.of(500),
                    new Msg("limit 应为 1 到 500", "limit must be from 1 to 500"));
        }
        Instant now = policy.clock().instant();
        return cases.queue(limit).stream().map(c -> view(c, List.of(), List.of(), now)).toList();
    }

    @GetMapping(path = "/console/api/cases/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    CaseView one(@PathVariable("id") String id) {
        long n = WorkflowFields.pathId(id);
        Cases.Case c = cases.find(n).orElseThrow(() -> notFound(n));
        List<SignalView> signals = cases.signals(n).stream().map(s -> new SignalView(s.kind(), s.category().id(),
                s.severity().map(v -> v.id()).orElse(null), s.reporter().orElse(null), s.at().toString())).toList();
        return view(c, signals, cases.participants(n), policy.clock().instant());
    }

    @PostMapping(path = "/console/api/cases/{id}/claim", produces = MediaType.APPLICATION_JSON_VALUE)
    Claimed claim(@PathVariable("id") String id, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        Reviewer r = mayClaim(auth);
        cases.find(n).orElseThrow(() -> notFound(n));
        if (!cases.claim(n, r.id())) {
            throw new ApiException(HttpStatus.CONFLICT, "already_claimed", "id", OptionalLong.empty(),
                    new Msg("案件 " + n + " 已被认领或已结案", "case " + n + " is claimed by someone else or decided"));
        }
        return new Claimed(n, r.id());
    }

    @PostMapping(path = "/console/api/cases/claim-next", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseView> claimNext(Authentication auth) {
        Reviewer r = mayClaim(auth);
        return cases.claimNext(r.id()).map(c -> ResponseEntity.ok(view(c, List.of(), List.of(), policy.clock().instant())))
                .orElse(ResponseEntity.noContent().build());
    }

    private static Reviewer mayClaim(Authentication auth) {
        Reviewer r = Staff.of(auth);
        if (!r.may(Permission.DECIDE) && !r.may(Permission.REFER_TO_POLICE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "", OptionalLong.empty(),
                    new Msg("您的角色不能认领案件", "your role does not claim cases"));
        }
        return r;
    }

    static ApiException notFound(long id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("没有编号为 " + id + " 的案件", "there is no case " + id));
    }

    private static CaseView view(Cases.Case c, List<SignalView> signals, List<Cases.Participant> participants,
                                 Instant now) {
        return new CaseView(c.id(), c.target(), c.about().account(), c.about().contentId().orElse(null),
                c.about().contentType(), c.targetIsMinor(), c.category().id(), c.severity().id(), c.rank(),
                c.due().toString(), !c.status().equals(Cases.DECIDED) && now.isAfter(c.due()), c.openedAt().toString(),
                c.status(), c.claimedBy().orElse(null), signals, participants);
    }
}
