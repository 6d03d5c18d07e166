package org.qinglang.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.api.Times;
import org.qinglang.app.api.Msg;
import org.qinglang.app.check.ContextFields;
import org.qinglang.app.server.Limits;
import org.qinglang.app.server.ServerSecret;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a batch of events (批量事件解析): a JSON array, or NDJSON (one object a line, blank lines skipped).
 * A body that is not JSON at all, or holds more than {@link Limits#batchEvents()} events, is refused whole;
 * otherwise each event is checked on its own and a bad one is set aside with its index and what is wrong,
 * without taking the others down. Personal identifiers are hashed here, so nothing downstream sees them raw.
 */
@Component
class EventBatchParser {

    /** What a batch held: the good events and, by index, the refused ones. */
    record Batch(List<IncomingEvent> events, List<Rejection> rejected) {
    }

    /** One refused event: its index in the batch, its id if it had a readable one, and why. */
    record Rejection(int index, Optional<String> id, FieldError error) {
    }

    static final int ID_CHARS = 128;
    private static final Set<String> TARGET_FIELDS = Set.of("account", "content");
    private static final Set<String> CONTEXT_FIELDS;

    static {
        Set<String> c = new HashSet<>(ContextFields.FIELDS);
        c.add("ip");
        c.add("device");
        CONTEXT_FIELDS = Set.copyOf(c);
    }

    private final ObjectMapper json;
    private final Limits limits;
    private final ServerSecret secret;

    EventBatchParser(ObjectMapper json, Limits limits, ServerSecret secret) {
        this.json = json;
        this.limits = limits;
        this.secret = secret;
    }

    /**
     * How far ahead of the server's clock an event may be stamped (a platform's clock may run a little fast). Beyond
     * it an event is refused by index: the detectors' clock is event time and never goes back, so one event stamped
     * in year 9999 would close every open alert and make every later event look older than the window.
     */
    static final Duration MAX_AHEAD = Duration.ofHours(1);

    Batch parse(byte[] body) {
        Instant now = Instant.now(); // the server's time, for MAX_AHEAD
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        if (first == body.length) {
            throw empty();
        }
        List<IncomingEvent> good = new ArrayList<>();
        List<Rejection> bad = new ArrayList<>();
        if (body[first] == '[') {
            // counted on the tokens first, stopping after one too many: a tree of 32 MiB of [{},{},…] holds ~900 MB
            checkCount(topLevelElements(body, limits.batchEvents() + 1));
            JsonNode array;
            try {
                array = Bodies.json(json, body, 0, body.length, "");
            } catch (InvalidField e) {
                throw ApiException.badField(e.error());
            }
            checkCount(array.size());
            if (array.isEmpty()) {
                throw empty();
            }
            for (int i = 0; i < array.size(); i++) {
                one(i, array.get(i), now, good, bad);
            }
        } else {
            List<int[]> lines = lines(body, limits.batchEvents() + 1);
            checkCount(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                JsonNode node;
                try {
                    node = Bodies.json(json, body, lines.get(i)[0], lines.get(i)[1], "");
                } catch (InvalidField e) {
                    bad.add(new Rejection(i, Optional.empty(), e.error()));
                    continue;
                }
                one(i, node, now, good, bad);
            }
        }
        return new Batch(List.copyOf(good), List.copyOf(bad));
    }

    private void one(int index, JsonNode node, Instant now, List<IncomingEvent> good, List<Rejection> bad) {
        Optional<String> id = Optional.empty();
        try {
            JsonFields.object(node, "(event)");
            id = node.path("id").isTextual() ? Optional.of(node.get("id").textValue()) : Optional.empty();
            good.add(event(index, node, now));
        } catch (InvalidField e) {
            bad.add(new Rejection(index, id.filter(s -> s.length() <= ID_CHARS), e.error()));
        }
    }

    private IncomingEvent event(int index, JsonNode o, Instant now) {
        String typeId = JsonFields.string(o, "", "type", 16);
        EventType type = EventRules.of(typeId);
        if (type == null) {
            throw new InvalidField(FieldError.badValue("type", "未知事件类型 '" + typeId + "'，可用 " + EventRules.ids(),
                    "unknown event type '" + typeId + "': use " + EventRules.ids()));
        }
        Set<String> allowed = EventRules.allowed(type);
        var names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                boolean known = name.equals("text") || name.equals("target") || name.equals("score")
                        || name.equals("category") || name.equals("reason");
                throw new InvalidField(known
                        ? FieldError.badValue(name, type.id() + " 类事件不使用该字段", "a " + type.id() + " event does not use it")
                        : FieldError.unknown(name, String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
        String id = JsonFields.string(o, "", "id", ID_CHARS);
        String tsText = JsonFields.string(o, "", "ts", 64);
        OffsetDateTime ts;
        try {
            ts = EventTimes.parse(tsText);
        } catch (DateTimeParseException e) {
            throw new InvalidField(FieldError.badValue("ts", "应为带时区的 ISO-8601 时间，如 2026-11-22T10:00:03+08:00",
                    "must be an ISO-8601 time with offset, such as 2026-11-22T10:00:03+08:00"));
        }
        if (ts.toInstant().isBefore(Times.EARLIEST)) {
            throw Times.outside("ts");
        }
        // to the microsecond both databases keep, so that the detectors see the time that is stored
        ts = ts.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (ts.toInstant().isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidField(FieldError.badValue("ts", "时间晚于服务器时钟 1 小时以上", "is more than an hour ahead of "
                    + "the server's clock"));
        }
        String actor = JsonFields.string(o, "", "actor", ID_CHARS);

        Optional<String> account = Optional.empty();
        Optional<String> content = Optional.empty();
        JsonNode target = o.get("target");
        if (target != null && !target.isNull()) {
            JsonFields.object(target, "target");
            JsonFields.onlyFields(target, "target.", TARGET_FIELDS);
            account = JsonFields.optString(target, "target.", "account", ID_CHARS);
            content = JsonFields.optString(target, "target.", "content", ID_CHARS);
        }
        if (EventRules.needsTarget(type) && account.isEmpty() && content.isEmpty()) {
            throw new InvalidField(FieldError.missing("target"));
        }
        Optional<String> text = EventRules.fields(type).contains("text")
                ? JsonFields.optString(o, "", "text", limits.textChars()) : Optional.empty();
        if (EventRules.needsText(type) && text.isEmpty()) {
            throw new InvalidField(FieldError.missing("text"));
        }

        JsonNode c = o.get("context");
        Optional<String> ip = Optional.empty();
        Optional<String> device = Optional.empty();
        if (c != null && !c.isNull()) {
            JsonFields.object(c, "context");
            JsonFields.onlyFields(c, "context.", CONTEXT_FIELDS);
            ip = JsonFields.optString(c, "context.", "ip", 64).map(EventBatchParser::canonicalIp)
                    .map(secret::hashPersonalId);
            device = JsonFields.optString(c, "context.", "device", ID_CHARS).map(secret::hashPersonalId);
        }
        String defaultScene = Context.SCENES.contains(type.id()) ? type.id() : "";
        Context context = ContextFields.read(c, defaultScene);

        Optional<Double> score = JsonFields.optNumber(o, "", "score", 0, 10);
        if (type == EventType.RATING && score.isEmpty()) {
            throw new InvalidField(FieldError.missing("score"));
        }
        Optional<String> category = JsonFields.optString(o, "", "category", 64);
        if (type == EventType.REPORT && category.isEmpty()) {
            throw new InvalidField(FieldError.missing("category"));
        }
        Optional<String> reason = JsonFields.optString(o, "", "reason", limits.textChars());
        return new IncomingEvent(index, id, type, ts, actor, account, content, text, context, ip, device, score,
                category, reason);
    }

    /** The [from, to) byte ranges of the non-blank lines of {@code body}. */
    /** The non-blank lines of {@code body} as [start, end) ranges, at most {@code most} of them. */
    private static List<int[]> lines(byte[] body, int most) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length && out.size() < most; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                boolean blank = true;
                for (int j = start; j < end && blank; j++) {
                    blank = body[j] == ' ' || body[j] == '\t';
                }
                if (!blank) {
                    out.add(new int[]{start, end});
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits and colons (an IPv4 tail allowed): parsed as an IPv6 literal, never a name to look up. */
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-f:]*:[0-9a-f:.]*");

    /**
     * An IP address or prefix in one spelling, so that the same network hashes the same ({@code 2001:DB8::1},
     * {@code 2001:db8:0::1}): the address part as the JDK writes a parsed literal, the prefix length kept; what
     * is not an address literal is only trimmed and lower-cased.
     */
    static String canonicalIp(String ip) {
        String s = ip.strip().toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        String rest = slash < 0 ? "" : s.substring(slash);
        if (IPV4.matcher(address).matches()) {
            StringBuilder out = new StringBuilder();
            for (String octet : address.split("\\.")) {
                out.append(out.length() == 0 ? "" : ".").append(Integer.parseInt(octet)); // 010 → 10
            }
            return out + rest;
        }
        if (IPV6.matcher(address).matches()) {
            try { // a string with a colon is parsed as an IPv6 literal or refused, never looked up
                return java.net.InetAddress.getByName(address).getHostAddress() + rest;
            } catch (java.net.UnknownHostException e) {
                return s;
            }
        }
        return s;
    }

    private void checkCount(int n) {
        if (n > limits.batchEvents()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "too_many", "", OptionalLong.of(limits.batchEvents()),
                    new Msg("一批事件超过上限 " + limits.batchEvents() + " 个",
                            "a batch holds more than the limit of " + limits.batchEvents() + " events"));
        }
    }

    /**
     * How many values the top-level array of {@code body} holds, counted on its tokens without building them, at
     * most {@code most}; 0 if it is not well-formed JSON (the tree reader then says where).
     */
    private int topLevelElements(byte[] body, int most) {
        try (com.fasterxml.jackson.core.JsonParser p = json.getFactory().createParser(body)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                return 0;
            }
            int n = 0;
            while (n < most) {
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (t == null || t == com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    break;
                }
                n++;
                p.skipChildren();
            }
            return n;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static ApiException empty() {
        return new ApiException(HttpStatus.BAD_REQUEST, "empty", "", OptionalLong.empty(),
                new Msg("没有事件：请求体应为 JSON 数组或每行一个 JSON 对象", "no events: send a JSON array or one JSON object a line"));
    }
}
