package org.qinglang.app.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.Staff;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.evidence.EvidenceBundle;
import org.qinglang.app.evidence.EvidenceCapture;
import org.qinglang.app.reports.Reports;
import org.qinglang.app.sanctions.Decisions;
import org.qinglang.app.sanctions.StatementView;
import org.qinglang.app.security.Callers;
import org.qinglang.core.enforce.Offence;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.OffenderRole;
import org.qinglang.core.enforce.Permission;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.Sanction;
import org.qinglang.core.enforce.SanctionLadder;
import org.qinglang.core.enforce.StatementOfReasons;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The case page (案件详情): the case, its reports, signals (verdicts and alerts), participants and the events
 * behind it, its evidence bundles (and one-click capture for a case about an account), its decisions with their
 * statements of reasons, the ladder's suggestion, the claim button, the decide form and, for a senior reviewer
 * holding a case with participants, the batch decision form (批量处置, by role). The forms call the
 * same services with the same checks as {@code /console/api/cases/…}: the path's role (SecurityConfig), then
 * the core's {@link Permission} of the role for claiming and for the step chosen. Every value is shown escaped.
 */
@Controller
class CasePage {

    /** A labelled choice of a select. */
    record Option(String id, String label) {
    }

    /** The case as the page shows it. */
    record CaseView(long id, String target, String account, String content, String contentType, boolean aboutAccount,
                    boolean minor, String category, String severity, long rank, String due, boolean overdue,
                    String openedAt, String status, String claimedBy, String decidedAt) {
    }

    /** A report of the case. */
    record ReportRow(long id, String reporter, String category, String reason, boolean minor, String credibility,
                     String at, String outcome, String action) {
    }

    /** A signal of the case: a report, a verdict or an alert. */
    record SignalRow(String kind, String category, String severity, String reporter, String at) {
    }

    /** An event behind the case. */
    record EventRow(String id, String type, String at, String actor, String text, String suggestion, String risk) {
    }

    /** A participant of the case. */
    record ParticipantRow(String account, String role) {
    }

    /**
     * A participant as the batch form shows it: its role in the pile-on (the core's id, preselected) and what the
     * ladder suggests for it at the page's severity (its own strikes, its role's steps).
     */
    record BatchRow(String account, String role, String roleLabel, int strikes, int step, String action) {
    }

    /** One decision of a batch as the page shows it afterwards (a flash attribute, so serializable). */
    record BatchMade(long id, String account, String role, int step, String action, String endsAt)
            implements java.io.Serializable {
    }

    /** An evidence bundle about the case's account. */
    record BundleRow(String id, String at, String by, int items, String sha256) {
    }

    /** A decision of the case with its statement of reasons. */
    record DecisionRow(long id, String account, String action, int step, String decidedBy, String at, String reversedAt,
                       Map<String, String> statement) {
    }

    /** The ladder's suggestion for the case's account. */
    record SuggestionView(String account, int strikes, String severity, String role, String action, int step,
                          String explanation) {
    }

    private static final DateTimeFormatter TIME = WorkflowPolicy.CONSOLE_TIME;
    private static final int MAX_ROWS = 500;
    private static final Sanction.Reasoning NO_REASONING = new Sanction.Reasoning(0, 0, 0, 0, OffenderRole.PARTICIPANT,
            0, false, false, false);

    private final Cases cases;
    private final Reports reports;
    private final Decisions decisions;
    private final EvidenceCapture evidence;
    private final WorkflowPolicy policy;

    CasePage(Cases cases, Reports reports, Decisions decisions, EvidenceCapture evidence, WorkflowPolicy policy) {
        this.cases = cases;
        this.reports = reports;
        this.decisions = decisions;
        this.evidence = evidence;
        this.policy = policy;
    }

    @GetMapping("/console/cases/{id}")
    String show(@PathVariable("id") String id, @RequestParam(name = "severity", required = false) String severity,
                @RequestParam(name = "role", required = false) String role, Model model, HttpServletRequest request,
                HttpServletResponse response, Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        long n;
        Cases.Case c;
        try {
            n = WorkflowFields.pathId(id);
            c = cases.find(n).orElseThrow(() -> notFound(n));
        } catch (ApiException | InvalidField e) {
            return problem(e, model, locale, response);
        }
        OffenceSeverity s = c.severity();
        OffenderRole r = OffenderRole.PARTICIPANT;
        try {
            s = severity == null || severity.isBlank() ? s : OffenceSeverity.fromId(severity.strip());
            r = role == null || role.isBlank() ? r : OffenderRole.fromId(role.strip());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", new Msg("severity 或 role 取值无效", "severity or role is not valid").in(locale));
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", DecideForm.defaults(s, r));
        }
        if (!model.containsAttribute("batchForm")) {
            model.addAttribute("batchForm", BatchForm.defaults(s));
        }
        fill(model, c, s, r, Staff.of(auth), locale);
        return "case";
    }

    @PostMapping("/console/cases/{id}/claim")
    String claim(@PathVariable("id") String id, Model model, HttpServletRequest request, HttpServletResponse response,
                 Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            long n = WorkflowFields.pathId(id);
            Reviewer reviewer = mayActOn(auth);
            cases.find(n).orElseThrow(() -> notFound(n));
            if (!cases.claim(n, reviewer.id())) {
                throw new ApiException(HttpStatus.CONFLICT, "already_claimed", "id", OptionalLong.empty(),
                        new Msg("案件 " + n + " 已被认领或已结案", "case " + n + " is claimed by someone else or decided"));
            }
            return "redirect:/console/cases/" + n;
        } catch (ApiException | InvalidField e) {
            return again(id, e, model, locale, request, response, auth);
        }
    }

    @PostMapping("/console/cases/{id}/release")
    String release(@PathVariable("id") String id, Model model, HttpServletRequest request, HttpServletResponse response,
                   Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            long n = WorkflowFields.pathId(id);
            decisions.release(n, mayActOn(auth));
            return "redirect:/console/cases/" + n;
        } catch (ApiException | InvalidField e) {
            return again(id, e, model, locale, request, response, auth);
        }
    }

    @PostMapping("/console/cases/{id}/decide")
    String decide(@PathVariable("id") String id, @ModelAttribute("form") DecideForm form, Model model,
                  HttpServletRequest request, HttpServletResponse response, Authentication auth,
                  RedirectAttributes redirect) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            long n = WorkflowFields.pathId(id);
            Reviewer reviewer = Staff.of(auth);
            List<String> statements = new ArrayList<>();
            if (form.isViolation()) {
                Decisions.Made made = decisions.decide(n, reviewer, form.finding());
                statements.add(made.statement().render(locale, WorkflowPolicy.ZONE));
            } else {
                decisions.noViolation(n, reviewer, form.noViolationFacts());
            }
            redirect.addFlashAttribute("decided", true);
            redirect.addFlashAttribute("statements", statements);
            return "redirect:/console/cases/" + n;
        } catch (ApiException | InvalidField e) {
            return again(id, e, model, locale, request, response, auth);
        }
    }

    /**
     * Decides for every participant the form keeps at once (批量处置), each by its own strikes and role, as
     * {@code POST /console/api/cases/{id}/batch-decide} does ({@link Decisions#decideBatch}: senior reviewers,
     * {@link Permission#BATCH_DECIDE}, and each step's own permission); the page then shows each account's result.
     */
    @PostMapping("/console/cases/{id}/batch-decide")
    String batch(@PathVariable("id") String id, @ModelAttribute("batchForm") BatchForm form, Model model,
                 HttpServletRequest request, HttpServletResponse response, Authentication auth,
                 RedirectAttributes redirect) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            long n = WorkflowFields.pathId(id);
            Reviewer reviewer = Staff.of(auth);
            cases.find(n).orElseThrow(() -> notFound(n));
            if (!reviewer.may(Permission.BATCH_DECIDE)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "", OptionalLong.empty(),
                        new Msg("批量处置需要高级审核员角色", "a batch decision needs the senior reviewer role"));
            }
            List<Decisions.Made> made = decisions.decideBatch(n, reviewer, form.offenceSeverity(),
                    form.offenceCategory(), form.subjects(cases.participants(n)), form.ground(), form.factsText());
            redirect.addFlashAttribute("batchMade", made.stream().map(m -> new BatchMade(m.id(), m.account(),
                    m.sanction().reasoning().role().label(locale), m.sanction().step(), m.sanction().describe(locale),
                    m.sanction().endsAt().map(TIME::format).orElse(""))).toList());
            return "redirect:/console/cases/" + n;
        } catch (ApiException | InvalidField e) {
            return again(id, e, model, locale, request, response, auth);
        }
    }

    @PostMapping("/console/cases/{id}/evidence")
    String capture(@PathVariable("id") String id, Model model, HttpServletRequest request, HttpServletResponse response,
                   Authentication auth, RedirectAttributes redirect) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            long n = WorkflowFields.pathId(id);
            mayActOn(auth);
            Cases.Case c = cases.find(n).orElseThrow(() -> notFound(n));
            if (c.about().contentId().isPresent()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "not_an_account", "id", OptionalLong.empty(),
                        new Msg("取证包针对账号：本案对象是内容，内容原文见本页", "evidence bundles are about an account; "
                                + "this case is about content, shown on this page"));
            }
            EvidenceBundle b;
            try {
                b = evidence.capture(c.about().account(), Optional.empty(), Optional.empty(), Callers.who(auth));
            } catch (EvidenceCapture.TooManyItems e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "too_many", "", OptionalLong.of(EvidenceCapture.MAX_ITEMS),
                        new Msg("超过 " + EvidenceCapture.MAX_ITEMS + " 条，请用 API 按时间分段取证",
                                "more than " + EvidenceCapture.MAX_ITEMS + " items: capture in parts through the API"));
            }
            redirect.addFlashAttribute("captured", b.id());
            return "redirect:/console/cases/" + n;
        } catch (ApiException | InvalidField e) {
            return again(id, e, model, locale, request, response, auth);
        }
    }

    /** The page again, with the error and its status (and the form as it was posted). */
    private String again(String id, RuntimeException e, Model model, Locale locale, HttpServletRequest request,
                         HttpServletResponse response, Authentication auth) {
        ApiException a = e instanceof InvalidField f ? ApiException.badField(f.error()) : (ApiException) e;
        String page = show(id, null, null, model, request, response, auth);
        response.setStatus(a.status().value());
        model.addAttribute("error", a.msg().in(locale));
        return page;
    }

    private static String problem(RuntimeException e, Model model, Locale locale, HttpServletResponse response) {
        ApiException a = e instanceof InvalidField f ? ApiException.badField(f.error()) : (ApiException) e;
        response.setStatus(a.status().value());
        model.addAttribute("message", a.msg().in(locale));
        return "console-error";
    }

    /** The reviewer of {@code auth} if their role claims and decides cases (as the JSON claim checks). */
    private static Reviewer mayActOn(Authentication auth) {
        Reviewer r = Staff.of(auth);
        if (!r.may(Permission.DECIDE) && !r.may(Permission.REFER_TO_POLICE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "", OptionalLong.empty(),
                    new Msg("您的角色不能认领或处理案件", "your role does not claim or decide cases"));
        }
        return r;
    }

    private static ApiException notFound(long id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("没有编号为 " + id + " 的案件", "there is no case " + id));
    }

    private void fill(Model model, Cases.Case c, OffenceSeverity severity, OffenderRole role, Reviewer me, Locale locale) {
        Instant now = policy.clock().instant();
        boolean aboutAccount = c.about().contentId().isEmpty();
        model.addAttribute("c", new CaseView(c.id(), c.target(), c.about().account(), c.about().contentId().orElse(""),
                c.about().contentType(), aboutAccount, c.targetIsMinor(), c.category().label(locale),
                c.severity().label(locale), c.rank(), TIME.format(c.due()),
                !c.status().equals(Cases.DECIDED) && now.isAfter(c.due()), TIME.format(c.openedAt()), c.status(),
                c.claimedBy().orElse(""), c.decidedAt().map(TIME::format).orElse("")));
        model.addAttribute("reports", reports.ofCase(c.id(), MAX_ROWS).stream().map(r -> new ReportRow(r.id(),
                r.reporter(), r.category().label(locale), r.reason().orElse(""), r.minorInvolved(),
                String.format(Locale.ROOT, "%.2f", r.credibility()), TIME.format(r.createdAt()), r.outcome(),
                r.action().map(a -> a.label(locale)).orElse(""))).toList());
        model.addAttribute("signals", cases.signals(c.id()).stream().limit(MAX_ROWS).map(s -> new SignalRow(s.kind(),
                s.category().label(locale), s.severity().map(v -> v.label(locale)).orElse(""), s.reporter().orElse(""),
                TIME.format(s.at()))).toList());
        model.addAttribute("events", cases.flagged(c.id(), MAX_ROWS).stream().map(e -> new EventRow(e.eventId(),
                e.type(), TIME.format(e.ts()), e.actor(), e.text(), e.suggestion(), e.riskLevel())).toList());
        List<Cases.Participant> participants = cases.participants(c.id());
        model.addAttribute("participants", participants.stream()
                .map(p -> new ParticipantRow(p.account(), participantRole(p.role(), locale))).toList());
        model.addAttribute("bundles", aboutAccount ? evidence.ofAccount(c.about().account(), 50).stream()
                .map(b -> new BundleRow(b.id(), TIME.format(b.capturedAt()), b.capturedBy(), b.itemCount(), b.sha256()))
                .toList() : List.of());
        model.addAttribute("decisions", decisions.ofCase(c.id()).stream().map(d -> new DecisionRow(d.id(), d.account(),
                d.action().label(locale), d.step(), d.decidedBy(), TIME.format(d.decidedAt()),
                d.reversedAt().map(TIME::format).orElse(""), StatementView.of(d.statement(), locale))).toList());
        Decisions.Suggested own = decisions.suggest(c.about().account(), new Offence(severity, c.category()), role);
        Sanction suggested = own.sanction();
        model.addAttribute("suggestion", new SuggestionView(c.about().account(), own.strikesInForce(), severity.id(),
                role.id(), suggested.describe(locale), suggested.step(), suggested.reasoning().explain(locale)));
        // the ladder's step may need a role the reader lacks (移送公安 a compliance officer's): say so before they submit
        model.addAttribute("suggestionAllowed", me.may(Permission.toApply(suggested)));
        boolean acts = me.may(Permission.DECIDE) || me.may(Permission.REFER_TO_POLICE);
        boolean claimed = c.status().equals(Cases.CLAIMED);
        boolean mine = claimed && c.claimedBy().orElse("").equals(me.id());
        // an alert's case is decided for its participants (the batch form): its own form only finds no violation
        boolean alertCase = c.about().isAlert();
        model.addAttribute("alertCase", alertCase);
        model.addAttribute("canClaim", acts && c.status().equals(Cases.OPEN));
        model.addAttribute("canDecide", acts && mine && (!alertCase || me.may(Permission.DECIDE)));
        model.addAttribute("canClear", me.may(Permission.DECIDE));
        model.addAttribute("canRelease", acts && claimed && (mine || me.may(Permission.REASSIGN)));
        model.addAttribute("canCapture", acts && aboutAccount);
        boolean batch = me.may(Permission.BATCH_DECIDE) && mine && !participants.isEmpty();
        model.addAttribute("canBatch", batch && participants.size() <= BatchForm.MAX_SUBJECTS);
        model.addAttribute("batchTooMany", batch && participants.size() > BatchForm.MAX_SUBJECTS);
        model.addAttribute("batchRows", batch && participants.size() <= BatchForm.MAX_SUBJECTS
                ? batchRows(participants, postedRoles(model), new Offence(severity, c.category()), locale) : List.of());
        model.addAttribute("batchRoles", batchRoles(locale));
        model.addAttribute("steps", steps(me, now, locale));
        model.addAttribute("severities", Arrays.stream(OffenceSeverity.values())
                .map(v -> new Option(v.id(), v.label(locale))).toList());
        model.addAttribute("roles", Arrays.stream(OffenderRole.values())
                .map(v -> new Option(v.id(), v.label(locale))).toList());
        model.addAttribute("categories", Arrays.stream(ReportCategory.values())
                .map(v -> new Option(v.id(), v.label(locale))).toList());
        model.addAttribute("groundKinds", Arrays.stream(StatementOfReasons.GroundKind.values())
                .map(k -> new Option(k.name().toLowerCase(Locale.ROOT), k == StatementOfReasons.GroundKind.LAW
                        ? new Msg("违反法律法规", "illegal under a law").in(locale)
                        : new Msg("违反平台规则", "against the platform's rules").in(locale))).toList());
    }

    /**
     * The role each account had in a batch form posted and refused (the page shown again keeps the reviewer's
     * choices, a row left out included, so that fixing another field does not decide for an account left out);
     * empty for a page not shown after a post.
     */
    private static Map<String, String> postedRoles(Model model) {
        Map<String, String> roles = new HashMap<>();
        if (model.getAttribute("batchForm") instanceof BatchForm f && f.account() != null && f.role() != null
                && f.account().size() == f.role().size()) {
            for (int i = 0; i < f.account().size(); i++) {
                roles.putIfAbsent(f.account().get(i), f.role().get(i));
            }
        }
        return roles;
    }

    /**
     * Each participant with its role (as posted, if the form was: {@code posted}) and the ladder's suggestion for
     * {@code offence}.
     */
    private List<BatchRow> batchRows(List<Cases.Participant> participants, Map<String, String> posted, Offence offence,
                                     Locale locale) {
        List<BatchRow> out = new ArrayList<>();
        for (Cases.Participant p : participants) {
            OffenderRole role;
            try {
                role = Decisions.role(p.role());
            } catch (IllegalArgumentException e) {
                role = OffenderRole.PARTICIPANT;
            }
            String chosen = posted.get(p.account());
            if (chosen != null && !chosen.equals(BatchForm.SKIP)) {
                try {
                    role = Decisions.role(chosen);
                } catch (IllegalArgumentException e) {
                    // not a role: shown as the alert named it
                }
            }
            Decisions.Suggested s = decisions.suggest(p.account(), offence, role);
            out.add(new BatchRow(p.account(), BatchForm.SKIP.equals(chosen) ? BatchForm.SKIP : role.id(),
                    role.label(locale), s.strikesInForce(), s.sanction().step(), s.sanction().describe(locale)));
        }
        return out;
    }

    /** The roles of the batch form, and leaving an account out. */
    private static List<Option> batchRoles(Locale locale) {
        List<Option> out = new ArrayList<>(Arrays.stream(OffenderRole.values())
                .map(v -> new Option(v.id(), v.label(locale))).toList());
        out.add(new Option(BatchForm.SKIP, new Msg("不处理", "leave out").in(locale)));
        return out;
    }

    /** The ladder's steps that {@code me} may apply (core {@link Permission#toApply}), as choices. */
    private List<Option> steps(Reviewer me, Instant now, Locale locale) {
        List<Option> out = new ArrayList<>();
        List<SanctionLadder.Step> steps = decisions.ladderSteps();
        for (int i = 0; i < steps.size(); i++) {
            SanctionLadder.Step step = steps.get(i);
            Sanction s = new Sanction(step.action(), i, step.duration(), now, step.duration().map(now::plus), NO_REASONING);
            if (me.may(Permission.toApply(s))) {
                out.add(new Option(String.valueOf(i), i + " · " + s.describe(locale)
                        + (step.graveOnly() ? new Msg("（仅限特别严重）", " (grave offences only)").in(locale) : "")));
            }
        }
        return out;
    }

    private static String participantRole(String id, Locale locale) {
        try {
            return Decisions.role(id).label(locale);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }
}
