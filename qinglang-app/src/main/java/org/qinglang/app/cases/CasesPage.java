package org.qinglang.app.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.Msg;
import org.qinglang.core.enforce.Permission;
import org.qinglang.core.enforce.Reviewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's review queue page (审核队列) for any staff role, every value shown escaped, and its "claim next"
 * button (认领下一件) for those who decide cases: it claims the most urgent unclaimed case as
 * {@code POST /console/api/cases/claim-next} does ({@link Cases#claimNext}: two reviewers never get the same
 * case) and opens its page, or says the queue has nothing left to claim.
 */
@Controller
class CasesPage {

    /** One row of the page, as text. */
    record Row(long id, String category, String target, String severity, String due, boolean overdue, String status,
               String claimedBy, boolean minor) {
    }

    private static final DateTimeFormatter TIME = WorkflowPolicy.CONSOLE_TIME;

    private final Cases cases;
    private final WorkflowPolicy policy;

    CasesPage(Cases cases, WorkflowPolicy policy) {
        this.cases = cases;
        this.policy = policy;
    }

    @GetMapping("/console/cases")
    String queue(Model model, HttpServletRequest request, Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        Instant now = policy.clock().instant();
        List<Row> rows = cases.queue(SHOWN).stream().map(c -> new Row(c.id(), c.category().label(locale), c.target(),
                c.severity().label(locale), TIME.format(c.due()), now.isAfter(c.due()), c.status(),
                c.claimedBy().orElse(""), c.targetIsMinor())).toList();
        model.addAttribute("rows", rows);
        // more than are shown: say so, and how many (the rest are less urgent; "claim next" takes them in order)
        model.addAttribute("queued", rows.size() < SHOWN ? rows.size() : cases.queueSize());
        model.addAttribute("canClaim", claims(Staff.of(auth)));
        return "cases";
    }

    @PostMapping("/console/cases/claim-next")
    String claimNext(Model model, HttpServletRequest request, HttpServletResponse response, Authentication auth,
                     RedirectAttributes redirect) {
        Reviewer r = Staff.of(auth);
        if (!claims(r)) {  // as the JSON claim-next: the path's roles all may, this holds if the rules drift apart
            String page = queue(model, request, auth);
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", new Msg("您的角色不能认领案件", "your role does not claim cases")
                    .in(RequestContextUtils.getLocale(request)));
            return page;
        }
        // pressed twice (a double click): the case claimed a moment ago, not a second one left claimed and unseen;
        // one press of a reviewer at a time, so that two arriving together do not both find no recent claim
        Optional<Cases.Case> claimed;
        synchronized (pressing.computeIfAbsent(r.id(), k -> new Object())) {
            claimed = cases.claimedWithin(r.id(), REPEATED_PRESS).or(() -> cases.claimNext(r.id()));
        }
        if (claimed.isEmpty()) {
            redirect.addFlashAttribute("queueEmpty", true);
            return "redirect:/console/cases";
        }
        return "redirect:/console/cases/" + claimed.get().id();
    }

    /** A lock per reviewer for their "claim next" presses (one server; a few dozen reviewers). */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> pressing =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The most cases the queue page lists, most urgent first. */
    static final int SHOWN = 200;

    /** How soon after a claim a second "claim next" is taken for the same press. */
    static final Duration REPEATED_PRESS = Duration.ofSeconds(10);

    /** True if {@code r} claims cases (those who decide them, and compliance officers for referrals). */
    private static boolean claims(Reviewer r) {
        return r.may(Permission.DECIDE) || r.may(Permission.REFER_TO_POLICE);
    }
}
