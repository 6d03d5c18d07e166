package org.qinglang.app.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.cases.WorkflowPolicy;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bundle as a readable page (取证包页面), in Chinese: who and what it is about, the hash and signature, how to
 * verify them, and each item. Rendered by Thymeleaf ({@code templates/evidence/bundle.html}), which escapes
 * every user text ({@code th:text}); the page loads nothing and runs no script.
 */
@Component
class EvidencePage {

    /** One row of the page. */
    record Row(int n, String time, String type, String actor, String text, String suggestion, String riskLevel,
               String sha256) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
            .withZone(WorkflowPolicy.ZONE);
    private static final ObjectMapper READ = new ObjectMapper();

    private final ITemplateEngine templates;

    EvidencePage(ITemplateEngine templates) {
        this.templates = templates;
    }

    String render(EvidenceBundle b, Locale locale) {
        JsonNode doc;
        try {
            doc = READ.readTree(b.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored bundle is always JSON", e);
        }
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (JsonNode it : doc.path("items")) {
            rows.add(new Row(++n, TIME.format(Instant.parse(it.path("ts").asText())),
                    type(it.path("type").asText()),
                    it.path("actor").asText(), it.path("text").asText(), it.path("suggestion").asText(),
                    it.path("riskLevel").asText(), it.path("sha256").asText()));
        }
        Context ctx = new Context(Locale.SIMPLIFIED_CHINESE);
        ctx.setVariable("b", b);
        // what the page says of the bundle comes from the signed document itself, so that a verified signature
        // vouches for all of it (the table's columns beside it could be changed without breaking the signature)
        ctx.setVariable("id", doc.path("id").asText());
        ctx.setVariable("account", doc.path("account").asText());
        ctx.setVariable("capturedAt", TIME.format(Instant.parse(doc.path("capturedAt").asText())));
        ctx.setVariable("capturedBy", doc.path("capturedBy").asText());
        ctx.setVariable("itemCount", doc.path("itemCount").asInt());
        ctx.setVariable("keyId", doc.path("keyId").asText());
        ctx.setVariable("from", doc.path("from").asText(""));
        ctx.setVariable("to", doc.path("to").asText(""));
        ctx.setVariable("itemsSha256", doc.path("itemsSha256").asText());
        ctx.setVariable("rows", rows);
        return templates.process("evidence/bundle", ctx);
    }

    private static String type(String id) {
        return switch (id) {
            case "comment" -> "评论";
            case "dm" -> "私信";
            case "mention" -> "@提及";
            case "repost" -> "转发";
            case "danmaku" -> "弹幕";
            case "post" -> "发帖";
            case "rating" -> "评分";
            default -> id;
        };
    }
}
