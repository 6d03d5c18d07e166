package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing said about a target (an account or a piece of content) that goes into its case (案件): a
 * person's report, an automated verdict, or an alert from a detector. All signals about the same target
 * merge into one {@link CaseFile}.
 */
public sealed interface CaseSignal {

    /** What the signal is about. */
    ReportCategory category();

    /** When it arrived. */
    Instant at();

    /**
     * A report (举报) by a person.
     *
     * @param reporter    the reporter's account id (each reporter counts once per case)
     * @param category    the category the reporter chose
     * @param credibility the reporter's {@link ReporterCredibility credibility} when reporting, in (0, 1]
     * @param at          when the report was made
     */
    record Report(String reporter, ReportCategory category, double credibility, Instant at) implements CaseSignal {
        public Report {
            Objects.requireNonNull(reporter, "reporter");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(at, "at");
            if (reporter.isBlank()) {
                throw new IllegalArgumentException("reporter must not be blank");
            }
            if (!(credibility > 0 && credibility <= 1)) {
                throw new IllegalArgumentException("credibility must be in (0, 1], was " + credibility);
            }
        }
    }

    /**
     * An automated verdict on content of the target, or a reviewer's finding.
     *
     * @param category what was found
     * @param severity how serious it is
     * @param at       when it was found
     */
    record Detection(ReportCategory category, OffenceSeverity severity, Instant at) implements CaseSignal {
        public Detection {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An alert from a detector: a pile-on on the target, a coordinated group around it.
     *
     * @param kind     the detector's name for it ({@code pile-on}, {@code coordination})
     * @param category what it is (a pile-on is {@link ReportCategory#CYBERVIOLENCE})
     * @param severity how serious it is
     * @param at       when it was raised
     */
    record Alert(String kind, ReportCategory category, OffenceSeverity severity, Instant at) implements CaseSignal {
        public Alert {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(at, "at");
        }
    }
}
