package org.qinglang.app.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.Msg;
import org.qinglang.app.security.Callers;
import org.qinglang.app.server.Limits;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code POST /api/v1/events}: a batch of events → 202 with what was accepted and what was refused (scope ingest). */
@RestController
class EventsController {

    /** The answer: {@code accepted} events are committed ({@code duplicates} of them were already); refused by index. */
    record Result(int accepted, int duplicates, List<Refused> rejected) {
    }

    /** One refused event. */
    record Refused(int index, String id, String code, String field, Long limit, String message) {
    }

    /** One event in ARCHITECTURE.md's format, for the OpenAPI description. */
    static final String EXAMPLE = "{\"id\":\"c-1029\",\"type\":\"comment\",\"ts\":\"2026-11-22T10:00:03+08:00\","
            + "\"actor\":\"u-77\",\"target\":{\"account\":\"u-9\",\"content\":\"p-301\"},\"text\":\"你个傻1逼\","
            + "\"context\":{\"relation\":\"stranger\",\"actorAgeDays\":3,\"ip\":\"203.0.113.0/24\","
            + "\"device\":\"d-5f2c\",\"scene\":\"comment\"}}";

    private final EventBatchParser parser;
    private final EventIngestion ingestion;
    private final Limits limits;

    EventsController(EventBatchParser parser, EventIngestion ingestion, Limits limits) {
        this.parser = parser;
        this.ingestion = ingestion;
        this.limits = limits;
    }

    @Operation(summary = "Send a batch of events (批量接入事件)",
            description = "A JSON array or NDJSON (application/x-ndjson) of up to 10,000 events in the format of "
                    + "ARCHITECTURE.md. 202 means every accepted event is committed; resending is safe (idempotent by "
                    + "id). Bad events are refused by index, naming the field and the limit; the others are accepted. "
                    + "400 if no event was good.",
            requestBody = @RequestBody(content = {
                    @Content(mediaType = "application/x-ndjson", examples = @ExampleObject(value = EXAMPLE)),
                    @Content(mediaType = "application/json", examples = @ExampleObject(value = "[" + EXAMPLE + "]"))}))
    @PostMapping(path = "/api/v1/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Result> ingest(HttpServletRequest request, Authentication auth) {
        byte[] body = Bodies.read(request, limits.eventsBodyBytes());
        EventBatchParser.Batch batch = parser.parse(body);
        Locale locale = RequestContextUtils.getLocale(request);
        List<Refused> refused = batch.rejected().stream().map(r -> new Refused(r.index(), r.id().orElse(null),
                r.error().code(), r.error().field(), r.error().limit().isPresent() ? r.error().limit().getAsLong() : null,
                r.error().msg().in(locale))).toList();
        if (batch.events().isEmpty()) {
            return ResponseEntity.badRequest().body(new Result(0, 0, refused));
        }
        EventIngestion.Outcome o = ingestion.ingest(batch.events(), Callers.apiKeyId(auth));
        List<Refused> all = new ArrayList<>(refused);
        for (IncomingEvent e : o.conflicts()) {
            all.add(new Refused(e.index(), e.id(), "id_conflict", "id", null, new Msg(
                    "事件 id " + e.id() + " 已用于内容不同的另一个事件：未存储，请用新的 id",
                    "event id " + e.id() + " is already used by an event with other content: not stored; use a new id")
                    .in(locale)));
        }
        all.sort(java.util.Comparator.comparingInt(Refused::index));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Result(o.accepted(), o.duplicates(), all));
    }
}
