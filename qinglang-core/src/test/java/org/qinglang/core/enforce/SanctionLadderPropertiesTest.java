package org.qinglang.core.enforce;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any ladder built from the default steps, any history and any offence: a worse history, a worse
 * offence or a heavier role never gives a lower step, and nothing goes past the top.
 */
class SanctionLadderPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Property(tries = 500)
    void aWorseHistoryNeverStepsDown(@ForAll("ladders") SanctionLadder ladder, @ForAll("histories") List<Strike> history,
                                     @ForAll("histories") List<Strike> more, @ForAll OffenceSeverity severity,
                                     @ForAll OffenderRole role) {
        List<Strike> worse = new ArrayList<>(history);
        worse.addAll(more);
        Offence o = new Offence(severity, ReportCategory.CYBERVIOLENCE);
        assertThat(ladder.next(worse, o, role, NOW).step()).isGreaterThanOrEqualTo(ladder.next(history, o, role, NOW).step());
    }

    @Property(tries = 500)
    void aHarsherStrikeNeverStepsDown(@ForAll("ladders") SanctionLadder ladder, @ForAll("histories") List<Strike> history,
                                      @ForAll OffenceSeverity severity, @ForAll OffenderRole role) {
        List<Strike> harsher = new ArrayList<>();
        for (Strike s : history) {
            OffenceSeverity up = OffenceSeverity.values()[Math.min(3, s.severity().ordinal() + 1)];
            harsher.add(new Strike(s.decisionId(), up, s.at()));
        }
        Offence o = new Offence(severity, ReportCategory.CYBERVIOLENCE);
        assertThat(ladder.next(harsher, o, role, NOW).step()).isGreaterThanOrEqualTo(ladder.next(history, o, role, NOW).step());
    }

    @Property(tries = 500)
    void aWorseOffenceOrHeavierRoleNeverStepsDown(@ForAll("ladders") SanctionLadder ladder,
                                                  @ForAll("histories") List<Strike> history,
                                                  @ForAll OffenceSeverity a, @ForAll OffenceSeverity b,
                                                  @ForAll OffenderRole r, @ForAll OffenderRole q) {
        OffenceSeverity low = a.compareTo(b) <= 0 ? a : b;
        OffenceSeverity high = a.compareTo(b) <= 0 ? b : a;
        int lowStep = ladder.next(history, new Offence(low, ReportCategory.OTHER), r, NOW).step();
        assertThat(ladder.next(history, new Offence(high, ReportCategory.OTHER), r, NOW).step()).isGreaterThanOrEqualTo(lowStep);
        OffenderRole light = ladder.roleSteps(r) <= ladder.roleSteps(q) ? r : q;
        OffenderRole heavy = light == r ? q : r;
        assertThat(ladder.next(history, new Offence(low, ReportCategory.OTHER), heavy, NOW).step())
                .isGreaterThanOrEqualTo(ladder.next(history, new Offence(low, ReportCategory.OTHER), light, NOW).step());
    }

    @Property(tries = 1000)
    void neverPastTheTop(@ForAll("ladders") SanctionLadder ladder, @ForAll("histories") List<Strike> history,
                         @ForAll OffenceSeverity severity, @ForAll OffenderRole role) {
        Sanction s = ladder.next(history, new Offence(severity, ReportCategory.OTHER), role, NOW);
        assertThat(s.step()).isBetween(0, ladder.steps().size() - 1);
        if (severity != OffenceSeverity.GRAVE) {
            assertThat(s.step()).isLessThanOrEqualTo(ladder.topForNonGrave());
        }
        assertThat(s.action()).isEqualTo(ladder.steps().get(s.step()).action());
    }

    @Provide
    Arbitrary<List<Strike>> histories() {
        Arbitrary<Strike> strike = Combinators.combine(Arbitraries.of(OffenceSeverity.class),
                        Arbitraries.longs().between(0, 400L * 24 * 3600))
                .as((sev, ageSeconds) -> new Strike("d", sev, NOW.minus(Duration.ofSeconds(ageSeconds))));
        return strike.list().ofMaxSize(30);
    }

    /**
     * A subset of the default steps (always the first), with random points, role steps, and weights and
     * expiries that rise with severity (the builder refuses others).
     */
    @Provide
    Arbitrary<SanctionLadder> ladders() {
        List<SanctionLadder.Step> all = SanctionLadder.defaults().steps();
        Arbitrary<List<Boolean>> keep = Arbitraries.of(true, false).list().ofSize(all.size());
        Arbitrary<List<Integer>> gaps = Arbitraries.integers().between(1, 8).list().ofSize(all.size());
        Arbitrary<List<Integer>> weights = Arbitraries.integers().between(1, 20).list().ofSize(4)
                .map(w -> w.stream().sorted().toList());
        Arbitrary<List<Integer>> expiryDays = Arbitraries.integers().between(1, 400).list().ofSize(4)
                .map(w -> w.stream().sorted().toList());
        Arbitrary<List<Integer>> boosts = Arbitraries.integers().between(0, 5).list().ofSize(4);
        Arbitrary<Boolean> tolerate = Arbitraries.of(true, false);
        Arbitrary<Boolean> graveTop = Arbitraries.of(true, false);
        return Combinators.combine(keep, gaps, weights, expiryDays, boosts, tolerate, graveTop)
                .as((k, g, w, e, b, tol, gt) -> {
            List<SanctionLadder.Step> steps = new ArrayList<>();
            int points = 0;
            for (int i = 0; i < all.size(); i++) {
                if (i == 0 || k.get(i)) {
                    SanctionLadder.Step d = all.get(i);
                    boolean grave = gt && i == all.size() - 1 && !steps.isEmpty();
                    steps.add(new SanctionLadder.Step(d.action(), d.duration(), grave ? 0 : points, grave));
                    points += g.get(i);
                }
            }
            SanctionLadder.Builder builder = SanctionLadder.builder().steps(steps).tolerateFirstMinor(tol);
            for (OffenceSeverity s : OffenceSeverity.values()) {
                builder.weight(s, w.get(s.ordinal())).expiry(s, Duration.ofDays(e.get(s.ordinal())));
            }
            for (OffenderRole r : OffenderRole.values()) {
                builder.roleSteps(r, b.get(r.ordinal()));
            }
            return builder.build();
        });
    }
}
