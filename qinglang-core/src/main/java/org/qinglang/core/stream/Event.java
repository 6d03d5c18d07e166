package org.qinglang.core.stream;

import org.qinglang.core.verdict.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One thing a user did on the platform (事件), in the format of ARCHITECTURE.md: read from and written to
 * JSON by {@link EventCodec}. Fields a type does not use are {@code ""} (strings) or empty ({@code score}).
 *
 * @param id       the platform's id of the event; unique per platform
 * @param type     what was done
 * @param ts       when (event time: the stream's clock)
 * @param actor    who did it (an account id), or {@code ""} where the source has no actor ids
 * @param target   what it is about
 * @param text     the text written, or {@code ""}
 * @param context  the actor's relation to the target account, the actor's account age and the scene; the
 *                 Moderator's {@link Context}
 * @param ip       the actor's network (a prefix such as {@code 203.0.113.0/24}), or {@code ""}: a personal
 *                 identifier, never logged
 * @param device   the actor's device id, or {@code ""}: a personal identifier, never logged
 * @param score    the score of a {@link EventType#RATING}; empty for every other type
 * @param category the category of a {@link EventType#REPORT} (辱骂, 人肉 …), or {@code ""}
 * @param reason   the reporter's words for a report, or {@code ""}
 */
public record Event(String id, EventType type, Instant ts, String actor, Target target, String text,
                    Context context, String ip, String device, OptionalDouble score, String category,
                    String reason) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
    }

    /** A builder for an event with these three required fields; the others start absent. */
    public static Builder builder(String id, EventType type, Instant ts) {
        return new Builder(id, type, ts);
    }

    /** A builder that starts from this event, to make a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(id, type, ts);
        b.actor = actor;
        b.target = target;
        b.text = text;
        b.context = context;
        b.ip = ip;
        b.device = device;
        b.score = score;
        b.category = category;
        b.reason = reason;
        return b;
    }

    /** Builds an {@link Event}; every field not set is absent. */
    public static final class Builder {
        private final String id;
        private final EventType type;
        private final Instant ts;
        private String actor = "";
        private Target target = Target.none();
        private String text = "";
        private Context context = Context.none();
        private String ip = "";
        private String device = "";
        private OptionalDouble score = OptionalDouble.empty();
        private String category = "";
        private String reason = "";

        private Builder(String id, EventType type, Instant ts) {
            this.id = id;
            this.type = type;
            this.ts = ts;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder target(String account, String content) {
            this.target = new Target(account, content);
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder context(Context context) {
            this.context = context;
            return this;
        }

        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        public Builder score(double score) {
            this.score = OptionalDouble.of(score);
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Event build() {
            return new Event(id, type, ts, actor, target, text, context, ip, device, score, category, reason);
        }
    }
}
