package org.qinglang.app.sanctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.Staff;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.server.Limits;
import org.qinglang.core.enforce.Offence;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.OffenderRole;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.Sanction;
import org.qinglang.core.enforce.StatementOfReasons;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reviewer decisions over a console session: the ladder's suggestion for a case, deciding it (reviewer; severe
 * steps senior reviewer; referral compliance officer), deciding everyone in a pile-on at once (senior reviewer).
 */
@RestController
class DecisionsController {

    /** The ladder's suggestion. */
    record Suggestion(String account, int strikes, String action, int step, String duration, String endsAt,
                      String explanation, List<String> steps) {
    }

    /** A decision made, in JSON. */
    record MadeView(long id, String account, String action, int step, String endsAt, Map<String, Object> statement) {
    }

    /** The outcome of a decide call: the decisions made (none for "no violation"). */
    record Outcome(long caseId, boolean violation, List<MadeView> decisions) {
    }

    private static final Set<String> FIELDS = Set.of("violation", "severity", "category", "role", "step", "ground", "facts");
    private static final Set<String> BATCH_FIELDS = Set.of("severity", "category", "subjects", "ground", "facts");
    private static final Set<String> GROUND_FIELDS = Set.of("kind", "reference", "explanation");
    private static final int MAX_SUBJECTS = 1000;
    private static final long BODY_BYTES = 256 * 1024;

    private final Decisions decisions;
    private final Cases cases;
    private final ObjectMapper json;

    DecisionsController(Decisions decisions, Cases cases, ObjectMapper json, Limits limits) {
        this.decisions = decisions;
        this.cases = cases;
        this.json = json;
    }

    @GetMapping(path = "/console/api/cases/{id}/suggestion", produces = MediaType.APPLICATION_JSON_VALUE)
    Suggestion suggestion(@PathVariable("id") String id,
                          @RequestParam(name = "severity", defaultValue = "minor") String severity,
                          @RequestParam(name = "role", defaultValue = "participant") String role,
                          @RequestParam(name = "account", required = false) String account,
                          HttpServletRequest request) {
        long n = WorkflowFields.pathId(id);
        Cases.Case c = cases.find(n).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "id",
                OptionalLong.empty(), new Msg("没有编号为 " + n + " 的案件", "there is no case " + n)));
        OffenceSeverity s = parse(severity, "severity", OffenceSeverity::fromId, "minor, moderate, serious, grave");
        OffenderRole r = parse(role, "role", DecisionsController::role, ROLES);
        String who = account == null || account.isBlank() ? c.about().account() : account;
        Decisions.Suggested suggested = decisions.suggest(who, new Offence(s, c.category()), r);
        Sanction sanction = suggested.sanction();
        Locale locale = RequestContextUtils.getLocale(request);
        return new Suggestion(who, suggested.strikesInForce(), sanction.action().id(), sanction.step(),
                sanction.duration().map(Object::toString).orElse(null), sanction.endsAt().map(Object::toString).orElse(null),
                sanction.reasoning().explain(locale), stepsOf(locale));
    }

    /** The answer to a release: the case is open again. */
    record Released(long id, String status) {
    }

    @PostMapping(path = "/console/api/cases/{id}/release", produces = MediaType.APPLICATION_JSON_VALUE)
    Released release(@PathVariable("id") String id, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        decisions.release(n, Staff.of(auth));
        return new Released(n, Cases.OPEN);
    }

    @PostMapping(path = "/console/api/cases/{id}/decide", produces = MediaType.APPLICATION_JSON_VALUE)
    Outcome decide(@PathVariable("id") String id, HttpServletRequest request, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        JsonNode o = WorkflowFields.body(request, json, BODY_BYTES, FIELDS);
        Reviewer reviewer = Staff.of(auth);
        if (!WorkflowFields.optBoolean(o, "", "violation", true)) {
            decisions.noViolation(n, reviewer, JsonFields.optString(o, "", "facts", 5000).orElse(""));
            return new Outcome(n, false, List.of());
        }
        OffenceSeverity severity = WorkflowFields.requiredEnum(o, "", "severity", OffenceSeverity::fromId,
                "minor, moderate, serious, grave");
        Optional<ReportCategory> category = WorkflowFields.optCategory(o, "", "category");
        OffenderRole role = WorkflowFields.optEnum(o, "", "role", DecisionsController::role, ROLES)
                .orElse(OffenderRole.PARTICIPANT);
        OptionalInt step = JsonFields.optInt(o, "", "step", 0, 63);
        Decisions.Made made = decisions.decide(n, reviewer, new Decisions.Finding(severity, category, role, step,
                ground(o), JsonFields.string(o, "", "facts", 5000)));
        return new Outcome(n, true, List.of(view(made)));
    }

    @PostMapping(path = "/console/api/cases/{id}/batch-decide", produces = MediaType.APPLICATION_JSON_VALUE)
    Outcome batch(@PathVariable("id") String id, HttpServletRequest request, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        JsonNode o = WorkflowFields.body(request, json, BODY_BYTES, BATCH_FIELDS);
        OffenceSeverity severity = WorkflowFields.requiredEnum(o, "", "severity", OffenceSeverity::fromId,
                "minor, moderate, serious, grave");
        Optional<ReportCategory> category = WorkflowFields.optCategory(o, "", "category");
        JsonNode list = o.get("subjects");
        if (list == null) { // everyone the case's alerts named, by role (a pile-on's participants, a group's members)
            list = json.valueToTree(cases.participants(n));
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidField(FieldError.missing("subjects"));
        }
        if (list.size() > MAX_SUBJECTS) {
            throw new InvalidField(new FieldError("too_many", "subjects", java.util.OptionalLong.of(MAX_SUBJECTS),
                    new org.qinglang.app.api.Msg("subjects 超过上限 " + MAX_SUBJECTS + " 个",
                            "subjects is over the limit of " + MAX_SUBJECTS)));
        }
        List<Decisions.Subject> subjects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "subjects[" + i + "].";
            JsonNode s = JsonFields.object(list.get(i), "subjects[" + i + "]");
            JsonFields.onlyFields(s, p, Set.of("account", "role"));
            String account = JsonFields.string(s, p, "account", 128);
            Decisions.once(seen, account, p + "account");
            subjects.add(new Decisions.Subject(account,
                    WorkflowFields.requiredEnum(s, p, "role", DecisionsController::role, ROLES)));
        }
        List<Decisions.Made> made = decisions.decideBatch(n, Staff.of(auth), severity, category, subjects, ground(o),
                JsonFields.string(o, "", "facts", 5000));
        return new Outcome(n, true, made.stream().map(DecisionsController::view).toList());
    }

    private static final String ROLES = "first-poster (first), repeat-poster (repeat), inciter, participant (member)";

    /** An offender role by the core's id or the stream alert's role name ({@link Decisions#role}). */
    static OffenderRole role(String id) {
        return Decisions.role(id);
    }

    private static StatementOfReasons.Ground ground(JsonNode o) {
        JsonNode g = o.get("ground");
        if (g == null || g.isNull()) {
            throw new InvalidField(FieldError.missing("ground"));
        }
        JsonFields.object(g, "ground");
        JsonFields.onlyFields(g, "ground.", GROUND_FIELDS);
        StatementOfReasons.GroundKind kind = WorkflowFields.requiredEnum(g, "ground.", "kind",
                s -> StatementOfReasons.GroundKind.valueOf(s.toUpperCase(Locale.ROOT)), "law, terms");
        return new StatementOfReasons.Ground(kind, JsonFields.string(g, "ground.", "reference", 500),
                JsonFields.optString(g, "ground.", "explanation", 2000).orElse(""));
    }

    private static <T> T parse(String value, String field, java.util.function.Function<String, T> parse, String allowed) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(FieldError.badValue(field, "可用取值：" + allowed, "use one of: " + allowed));
        }
    }

    private List<String> stepsOf(Locale locale) {
        List<String> out = new ArrayList<>();
        decisions.ladderSteps().forEach(s -> out.add(s.action().label(locale)
                + s.duration().map(d -> " " + d).orElse("") + (s.graveOnly() ? " (grave)" : "")));
        return out;
    }

    private static MadeView view(Decisions.Made m) {
        return new MadeView(m.id(), m.account(), m.sanction().action().id(), m.sanction().step(),
                m.sanction().endsAt().map(Object::toString).orElse(null), m.statement().fields());
    }
}
