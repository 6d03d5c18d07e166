package org.qinglang.app.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.server.Limits;
import org.qinglang.core.verdict.Moderator;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashSet;
import java.util.Set;

/** {@code POST /api/v1/text/check}: one text and its context → the Moderator's verdict (scope {@code check}). */
@RestController
class CheckController {

    private static final Set<String> FIELDS = Set.of("text", "context");

    private final Moderator moderator;
    private final ObjectMapper json;
    private final Limits limits;
    private final Timer timer;

    CheckController(Moderator moderator, ObjectMapper json, Limits limits, MeterRegistry meters) {
        this.moderator = moderator;
        this.json = json;
        this.limits = limits;
        this.timer = Timer.builder("qinglang.check").description("time to give one verdict").register(meters);
    }

    @Operation(summary = "Check one text before it is published (发布前检测)",
            description = "Body {\"text\":…, \"context\":{\"relation\":…, \"actorAgeDays\":…, \"scene\":…}}; "
                    + "text at most 10,000 characters. Returns the verdict.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(
                    value = "{\"text\":\"你个傻1逼\",\"context\":{\"relation\":\"stranger\",\"actorAgeDays\":3,\"scene\":\"comment\"}}"))))
    @PostMapping(path = "/api/v1/text/check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    VerdictView check(HttpServletRequest request) {
        byte[] body = Bodies.read(request, limits.checkBodyBytes());
        JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
        JsonFields.onlyFields(o, "", FIELDS);
        String text = JsonFields.string(o, "", "text", limits.textChars());
        JsonNode c = o.get("context");
        if (c != null && !c.isNull()) {
            JsonFields.object(c, "context");
            JsonFields.onlyFields(c, "context.", new HashSet<>(ContextFields.FIELDS));
        }
        var ctx = ContextFields.read(c, "");
        return VerdictView.of(timer.record(() -> moderator.check(text, ctx)));
    }
}
