package org.qinglang.app.sanctions;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.OptionalLong;

/**
 * {@code POST /api/v1/sanctions/{id}/ack} (scope ingest): the platform says it carried out sanction (decision)
 * {@code id} (已执行回执). Idempotent: a second ack keeps the first time.
 */
@RestController
class AckController {

    /** The acknowledgement as stored. */
    record Acked(long id, String ackedAt) {
    }

    private final Decisions decisions;

    AckController(Decisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping(path = "/api/v1/sanctions/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    Acked ack(@PathVariable("id") String id, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        return decisions.ack(n, Callers.who(auth)).map(at -> new Acked(n, at.toString()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                        new Msg("没有编号为 " + n + " 的处罚", "there is no sanction " + n)));
    }
}
