package org.qinglang.core.stream;

import org.qinglang.core.verdict.Verdict;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a detector raises about one target or one group (告警): a pile-on on an account (网暴), or a
 * coordinated group (水军). An alert is raised once per level as the situation grows, and once more with
 * level {@link Level#CLOSED} when it subsides. Written as a JSON line by {@link EventCodec#writeAlert}.
 *
 * @param ts           the event time at which it was raised
 * @param kind         what kind of harm
 * @param target       the key it is about: the target account of a pile-on, the group id of a coordination
 * @param level        how serious, or closed
 * @param evidence     the figures that raised it and the worst items behind them
 * @param participants the accounts taking part, each with its role, in the order first seen
 */
public record Alert(Instant ts, Kind kind, String target, Level level, Evidence evidence,
                    Map<String, Role> participants) {

    public Alert {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(evidence, "evidence");
        participants = Collections.unmodifiableMap(new LinkedHashMap<>(participants));
    }

    /** What kind of harm an alert is about. */
    public enum Kind {
        /** Many people piling on one target (网暴). */
        PILEON,
        /** A group acting in concert (水军, 协同操纵). */
        COORDINATION;

        /** The name used in JSON: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How serious an alert is; {@link #CLOSED} ends it. Ordered from least to most serious. */
    public enum Level {
        /** The situation has subsided; the alert is closed (解除). */
        CLOSED,
        /** Worth watching (关注). */
        WATCH,
        /** A warning: protect the target, review the participants (预警). */
        WARNING,
        /** Severe: act now (严重). */
        SEVERE;

        /** The name used in JSON: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The level named {@code id} (case-insensitive). */
        public static Level fromId(String id) {
            for (Level l : values()) {
                if (l.id().equalsIgnoreCase(id.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown level '" + id + "': use watch, warning, severe or closed");
        }
    }

    /**
     * The part an account plays, so that a batch decision can step up by role (分级处置).
     */
    public enum Role {
        /** Among the first to post against the target (首发). */
        FIRST,
        /** Posted against the target again and again (多发). */
        REPEAT,
        /** Others reposted, quoted or followed its posts in piling on (煽动). */
        INCITER,
        /** Took part, no more (参与). */
        PARTICIPANT,
        /** A member of a coordinated group (协同成员). */
        MEMBER;

        /** The name used in JSON: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why an alert was raised.
     *
     * @param figures the measured figures, by name (e.g. {@code abusiveShare}), in a stable order
     * @param samples the worst items behind them, worst first
     * @param facts   what is not a number, by name, in a stable order: a coordinated group's sample text, the
     *                sanctioned group a returning group is linked to and each link's reasons ({@code link:ACCOUNT})
     */
    public record Evidence(Map<String, Double> figures, List<Sample> samples, Map<String, String> facts) {
        public Evidence {
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
            samples = List.copyOf(samples);
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        /** Figures and samples, no facts. */
        public Evidence(Map<String, Double> figures, List<Sample> samples) {
            this(figures, samples, Map.of());
        }
    }

    /**
     * One item behind an alert.
     *
     * @param eventId the event's id
     * @param ts      when it happened
     * @param actor   who (or {@code ""})
     * @param text    what was written (or {@code ""})
     * @param verdict the Moderator's verdict on the text
     */
    public record Sample(String eventId, Instant ts, String actor, String text, Verdict verdict) {
        public Sample {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
