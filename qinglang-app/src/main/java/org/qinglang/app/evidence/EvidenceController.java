package org.qinglang.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.api.Times;
import org.qinglang.app.protection.AccountId;
import org.qinglang.app.security.Callers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Evidence capture over HTTP (一键取证接口), scope {@code protect} (the public key is public): capture, download
 * as the signed JSON, as its signature, or as a readable page. See docs/protection.md.
 */
@RestController
class EvidenceController {

    /** What a capture answers: the bundle's id, hashes and signature, and where to fetch it. */
    record Captured(String id, String account, Instant capturedAt, int itemCount, String sha256, String signature,
                    String algorithm, String keyId, String json, String html, String signatureFile, String publicKey) {
    }

    private static final String ID = "{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";
    private static final String BASE = "/api/v1/evidence/";

    private final EvidenceCapture capture;
    private final EvidenceKey key;
    private final EvidencePage page;
    private final ObjectMapper json;

    EvidenceController(EvidenceCapture capture, EvidenceKey key, EvidencePage page, ObjectMapper json) {
        this.capture = capture;
        this.key = key;
        this.page = page;
        this.json = json;
    }

    @Operation(summary = "Capture evidence about an account (一键取证)",
            description = "Freezes the events about the account whose verdict suggested block or review (optionally "
                    + "{\"from\":ISO-8601, \"to\":ISO-8601} on the event time, to exclusive) into a signed bundle, "
                    + "stored unchanged. 201 with its id, SHA-256 and Ed25519 signature.")
    @PostMapping(path = BASE + "{account}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Captured> capture(@PathVariable("account") String account, HttpServletRequest request,
                                     Authentication auth) {
        AccountId.check(account, "account");
        byte[] body = Bodies.read(request, 4096);
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        if (body.length > 0) {
            JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
            JsonFields.onlyFields(o, "", Set.of("from", "to"));
            from = JsonFields.optString(o, "", "from", 40).map(s -> instant(s, "from"));
            to = JsonFields.optString(o, "", "to", 40).map(s -> instant(s, "to"));
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw new InvalidField(FieldError.badValue("to", "应晚于 from", "must be after from"));
            }
        }
        EvidenceBundle b;
        try {
            b = capture.capture(account, from, to, Callers.who(auth));
        } catch (EvidenceCapture.TooManyItems e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_many", "", OptionalLong.of(EvidenceCapture.MAX_ITEMS),
                    new Msg("范围内超过 " + EvidenceCapture.MAX_ITEMS + " 条，请用 from/to 分段取证",
                            "more than " + EvidenceCapture.MAX_ITEMS + " items in range: capture in parts with from/to"));
        }
        String at = BASE + b.id();
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, at)
                .body(new Captured(b.id(), b.account(), b.capturedAt(), b.itemCount(), b.sha256(), b.signature(),
                        "Ed25519", b.keyId(), at, at + ".html", at + "?format=sig", BASE + "public-key"));
    }

    @Operation(summary = "Download a bundle (下载取证包)",
            description = "format=json (default): the signed document, byte for byte, with its SHA-256 and signature in "
                    + "the X-Evidence-* headers; format=sig: the 64-byte signature; format=html: a readable page.")
    @GetMapping(path = BASE + ID)
    ResponseEntity<byte[]> get(@PathVariable("id") String id,
                               @RequestParam(name = "format", defaultValue = "json") String format,
                               HttpServletRequest request) {
        EvidenceBundle b = capture.find(id).orElseThrow(() -> notFound(id));
        return switch (format) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header("X-Evidence-SHA256", b.sha256()).header("X-Evidence-Signature", b.signature())
                    .header("X-Evidence-Key-Id", b.keyId())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-" + id + ".json\"")
                    .body(b.document().getBytes(StandardCharsets.UTF_8));
            case "sig" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-" + id + ".sig\"")
                    .body(Base64.getDecoder().decode(b.signature()));
            case "html" -> html(b, request);
            default -> throw new InvalidField(FieldError.badValue("format", "可用 json、sig、html",
                    "use json, sig or html"));
        };
    }

    @Operation(summary = "A bundle as a readable page (取证包页面)")
    @GetMapping(path = BASE + ID + ".html")
    ResponseEntity<byte[]> getHtml(@PathVariable("id") String id, HttpServletRequest request) {
        return html(capture.find(id).orElseThrow(() -> notFound(id)), request);
    }

    @Operation(summary = "The public key that signs bundles (验签公钥)", description = "PEM, for openssl or Java; public.")
    @GetMapping(path = BASE + "public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    String publicKey() {
        return key.publicKeyPem();
    }

    private ResponseEntity<byte[]> html(EvidenceBundle b, HttpServletRequest request) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(page.render(b, RequestContextUtils.getLocale(request)).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String s, String field) {
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidField(FieldError.badValue(field, "应为带时区的 ISO-8601 时间，如 2026-11-22T10:00:00+08:00",
                    "must be an ISO-8601 time with an offset, such as 2026-11-22T10:00:00+08:00"));
        }
        if (!Times.accepted(t)) {
            throw Times.outside(field);
        }
        return t;
    }


    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("取证包 " + id + " 不存在", "no evidence bundle " + id));
    }
}
