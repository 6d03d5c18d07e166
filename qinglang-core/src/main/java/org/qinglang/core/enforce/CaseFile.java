package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A case (案件): everything said about one target — reports, verdicts, alerts — merged, so that a hundred
 * reports of one comment are one item of work, not a hundred.
 *
 * @param target        the account or content id the signals are about
 * @param targetIsMinor true if the target, or the person it harms, is known to be a minor (the platform's
 *                      minor mode or age verification says so)
 * @param signals       the signals in the order they arrived; never empty
 */
public record CaseFile(String target, boolean targetIsMinor, List<CaseSignal> signals) {

    public CaseFile {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        signals = List.copyOf(signals);
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("a case needs at least one signal");
        }
    }

    /** A new case with its first signal. */
    public static CaseFile open(String target, boolean targetIsMinor, CaseSignal first) {
        return new CaseFile(target, targetIsMinor, List.of(first));
    }

    /** This case with {@code signal} added. */
    public CaseFile with(CaseSignal signal) {
        List<CaseSignal> all = new ArrayList<>(signals.size() + 1);
        all.addAll(signals);
        all.add(Objects.requireNonNull(signal, "signal"));
        return new CaseFile(target, targetIsMinor, all);
    }

    /**
     * Merges signals into one case per target, in the order each target first appears.
     *
     * @param signals       pairs of target id and signal, in arrival order
     * @param minorTargets  the targets known to be minors
     */
    public static List<CaseFile> merge(List<Map.Entry<String, CaseSignal>> signals, Set<String> minorTargets) {
        Map<String, List<CaseSignal>> byTarget = new LinkedHashMap<>();
        for (Map.Entry<String, CaseSignal> e : signals) {
            byTarget.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        List<CaseFile> cases = new ArrayList<>(byTarget.size());
        byTarget.forEach((t, s) -> cases.add(new CaseFile(t, minorTargets.contains(t), s)));
        return cases;
    }

    /** When the first signal arrived. */
    public Instant openedAt() {
        Instant first = signals.get(0).at();
        for (CaseSignal s : signals) {
            if (s.at().isBefore(first)) {
                first = s.at();
            }
        }
        return first;
    }

    /** Every category any signal names. */
    public Set<ReportCategory> categories() {
        Set<ReportCategory> all = EnumSet.noneOf(ReportCategory.class);
        for (CaseSignal s : signals) {
            all.add(s.category());
        }
        return all;
    }

    /** True if minors are involved: the target is a minor or a signal is about minors. */
    public boolean minors() {
        return targetIsMinor || categories().contains(ReportCategory.MINORS);
    }

    /** True if a signal is about cyberviolence ({@link ReportCategory#cyberviolence()}). */
    public boolean cyberviolence() {
        for (CaseSignal s : signals) {
            if (s.category().cyberviolence()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The most serious severity a verdict or alert gives; {@link OffenceSeverity#MINOR} for a case of
     * reports alone, until a verdict or a reviewer says more.
     */
    public OffenceSeverity severity() {
        OffenceSeverity max = OffenceSeverity.MINOR;
        for (CaseSignal s : signals) {
            OffenceSeverity v = OffenceSeverity.MINOR;
            if (s instanceof CaseSignal.Detection d) {
                v = d.severity();
            } else if (s instanceof CaseSignal.Alert a) {
                v = a.severity();
            }
            if (v.compareTo(max) > 0) {
                max = v;
            }
        }
        return max;
    }

    /** The earliest of its signals' deadlines: each signal's time plus its category's deadline. */
    public Instant due(HandlingDeadlines deadlines) {
        Instant due = Instant.MAX;
        for (CaseSignal s : signals) {
            Instant d = deadlines.due(s.category(), s.at());
            if (d.isBefore(due)) {
                due = d;
            }
        }
        return due;
    }

    /** The reports among the signals. */
    public List<CaseSignal.Report> reports() {
        List<CaseSignal.Report> reports = new ArrayList<>();
        for (CaseSignal s : signals) {
            if (s instanceof CaseSignal.Report r) {
                reports.add(r);
            }
        }
        return reports;
    }
}
