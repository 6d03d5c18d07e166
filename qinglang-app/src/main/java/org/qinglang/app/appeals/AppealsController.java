package org.qinglang.app.appeals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.Staff;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Appeals: the platform files and reads them ({@code /api/v1/appeals}, scope report); staff list them and a
 * senior reviewer decides them ({@code /console/api/appeals}).
 */
@RestController
class AppealsController {

    /** An appeal in JSON. */
    record AppealView(long id, long decisionId, String account, String action, String status, String statusText,
                      String filedAt, String answerBy, String decidedBy, String answer) {
    }

    private static final long BODY_BYTES = 16 * 1024;

    private final Appeals appeals;
    private final ObjectMapper json;

    AppealsController(Appeals appeals, ObjectMapper json) {
        this.appeals = appeals;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/appeals", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AppealView> file(HttpServletRequest request, Authentication auth) {
        JsonNode o = WorkflowFields.body(request, json, BODY_BYTES, Set.of("decisionId", "reason"));
        long decision = JsonFields.optInt(o, "", "decisionId", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> new InvalidField(FieldError.missing("decisionId")));
        Appeals.View v = appeals.file(decision, JsonFields.optString(o, "", "reason", 2000),
                Callers.apiKeyId(auth), Callers.who(auth));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(v, request));
    }

    @GetMapping(path = "/api/v1/appeals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    AppealView read(@PathVariable("id") String id, HttpServletRequest request, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        return view(appeals.find(n, Callers.apiKeyId(auth)).orElseThrow(() -> notFound(n)), request);
    }

    @GetMapping(path = "/console/api/appeals", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AppealView> pending(HttpServletRequest request) {
        return appeals.pending(200).stream().map(v -> view(v, request)).toList();
    }

    @PostMapping(path = "/console/api/appeals/{id}/decide", produces = MediaType.APPLICATION_JSON_VALUE)
    AppealView decide(@PathVariable("id") String id, HttpServletRequest request, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        JsonNode o = WorkflowFields.body(request, json, BODY_BYTES, Set.of("overturn", "answer"));
        if (o.get("overturn") == null || o.get("overturn").isNull()) {
            throw new InvalidField(FieldError.missing("overturn"));
        }
        boolean overturn = WorkflowFields.optBoolean(o, "", "overturn", false);
        String answer = JsonFields.string(o, "", "answer", 2000);
        return view(appeals.decide(n, Staff.of(auth), overturn, answer), request);
    }

    private static ApiException notFound(long id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("没有编号为 " + id + " 的申诉", "there is no appeal " + id));
    }

    private static AppealView view(Appeals.View v, HttpServletRequest request) {
        return new AppealView(v.id(), v.decisionId(), v.account(), v.action(), v.status(),
                Appeals.statusLabel(v.status(), RequestContextUtils.getLocale(request)), v.filedAt().toString(),
                v.answerBy().toString(), v.decidedBy().orElse(null), v.answer().orElse(null));
    }
}
