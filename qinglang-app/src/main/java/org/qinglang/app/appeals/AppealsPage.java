package org.qinglang.app.appeals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.cases.Staff;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.sanctions.Decisions;
import org.qinglang.app.sanctions.StatementView;
import org.qinglang.core.enforce.Permission;
import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.SanctionAction;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The appeals page (申诉复核): the pending appeals, each with the decision appealed and its statement of reasons;
 * a decide form (uphold or overturn, with an answer) only for a senior reviewer who did not make the decision.
 * Deciding calls {@link Appeals#decide}, which checks the same (core {@code AppealPolicy.mayDecide}) as
 * {@code POST /console/api/appeals/{id}/decide}. Every value is shown escaped.
 */
@Controller
class AppealsPage {

    /** An appeal as the page shows it. */
    record Row(long id, long decisionId, long caseId, String account, String action, String filedAt, String answerBy,
               String reason, String decidedBy, String decidedAt, Map<String, String> statement, boolean mayDecide) {
    }

    private static final DateTimeFormatter TIME = WorkflowPolicy.CONSOLE_TIME;
    private static final int ANSWER = 2000;
    /** The most appeals the page lists, the oldest (due first) first. */
    private static final int SHOWN = 200;

    private final Appeals appeals;
    private final Decisions decisions;

    AppealsPage(Appeals appeals, Decisions decisions) {
        this.appeals = appeals;
        this.decisions = decisions;
    }

    @GetMapping("/console/appeals")
    String list(Model model, HttpServletRequest request, Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        Reviewer me = Staff.of(auth);
        model.addAttribute("pendingCount", appeals.pendingCount());
        model.addAttribute("appeals", appeals.pending(SHOWN).stream().map(a -> {
            Decisions.Stored d = decisions.find(a.decisionId()).orElseThrow();
            return new Row(a.id(), a.decisionId(), d.caseId(), a.account(), SanctionAction.fromId(a.action()).label(locale),
                    TIME.format(a.filedAt()), TIME.format(a.answerBy()), a.reason().orElse(""), d.decidedBy(),
                    TIME.format(d.decidedAt()), StatementView.of(d.statement(), locale),
                    me.may(Permission.DECIDE_APPEAL) && !d.decidedBy().equals(me.id()));
        }).toList());
        return "appeals";
    }

    @PostMapping("/console/appeals/{id}/decide")
    String decide(@PathVariable("id") String id, @RequestParam(name = "outcome", defaultValue = "") String outcome,
                  @RequestParam(name = "answer", defaultValue = "") String answer, Model model,
                  HttpServletRequest request, HttpServletResponse response, Authentication auth,
                  RedirectAttributes redirect) {
        Locale locale = RequestContextUtils.getLocale(request);
        String text = JsonFields.foldLineBreaks(answer); // as JsonFields.formText reads it, shown again if refused
        try {
            long n = WorkflowFields.pathId(id);
            if (!outcome.equals("uphold") && !outcome.equals("overturn")) {
                throw new InvalidField(FieldError.badValue("outcome", "应为 uphold（维持）或 overturn（撤销）",
                        "must be uphold or overturn"));
            }
            JsonFields.formText(text, "answer", ANSWER, true);
            Appeals.View v = appeals.decide(n, Staff.of(auth), outcome.equals("overturn"), text);
            redirect.addFlashAttribute("decidedAppeal", v.id());
            redirect.addFlashAttribute("decidedStatus", Appeals.statusLabel(v.status(), locale));
            return "redirect:/console/appeals";
        } catch (ApiException | InvalidField e) {
            ApiException a = e instanceof InvalidField f ? ApiException.badField(f.error()) : (ApiException) e;
            response.setStatus(a.status().value());
            model.addAttribute("error", a.msg().in(locale));
            // the reviewer's answer and choice shown again beside the appeal they were for, not lost
            model.addAttribute("postedAppeal", id);
            model.addAttribute("postedOutcome", outcome);
            model.addAttribute("postedAnswer", text);
            return list(model, request, auth);
        }
    }
}
