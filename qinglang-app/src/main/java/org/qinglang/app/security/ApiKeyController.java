package org.qinglang.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Msg;
import org.qinglang.app.server.Limits;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** {@code /api/v1/admin/keys}: making, listing and revoking API keys (scope {@code admin}). */
@RestController
@RequestMapping("/api/v1/admin/keys")
class ApiKeyController {

    /** A key as listed: never its secret. */
    record KeyView(long id, String name, String prefix, List<String> scopes, String createdBy, String createdAt,
                   String revokedAt) {
        static KeyView of(ApiKeys.Key k) {
            return new KeyView(k.id(), k.name(), k.prefix(),
                    k.scopes().stream().map(Scope::id).sorted().toList(), k.createdBy(), k.createdAt().toString(),
                    k.revokedAt().map(Object::toString).orElse(null));
        }
    }

    /** A key just made: {@code key} is shown this once. */
    record CreatedView(KeyView apiKey, String key) {
    }

    private final ApiKeys keys;
    private final ObjectMapper json;
    private final Limits limits;

    ApiKeyController(ApiKeys keys, ObjectMapper json, Limits limits) {
        this.keys = keys;
        this.json = json;
        this.limits = limits;
    }

    /** Body {@code {"name":…, "scopes":["check","ingest"]}} → 201 with the key, shown this once. */
    @PostMapping
    ResponseEntity<CreatedView> create(HttpServletRequest request, Authentication auth) {
        byte[] body = Bodies.read(request, limits.checkBodyBytes());
        JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
        JsonFields.onlyFields(o, "", Set.of("name", "scopes"));
        String name = JsonFields.string(o, "", "name", 100);
        JsonNode s = o.get("scopes");
        if (s == null || !s.isArray() || s.isEmpty()) {
            throw new InvalidField(FieldError.wrongType("scopes", "an array"));
        }
        List<String> ids = new ArrayList<>();
        s.forEach(n -> ids.add(n.asText()));
        Set<Scope> scopes;
        try {
            scopes = ApiKeys.parseScopes(ids);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(FieldError.badValue("scopes", "可用 check、ingest、report、protect、admin", e.getMessage()));
        }
        ApiKeys.Created c = keys.create(name, scopes, Callers.who(auth));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(KeyView.of(c.key()), c.secret()));
    }

    @GetMapping
    List<KeyView> list() {
        return keys.list().stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable("id") long id, Authentication auth) {
        if (!keys.revoke(id, Callers.who(auth))) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                    new Msg("没有未吊销的 API 密钥 " + id, "no unrevoked API key " + id));
        }
        return ResponseEntity.noContent().build();
    }
}
