package org.qinglang.app.protection;

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
import org.qinglang.app.security.Callers;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One-click protection over HTTP (一键防护接口), scope {@code protect}: {@code PUT} and {@code GET
 * /api/v1/protection/{account}}, {@code GET /api/v1/protection/{account}/decide}, and the prominent prompt
 * ({@code GET …/prompt}, {@code POST …/prompt/{id}}). See docs/protection.md.
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

    /** A prompt as the API shows it, with the message to show the person. */
    record PromptView(long id, String account, String alertKind, String alertLevel, Instant alertTs,
                      Instant createdAt, Instant answeredAt, Boolean taken, String message) {
    }

    /** The answer to a prompt: the prompt, and the protection now in force. */
    record AnswerView(PromptView prompt, SettingsView protection) {
    }

    private static final Msg PROMPT = new Msg(
            "检测到你的账号正在受到大量陌生人的集中评论或私信，可能遭遇网络暴力。是否开启一键防护？开启后 7 天内，"
                    + "陌生人的评论需经你确认后才显示，私信、转发和 @提及 将被拒绝；你可以随时关闭。",
            "Your account is receiving a surge of comments or messages from strangers and may be the target of a "
                    + "pile-on. Turn on one-click protection? For 7 days, strangers' comments are held for you to let "
                    + "through and their DMs, reposts and mentions are refused; you can turn it off at any time.");

    private final Protections protections;
    private final ProtectionPrompts prompts;
    private final ObjectMapper json;

    ProtectionController(Protections protections, ProtectionPrompts prompts, ObjectMapper json) {
        this.protections = protections;
        this.prompts = prompts;
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
        String who = Callers.who(auth);
        if (!requiredBoolean(o, "on")) {
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

    @Operation(summary = "The pending prominent prompt of an account (待处理的显著提示)",
            description = "200 with the prompt and the message to show the person when a pile-on alert of level "
                    + "warning or above offered protection and it is not answered yet; 204 when there is none.")
    @GetMapping(path = "/api/v1/protection/{account}/prompt", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PromptView> prompt(@PathVariable("account") String account, HttpServletRequest request) {
        AccountId.check(account, "account");
        Locale locale = RequestContextUtils.getLocale(request);
        return prompts.pending(account).map(p -> ResponseEntity.ok(promptView(p, locale)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(summary = "Answer a prominent prompt (记录提示处理结果)",
            description = "Body {\"taken\":true|false} plus, when taken, optional audience, period and treat as for "
                    + "PUT; taking it turns protection on in the same transaction as the answer. 404 if the prompt is "
                    + "not this account's; 409 if it was already answered (of two answers at once, the one that "
                    + "is not recorded gets 409 and changes nothing).")
    @PostMapping(path = "/api/v1/protection/{account}/prompt/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    AnswerView answer(@PathVariable("account") String account, @PathVariable("id") long id,
                      HttpServletRequest request, Authentication auth) {
        AccountId.check(account, "account");
        byte[] body = Bodies.read(request, BODY_BYTES);
        JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
        JsonFields.onlyFields(o, "", Set.of("taken", "audience", "period", "treat"));
        boolean taken = requiredBoolean(o, "taken");
        if (!taken) {
            JsonFields.onlyFields(o, "", Set.of("taken"));
        }
        OneClick click = OneClick.read(o, "");
        String who = Callers.who(auth);
        ProtectionPrompts.Answer answer = taken ? prompts.take(account, id, click.builder(), click.period(), who)
                : prompts.decline(account, id, who);
        switch (answer) {
            case NOT_FOUND -> throw promptNotFound(id);
            case ALREADY_ANSWERED -> throw alreadyAnswered(id);
            case ALREADY_PROTECTED -> throw new ApiException(HttpStatus.CONFLICT, "already_protected", "id",
                    OptionalLong.empty(), new Msg("该账号已开启防护，提示 " + id + " 不再改变其设置",
                    "protection is already on for this account; prompt " + id + " does not change it"));
            default -> {
            }
        }
        Locale locale = RequestContextUtils.getLocale(request);
        return new AnswerView(promptView(prompts.find(account, id).orElseThrow(), locale),
                view(account, protections.get(account)));
    }

    private static boolean requiredBoolean(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidField(FieldError.missing(name));
        }
        if (!v.isBoolean()) {
            throw new InvalidField(FieldError.wrongType(name, "true or false"));
        }
        return v.booleanValue();
    }

    private static PromptView promptView(Prompt p, Locale locale) {
        return new PromptView(p.id(), p.account(), p.alertKind(), p.alertLevel(), p.alertTs(), p.createdAt(),
                p.answeredAt().orElse(null), p.taken().orElse(null), PROMPT.in(locale));
    }

    private static ApiException promptNotFound(long id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                new Msg("该账号没有编号为 " + id + " 的提示", "this account has no prompt " + id));
    }

    private static ApiException alreadyAnswered(long id) {
        return new ApiException(HttpStatus.CONFLICT, "already_answered", "id", OptionalLong.empty(),
                new Msg("提示 " + id + " 已处理过", "prompt " + id + " was already answered"));
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
