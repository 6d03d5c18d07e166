package org.qinglang.app.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.Target;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.security.Callers;
import org.qinglang.app.server.Limits;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.StatementOfReasons;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** {@code POST /api/v1/reports} files a report; {@code GET /api/v1/reports/{id}} reads its outcome (scope report). */
@RestController
class ReportsController {

    /** The answer to filing: the report, its case, and its status. */
    record FiledView(long id, long caseId, String status) {
    }

    /** A report's status and, once decided, the feedback for the reporter. */
    record StatusView(long id, String status, String category, String reportedAt, Boolean founded, String action,
                      String feedback) {
    }

    private static final Set<String> FIELDS = Set.of("reporter", "category", "target", "reason", "minorInvolved",
            "clientId");
    private static final Set<String> TARGET_FIELDS = Set.of("account", "content", "contentType");
    private static final int ID_CHARS = 128;
    private static final int REASON_CHARS = 2000;

    private final Reports reports;
    private final ObjectMapper json;
    private final Limits limits;

    ReportsController(Reports reports, ObjectMapper json, Limits limits) {
        this.reports = reports;
        this.json = json;
        this.limits = limits;
    }

    @Operation(summary = "File a report (提交举报)",
            description = "reporter (the platform's account id of the reporter), category (cyberviolence or 网络暴力, "
                    + "rumour/谣言, pornography/色情低俗, fraud/诈骗, fake-engagement/水军刷量, doxxing/泄露隐私/人肉, "
                    + "illegal/违法违禁, minors/未成年人相关, other/其他), target {account, content?, contentType?}, "
                    + "reason?, minorInvolved?, clientId? (the platform's own id of the report: a retry with the same "
                    + "clientId is answered 200 with the report filed first, nothing filed again) → 201 with the "
                    + "report id and its case.")
    @PostMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FiledView> file(HttpServletRequest request, Authentication auth) {
        JsonNode o = WorkflowFields.body(request, json, limits.checkBodyBytes(), FIELDS);
        String reporter = JsonFields.string(o, "", "reporter", ID_CHARS);
        ReportCategory category = WorkflowFields.optCategory(o, "", "category")
                .orElseThrow(() -> new InvalidField(FieldError.missing("category")));
        JsonNode t = o.get("target");
        if (t == null || t.isNull()) {
            throw new InvalidField(FieldError.missing("target"));
        }
        JsonFields.object(t, "target");
        JsonFields.onlyFields(t, "target.", TARGET_FIELDS);
        String account = JsonFields.string(t, "target.", "account", ID_CHARS);
        Optional<String> content = JsonFields.optString(t, "target.", "content", ID_CHARS).filter(s -> !s.isBlank());
        Optional<String> type = JsonFields.optString(t, "target.", "contentType", 16);
        String contentType = content.isEmpty() ? "account" : type.orElse("post");
        if (content.isPresent() && (!StatementOfReasons.CONTENT_TYPES.contains(contentType) || contentType.equals("account"))) {
            TreeSet<String> allowed = new TreeSet<>(StatementOfReasons.CONTENT_TYPES);
            allowed.remove("account");
            throw new InvalidField(FieldError.badValue("target.contentType", "可用取值：" + String.join(", ", allowed),
                    "use one of: " + String.join(", ", allowed)));
        }
        Optional<String> reason = JsonFields.optString(o, "", "reason", REASON_CHARS);
        boolean minor = WorkflowFields.optBoolean(o, "", "minorInvolved", false);
        Optional<String> clientId = JsonFields.optString(o, "", "clientId", ID_CHARS).filter(s -> !s.isBlank());
        Reports.NewReport report = new Reports.NewReport(reporter, category, new Target(account, content, contentType),
                reason, minor, clientId);
        long key = Callers.apiKeyId(auth);
        Reports.Filed f;
        try {
            f = reports.file(report, key, Callers.who(auth));
        } catch (DuplicateKeyException e) {
            // the same clientId filed by a retry at the same moment: that one won, and its report is the answer
            f = clientId.flatMap(c -> reports.byClientId(key, c)).orElseThrow(() -> e);
        }
        // a retry (the same clientId again) is answered 200 with the report filed first; a new report 201
        return ResponseEntity.status(f.before() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new FiledView(f.id(), f.caseId(), f.outcome()));
    }

    @Operation(summary = "Read a report's outcome (举报反馈)",
            description = "Only reports filed with the same API key are found. status is open, founded or unfounded; "
                    + "feedback is the text for the reporter (Chinese, or English with Accept-Language: en).")
    @GetMapping(path = "/api/v1/reports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    StatusView status(@PathVariable("id") String id, HttpServletRequest request, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        Reports.Status s = reports.find(n, Callers.apiKeyId(auth)).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("没有编号为 " + n + " 的举报", "there is no report " + n)));
        boolean open = s.outcome().equals(Reports.OPEN);
        return new StatusView(s.id(), s.outcome(), s.feedback().category().id(), s.feedback().reportedAt().toString(),
                open ? null : s.feedback().founded(), s.feedback().action().map(a -> a.id()).orElse(null),
                open ? null : s.feedback().render(RequestContextUtils.getLocale(request), WorkflowPolicy.ZONE));
    }
}
