package org.qinglang.core.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Label;
import org.qinglang.core.verdict.Verdict;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads events from and writes them to the JSON of ARCHITECTURE.md, one object per line, and writes
 * alerts. A field that is wrong is reported by name and with what was wrong ({@link EventFormatException});
 * fields this version does not know are ignored, so newer senders do not break older engines.
 *
 * <pre>{@code
 * {"id":"c-1029","type":"comment","ts":"2026-11-22T10:00:03+08:00",
 *  "actor":"u-77","target":{"account":"u-9","content":"p-301"},
 *  "text":"……","context":{"relation":"stranger","actorAgeDays":3,"ip":"203.0.113.0/24","device":"d-5f2c",
 *  "scene":"comment"}}
 * }</pre>
 *
 * <p>Required: {@code id}, {@code type}, {@code ts} (ISO-8601 with an offset or {@code Z}), and a
 * {@code target} with an {@code account} or a {@code content}; a rating needs a {@code score}. Written
 * times are in UTC. Immutable and thread-safe.
 */
public final class EventCodec {

    /** Longest id, actor, account or content id accepted, in characters. */
    public static final int MAX_ID = 256;
    /** Longest text or report reason accepted, in characters. */
    public static final int MAX_TEXT = 100_000;

    private final ObjectMapper json;

    public EventCodec() {
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_TEXT * 4).maxNestingDepth(16).build());
    }

    /** Parses one JSON line into an event. */
    public Event read(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return read(node);
    }

    /** Reads an event from a parsed JSON object. */
    public Event read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new EventFormatException("", "not a JSON object");
        }
        String id = string(node, "id", MAX_ID, true);
        if (id.isBlank()) {
            throw new EventFormatException("id", "must not be empty");
        }
        EventType type;
        try {
            type = EventType.fromId(string(node, "type", MAX_ID, true));
        } catch (EventFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("type", e.getMessage());
        }
        Event.Builder b = Event.builder(id, type, time(node.get("ts")));
        b.actor(string(node, "actor", MAX_ID, false));
        b.target(target(node.get("target")));
        b.text(string(node, "text", MAX_TEXT, false));
        readContext(node.get("context"), b);
        JsonNode score = node.get("score");
        if (score != null && !score.isNull()) {
            if (!score.isNumber() || !Double.isFinite(score.asDouble())) {
                throw new EventFormatException("score", "must be a number, was " + abbreviate(score));
            }
            b.score(score.asDouble());
        } else if (type == EventType.RATING) {
            throw new EventFormatException("score", "a rating needs a score (a number)");
        }
        b.category(string(node, "category", MAX_ID, false));
        b.reason(string(node, "reason", MAX_TEXT, false));
        return b.build();
    }

    /**
     * Reads a bare comment line, as crawled comment dumps (such as the CHNCI incidents) give them:
     * {@code {"ts":…, "text":…}} and nothing else that the engine uses (a {@code platform} field and any other
     * is ignored). All comments of such a file are about one target, named by the caller, and have no actor.
     *
     * @param node   the parsed line
     * @param id     the id to give the event (a line number, say)
     * @param target the target account all the file's comments are about
     */
    public Event readBareComment(JsonNode node, String id, String target) {
        if (node == null || !node.isObject()) {
            throw new EventFormatException("", "not a JSON object");
        }
        if (node.get("text") == null || !node.get("text").isTextual()) {
            throw new EventFormatException("text", "missing: a bare comment line needs \"ts\" and \"text\"");
        }
        return Event.builder(id, EventType.COMMENT, time(node.get("ts"))).target(target, "")
                .text(string(node, "text", MAX_TEXT, true))
                .context(new Context(Context.Relation.UNKNOWN, Context.UNKNOWN_AGE, "comment")).build();
    }

    /** The event as one line of JSON (no line break), absent fields left out. */
    public String write(Event e) {
        return toString(toJson(e));
    }

    /** The event as a JSON object, absent fields left out. */
    public ObjectNode toJson(Event e) {
        ObjectNode o = json.createObjectNode();
        o.put("id", e.id());
        o.put("type", e.type().id());
        o.put("ts", e.ts().toString());
        putIfAny(o, "actor", e.actor());
        if (!e.target().isEmpty()) {
            ObjectNode t = o.putObject("target");
            putIfAny(t, "account", e.target().account());
            putIfAny(t, "content", e.target().content());
        }
        putIfAny(o, "text", e.text());
        Context c = e.context();
        ObjectNode co = json.createObjectNode();
        if (c.relation() != Context.Relation.UNKNOWN) {
            co.put("relation", c.relation().id());
        }
        if (c.ageKnown()) {
            co.put("actorAgeDays", c.actorAgeDays());
        }
        putIfAny(co, "ip", e.ip());
        putIfAny(co, "device", e.device());
        putIfAny(co, "scene", c.scene());
        if (!co.isEmpty()) {
            o.set("context", co);
        }
        e.score().ifPresent(s -> o.put("score", s));
        putIfAny(o, "category", e.category());
        putIfAny(o, "reason", e.reason());
        return o;
    }

    /**
     * The alert as one line of JSON: {@code ts, kind, target, level, evidence, participants}; the evidence holds
     * {@code figures}, {@code samples} and, when there are any, {@code facts}.
     */
    public String writeAlert(Alert a) {
        return toString(alertToJson(a));
    }

    /** The alert as a JSON object. */
    public ObjectNode alertToJson(Alert a) {
        ObjectNode o = json.createObjectNode();
        o.put("ts", a.ts().toString());
        o.put("kind", a.kind().id());
        o.put("target", a.target());
        o.put("level", a.level().id());
        ObjectNode ev = o.putObject("evidence");
        ObjectNode figures = ev.putObject("figures");
        for (Map.Entry<String, Double> f : a.evidence().figures().entrySet()) {
            figures.put(f.getKey(), Math.round(f.getValue() * 10_000) / 10_000.0);
        }
        ArrayNode samples = ev.putArray("samples");
        for (Alert.Sample s : a.evidence().samples()) {
            ObjectNode so = samples.addObject();
            so.put("id", s.eventId());
            so.put("ts", s.ts().toString());
            putIfAny(so, "actor", s.actor());
            so.put("text", s.text());
            so.set("verdict", verdictToJson(s.verdict()));
        }
        if (!a.evidence().facts().isEmpty()) {
            ObjectNode facts = ev.putObject("facts");
            a.evidence().facts().forEach(facts::put);
        }
        ObjectNode participants = o.putObject("participants");
        for (Map.Entry<String, Alert.Role> p : a.participants().entrySet()) {
            participants.put(p.getKey(), p.getValue().id());
        }
        return o;
    }

    /** A verdict with the field names of ARCHITECTURE.md: the one verdict JSON of the engine (alerts, {@code check}). */
    public ObjectNode verdictToJson(Verdict v) {
        ObjectNode o = json.createObjectNode();
        o.put("suggestion", v.suggestion().id());
        o.put("riskLevel", v.riskLevel().id());
        ArrayNode labels = o.putArray("labels");
        for (Label l : v.labels()) {
            ObjectNode lo = labels.addObject();
            lo.put("label", l.label());
            lo.put("subLabel", l.subLabel());
            lo.put("score", l.scoreAsWritten());
            ArrayNode hits = lo.putArray("hits");
            for (Hit h : l.hits()) {
                ObjectNode ho = hits.addObject();
                ho.put("term", h.term());
                ho.put("category", h.category());
                ho.put("severity", h.severity().id());
                ho.put("channel", h.channel().id());
                ho.put("start", h.start());
                ho.put("end", h.end());
                ho.put("matched", h.matched());
            }
        }
        o.put("warnBeforePost", v.warnBeforePost());
        return o;
    }

    private String toString(ObjectNode o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e); // not for a tree of ours
        }
    }

    private static Instant time(JsonNode ts) {
        if (ts == null || ts.isNull()) {
            throw new EventFormatException("ts", "missing: give the time, such as 2026-11-22T10:00:03+08:00");
        }
        if (!ts.isTextual()) {
            throw new EventFormatException("ts", "must be a string such as 2026-11-22T10:00:03+08:00, was "
                    + abbreviate(ts));
        }
        try {
            return OffsetDateTime.parse(ts.asText().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new EventFormatException("ts", "must be an ISO-8601 time with an offset, such as "
                    + "2026-11-22T10:00:03+08:00 or 2026-11-22T02:00:03Z, was '" + abbreviate(ts.asText()) + "'");
        }
    }

    private static Target target(JsonNode t) {
        if (t == null || t.isNull()) {
            throw new EventFormatException("target", "missing: give {\"account\":…} and/or {\"content\":…}");
        }
        if (!t.isObject()) {
            throw new EventFormatException("target", "must be an object {\"account\":…, \"content\":…}, was "
                    + abbreviate(t));
        }
        Target target = new Target(string(t, "account", "target.account", MAX_ID, false),
                string(t, "content", "target.content", MAX_ID, false));
        if (target.isEmpty()) {
            throw new EventFormatException("target", "names neither an account nor a content item");
        }
        return target;
    }

    private static void readContext(JsonNode c, Event.Builder b) {
        if (c == null || c.isNull()) {
            return;
        }
        if (!c.isObject()) {
            throw new EventFormatException("context", "must be an object, was " + abbreviate(c));
        }
        Context.Relation relation = Context.Relation.UNKNOWN;
        String rel = string(c, "relation", "context.relation", MAX_ID, false);
        if (!rel.isEmpty()) {
            try {
                relation = Context.Relation.fromId(rel);
            } catch (IllegalArgumentException e) {
                throw new EventFormatException("context.relation", e.getMessage());
            }
        }
        int age = Context.UNKNOWN_AGE;
        JsonNode a = c.get("actorAgeDays");
        if (a != null && !a.isNull()) {
            if (!a.isIntegralNumber() || !a.canConvertToInt() || a.asInt() < 0) {
                throw new EventFormatException("context.actorAgeDays", "must be a whole number of days, 0 or "
                        + "more, was " + abbreviate(a));
            }
            age = a.asInt();
        }
        String scene = string(c, "scene", "context.scene", MAX_ID, false);
        try {
            b.context(new Context(relation, age, scene));
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("context.scene", e.getMessage());
        }
        b.ip(string(c, "ip", "context.ip", MAX_ID, false));
        b.device(string(c, "device", "context.device", MAX_ID, false));
    }

    private static String string(JsonNode parent, String name, int max, boolean required) {
        return string(parent, name, name, max, required);
    }

    private static String string(JsonNode parent, String name, String path, int max, boolean required) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new EventFormatException(path, "missing");
            }
            return "";
        }
        String s;
        if (v.isTextual()) {
            s = v.asText();
        } else if (v.isIntegralNumber() && !name.equals("text") && !name.equals("reason")) {
            s = v.asText(); // numeric ids are common: 42 reads as "42"
        } else {
            throw new EventFormatException(path, "must be a string, was " + abbreviate(v));
        }
        if (s.length() > max) {
            throw new EventFormatException(path, "longer than " + max + " characters (" + s.length() + ")");
        }
        return s;
    }

    private static void putIfAny(ObjectNode o, String name, String value) {
        if (!value.isEmpty()) {
            o.put(name, value);
        }
    }

    private static String abbreviate(JsonNode v) {
        return abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
