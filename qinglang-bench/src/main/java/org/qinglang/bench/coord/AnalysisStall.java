package org.qinglang.bench.coord;

import org.qinglang.bench.DataDir;
import org.qinglang.core.coord.Action;
import org.qinglang.core.coord.ActionType;
import org.qinglang.core.coord.CoordinationDetector;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.stream.StreamRuntime;
import org.qinglang.core.verdict.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How long one event waits in the coordination detector's runtime when it brings the 10-minute analysis due: the
 * time a request of the server waited when the detectors ran on its thread (and every other batch with it, for the
 * runtime's lock), before the host gave each detector a lane of its own. Feeds the first DAYS days of the issue-#6
 * background traffic ({@link CoordinationTraffic}, seed 6, no attack) in time order through a {@link StreamRuntime}
 * of {@link CoordinationDetector#DEFAULTS} and times every accept.
 *
 * <pre>
 * java -Dqinglang.data=../shared/data -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.coord.AnalysisStall [DAYS] [COPIES]
 * </pre>
 * COPIES (default 1) repeats each day's actions under new account and target names, for a busier platform.
 */
public final class AnalysisStall {

    private AnalysisStall() {
    }

    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        CoordinationTraffic traffic = CoordinationTraffic.load(DataDir.require());
        List<Action> all = traffic.generate(CoordinationTraffic.Shape.NONE, 0.05, 6).actions();
        long start = all.stream().mapToLong(Action::ts).min().orElseThrow();
        long end = start + days * 86_400L;
        List<Action> some = all.stream().filter(a -> a.ts() < end).sorted((x, y) -> Long.compare(x.ts(), y.ts()))
                .toList();
        StreamRuntime<CoordinationDetector.Window> rt = new StreamRuntime<>(CoordinationDetector.DEFAULTS,
                CoordinationDetector.DEFAULTS::keyOf, Duration.ofHours(24), Duration.ofMinutes(1));
        long[] nanos = new long[some.size() * copies];
        int n = 0;
        int alerts = 0;
        Map<String, Integer> byGroup = new TreeMap<>();
        Set<String> members = new HashSet<>();
        for (Action a : some) {
            for (int c = 0; c < copies; c++) {
                Event e = event(a, c, n);
                long t0 = System.nanoTime();
                List<Alert> raised = rt.accept(e);
                nanos[n++] = System.nanoTime() - t0;
                alerts += raised.size();
                for (Alert x : raised) {
                    byGroup.merge(x.target(), 1, Integer::sum);
                    members.addAll(x.participants().keySet());
                }
            }
        }
        System.out.printf("alerts by group (%d groups, %d distinct accounts named): %s%n", byGroup.size(),
                members.size(), byGroup);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long slow = Arrays.stream(nanos).filter(x -> x > 100_000_000L).count();
        long total = Arrays.stream(nanos).sum();
        System.out.printf("%d events over %d days (%d copies), %d alerts; per event p50 %.1f us, p99.9 %.1f us; "
                        + "events that waited over 100 ms: %d (the analyses), longest %.2f s, all analyses %.1f s of %.1f s%n",
                n, days, copies, alerts, sorted[n / 2] / 1e3, sorted[(int) (n * 0.999)] / 1e3, slow,
                sorted[n - 1] / 1e9, Arrays.stream(nanos).filter(x -> x > 100_000_000L).sum() / 1e9, total / 1e9);
    }

    /**
     * Every alert the hosted coordination detector raises on {@code actions} (in time order), with the server's
     * idle timeout and lateness, the clock moved past the last action at the end; {@code -Dcoord.every=PT1H} analyses
     * less often than the server's 10 minutes, to run the fortnight of every shape in minutes.
     */
    static List<Alert> stream(List<Action> actions) {
        List<Action> sorted = actions.stream().sorted((x, y) -> Long.compare(x.ts(), y.ts())).toList();
        CoordinationDetector d = CoordinationDetector.DEFAULTS;
        Duration every = Duration.parse(System.getProperty("coord.every", d.every().toString()));
        CoordinationDetector detector = new CoordinationDetector(d.analyzer(), d.window(), every, d.maxActions());
        StreamRuntime<CoordinationDetector.Window> rt = new StreamRuntime<>(detector, detector::keyOf,
                Duration.ofHours(24), Duration.ofMinutes(1));
        List<Alert> out = new java.util.ArrayList<>();
        int n = 0;
        for (Action a : sorted) {
            out.addAll(rt.accept(event(a, 0, n++)));
        }
        if (!sorted.isEmpty()) {
            out.addAll(rt.advanceTo(Instant.ofEpochSecond(sorted.get(sorted.size() - 1).ts()).plus(Duration.ofMinutes(11))));
        }
        return out;
    }

    static Event event(Action a, int copy, int n) {
        EventType type = switch (a.type()) {
            case POST -> EventType.POST;
            case COMMENT -> EventType.COMMENT;
            case REPOST -> EventType.REPOST;
            case LIKE -> EventType.LIKE;
            case FOLLOW -> EventType.FOLLOW;
            case RATING -> EventType.RATING;
        };
        String suffix = copy == 0 ? "" : "#" + copy;
        Event.Builder b = Event.builder("e" + n, type, Instant.ofEpochSecond(a.ts())).actor(a.actor() + suffix)
                .ip(a.ipPrefix()).device(a.device() + suffix)
                .context(new Context(Context.Relation.UNKNOWN, a.actorAgeDays(), ""));
        if (type == EventType.FOLLOW) {
            b.target(a.target() + suffix, "");
        } else {
            b.target("", a.target() + suffix);
        }
        if (a.type() == ActionType.COMMENT) {
            b.text(a.text());
        }
        if (type == EventType.RATING) {
            b.score(a.rating());
        }
        return b.build();
    }
}
