package org.qinglang.core.coord;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One coordinated group (协同行为线索) as a reviewer sees it: who, on what, when, how strongly, and why.
 * Maps one to one onto a stream {@code Alert} of kind {@code coordination}.
 *
 * @param kind     its shape
 * @param members  the accounts, sorted, not empty
 * @param targets  what they acted on, sorted (may be empty for a returning group with no target yet)
 * @param from     the first action, epoch seconds
 * @param to       the last action, epoch seconds, not before {@code from}
 * @param score    how suspicious, 0 to 1 (1 = certain); comparable within one kind
 * @param evidence named facts for the reviewer (e.g. {@code "density"}, {@code "sharedDevices"}), sorted
 *                 by name; values are plain text
 */
public record CoordinationFinding(FindingKind kind, List<String> members, List<String> targets, long from, long to,
                                  double score, Map<String, String> evidence) {

    public CoordinationFinding {
        Objects.requireNonNull(kind, "kind must not be null");
        members = List.copyOf(members.stream().sorted().distinct().toList());
        targets = List.copyOf(targets.stream().sorted().distinct().toList());
        evidence = java.util.Collections.unmodifiableMap(new TreeMap<>(evidence));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must not be empty");
        }
        if (to < from) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be 0 to 1, was " + score);
        }
    }
}
