package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The order of the review queue (审核队列优先级). Most urgent first:
 * <ol>
 *   <li>cases involving minors (未成年人优先);</li>
 *   <li>then cyberviolence ({@link ReportCategory#cyberviolence()});</li>
 *   <li>then severity, most serious first;</li>
 *   <li>then report pressure ({@link ReportPressure}: credible reporters, recent, with diminishing
 *       returns);</li>
 *   <li>then the earliest deadline ({@link HandlingDeadlines}), then the oldest case, then the target id
 *       (so the order is total and the same on every run).</li>
 * </ol>
 *
 * <p>The first four keys are packed into one number, {@link Ranked#rank()}, that a database can store and
 * sort by ({@code ORDER BY rank DESC, due ASC}); pressure is kept to three decimals. The rank is valid at
 * the instant it was computed: pressure fades, so recompute it when the queue is shown.
 *
 * <p>Immutable and thread-safe.
 */
public final class CasePriority {

    private static final int PRESSURE_BITS = 40;
    private static final long PRESSURE_MAX = (1L << PRESSURE_BITS) - 1;

    /**
     * A case with its rank and deadline at one instant.
     *
     * @param file     the case
     * @param rank     the packed priority: higher is more urgent
     * @param pressure the report pressure the rank was computed from
     * @param due      when the case is due
     */
    public record Ranked(CaseFile file, long rank, double pressure, Instant due) {
        public Ranked {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(due, "due");
        }
    }

    /** Most urgent first: rank descending, then due, opened and target ascending. */
    public static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::rank).reversed()
            .thenComparing(Ranked::due)
            .thenComparing(r -> r.file().openedAt())
            .thenComparing(r -> r.file().target());

    private final HandlingDeadlines deadlines;
    private final ReportPressure pressure;

    public CasePriority(HandlingDeadlines deadlines, ReportPressure pressure) {
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.pressure = Objects.requireNonNull(pressure, "pressure");
    }

    /** The default deadlines and pressure. */
    public static CasePriority defaults() {
        return new CasePriority(HandlingDeadlines.defaults(), ReportPressure.DEFAULT);
    }

    /** {@code c} ranked at {@code now}. */
    public Ranked rank(CaseFile c, Instant now) {
        double p = pressure.of(c, now);
        long rank = (c.minors() ? 1L : 0L) << (PRESSURE_BITS + 3)
                | (c.cyberviolence() ? 1L : 0L) << (PRESSURE_BITS + 2)
                | (long) c.severity().ordinal() << PRESSURE_BITS
                | Math.min(PRESSURE_MAX, Math.round(p * 1000));
        return new Ranked(c, rank, p, c.due(deadlines));
    }

    /** {@code cases} ranked at {@code now}, most urgent first. */
    public List<Ranked> queue(Collection<CaseFile> cases, Instant now) {
        List<Ranked> ranked = new ArrayList<>(cases.size());
        for (CaseFile c : cases) {
            ranked.add(rank(c, now));
        }
        ranked.sort(ORDER);
        return ranked;
    }
}
