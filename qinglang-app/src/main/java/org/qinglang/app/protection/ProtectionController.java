package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.security.Callers;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One-click protection over HTTP (一键防护接口), scope {@code protect}: {@code PUT} and {@code GET
 * /api/v1/protection/{account}}, and {@code GET /api/v1/protection/{account}/decide}. See docs/protection.md.
 */
@RestController
class ProtectionController {

    /** Protection of one account as the API shows it; fields that do not apply are left out. */
    record SettingsView(String account, boolean on, boolean active, String audience, String period,
                        Map<String, String> treat, Instant since, Instant endsAt, Instant remindAt) {
    }

    /** The answer of decide. */
    record DecisionView(String decision) {
    }

    private static final DecisionView[] DECISIONS = {new DecisionView("allow"), new DecisionView("hold"),
            new DecisionView("deny")};
    private static final int BODY_BYTES = 4096;

    private final Protections protections;
    private final ObjectMapper json;

    ProtectionController(Protections protections, ObjectMapper json) {
        this.protections = protections;
        this.json = json;
    }

    @Operation(summary = "Turn one-click protection on or off (开启或关闭一键防护)",
            description = "Body {\"on\":true, \"audience\":\"strangers|non-followers|all-but-mutual\", "
                    + "\"period\":\"3d|7d|30d|until-off\", \"treat\":{\"comment\":\"hold\",\"dm\":\"deny\",…}} "
                    + "(audience, period and treat optional: the one click is strangers, 7d, comments held, the "
                    + "rest refused) or {\"on\":false}. Committed before the answer.")
    @PutMapping(path = "/api/v1/protection/{account}", produces = MediaType.APPLICATION_JSON_VALUE)
    SettingsView put(@PathVariable("account") String account, HttpServletRequest request, Authentication auth) {
        AccountId.check(account, "account");
        byte[] body = Bodies.read(request, BODY_BYTES);
        JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
        JsonFields.onlyFields(o, "", Set.of("on", "audience", "period", "treat"));
        JsonNode on = o.get("on");
        if (on == null || on.isNull()) {
            throw new InvalidField(FieldError.missing("on"));
        }
        if (!on.isBoolean()) {
            throw new InvalidField(FieldError.wrongType("on", "true or false"));
        }
        String who = Callers.who(auth);
        if (!on.booleanValue()) {
            JsonFields.onlyFields(o, "", Set.of("on"));
            protections.turnOff(account, who);
            return view(account, ProtectionSettings.off());
        }
        OneClick click = OneClick.read(o, "");
        return view(account, protections.turnOn(account, click.builder(), click.period(), who));
    }

    /**
     * What to turn on, read from {@code audience}, {@code period} and {@code treat} of a JSON object; each
     * absent one takes the one click's value (strangers, 7 days, comments held and the rest refused).
     */
    record OneClick(ProtectionSettings.Builder builder, ProtectionPeriod period) {

        static OneClick read(JsonNode o, String prefix) {
            ProtectionAudience audience = JsonFields.optString(o, prefix, "audience", 32)
                    .map(s -> ProtectionIds.audience(s, prefix + "audience")).orElse(ProtectionAudience.STRANGERS);
            ProtectionPeriod period = JsonFields.optString(o, prefix, "period", 16)
                    .map(s -> ProtectionIds.period(s, prefix + "period")).orElse(ProtectionPeriod.DAYS_7);
            ProtectionSettings one = ProtectionSettings.oneClick(period, Instant.EPOCH);
            ProtectionSettings.Builder b = ProtectionSettings.builder(audience);
            for (ProtectedAction a : ProtectedAction.values()) {
                b.treat(a, one.treatment(a));
            }
            JsonNode treat = o.get("treat");
            if (treat != null && !treat.isNull()) {
                JsonFields.object(treat, prefix + "treat");
                Iterator<Map.Entry<String, JsonNode>> it = treat.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String field = prefix + "treat." + e.getKey();
                    ProtectedAction a = ProtectionIds.action(e.getKey(), prefix + "treat");
                    if (!e.getValue().isTextual()) {
                        throw new InvalidField(FieldError.wrongType(field, "a string"));
                    }
                    b.treat(a, ProtectionIds.decision(e.getValue().textValue(), field));
                }
            }
            return new OneClick(b, period);
        }
    }

    @Operation(summary = "One-click protection of an account (查询一键防护)",
            description = "Whether protection is on and active now, its audience, period and treatments, when it "
                    + "ends by itself (endsAt) and when to remind the person (remindAt).")
    @GetMapping(path = "/api/v1/protection/{account}", produces = MediaType.APPLICATION_JSON_VALUE)
    SettingsView get(@PathVariable("account") String account) {
        AccountId.check(account, "account");
        return view(account, protections.get(account));
    }

    @Operation(summary = "Decide one action under protection (防护判定)",
            description = "action = comment|dm|repost|mention; relation = self|mutual|follower|new-follower|followed|"
                    + "stranger (default stranger: an unknown relation errs on the side of the protected person); "
                    + "actor, if it is the account itself, counts as self. Answers allow, hold or deny from memory.")
    @GetMapping(path = "/api/v1/protection/{account}/decide", produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionView decide(@PathVariable("account") String account,
                        @RequestParam(name = "actor", required = false) String actor,
                        @RequestParam(name = "action", required = false) String action,
                        @RequestParam(name = "relation", required = false) String relation) {
        AccountId.check(account, "account");
        if (action == null) {
            throw new InvalidField(FieldError.missing("action"));
        }
        ProtectedAction a = ProtectionIds.action(action, "action");
        ActorRelation r = relation == null ? ActorRelation.STRANGER : ProtectionIds.relation(relation, "relation");
        if (actor != null && actor.equals(account)) {
            r = ActorRelation.SELF;
        }
        ProtectionDecision d = protections.decide(account, r, a);
        return DECISIONS[d.ordinal()];
    }

    SettingsView view(String account, ProtectionSettings s) {
        if (!s.on()) {
            return new SettingsView(account, false, false, null, null, null, null, null, null);
        }
        Map<String, String> treat = new LinkedHashMap<>();
        for (ProtectedAction a : ProtectedAction.values()) {
            treat.put(a.id(), s.treatment(a).id());
        }
        return new SettingsView(account, true, protections.activeNow(account), ProtectionIds.id(s.audience()),
                ProtectionIds.id(s.period()), treat, s.since(), s.until().orElse(null),
                protections.remindAt(s).orElse(null));
    }
}
