package org.qinglang.bench;

import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An A/B of the feature library's scan speed (扫描速度对比): two builds of qinglang-core in one JVM, each in
 * a class loader of its own, scanning the benchmark corpus ({@link Corpus#standard()}) with the 65k-term
 * lexicon on every channel, in passes that alternate between A and B. Each pass is timed in the thread's
 * CPU time.
 *
 * <p>Why not two JMH runs: on a shared virtual machine two JVMs started minutes apart can differ by 2× in
 * the same code (neighbours, frequency, where the heap lands), far more than most changes to the scan. Passes
 * interleaved in one JVM see the same noise, and the median of the per-pair ratios B/A cancels most of it.
 *
 * <p>Before timing, each side's hits over the whole corpus are hashed (term, channel, start, end); the tool
 * says so, and exits with status 1, if A and B find different hits.
 *
 * <p>Usage, from the repository root, with B the build in {@code benchmarks.jar} and A an older
 * qinglang-core:
 * <pre>
 *   git worktree add /tmp/scan-base COMMIT
 *   (cd /tmp/scan-base &amp;&amp; ./mvnw -q -B -DskipTests -pl qinglang-core package)
 *   ./mvnw -q -B -DskipTests -pl qinglang-bench -am package
 *   java -Dqinglang.data=../shared/data -Xms2g -Xmx4g -cp qinglang-bench/target/benchmarks.jar \
 *     org.qinglang.bench.ScanAb --a /tmp/scan-base/qinglang-core/target/qinglang-core-0.1.0-SNAPSHOT.jar
 * </pre>
 * Options: {@code --a PATHS} and {@code --b PATHS} (class path entries put before this JVM's class path on
 * that side; B defaults to none, the build this tool runs in), {@code --warmup N} passes per side (default
 * 8), {@code --passes N} measured passes per side (default 9). It prints the median and best of each side in
 * M chars/s per core and the median of the ratios B/A.
 */
public final class ScanAb {

    private ScanAb() {
    }

    public static void main(String[] args) throws Exception {
        String a = "";
        String b = "";
        int warmup = 8;
        int passes = 9;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--a" -> a = args[++i];
                case "--b" -> b = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("用法 usage: ScanAb --a PATHS [--b PATHS] [--warmup N] [--passes N]");
                    System.exit(2);
                }
            }
        }
        if (a.isEmpty()) {
            System.err.println("--a 必填: the older qinglang-core (jar or class folder) to compare with");
            System.exit(2);
        }
        Method[] pass = new Method[2];
        long[] digest = new long[2];
        long chars = 0;
        String[] sides = {a, b};
        for (int k = 0; k < 2; k++) {
            Class<?> side = new URLClassLoader(classPath(sides[k]), ClassLoader.getPlatformClassLoader())
                    .loadClass(Side.class.getName());
            chars = (long) side.getMethod("setup").invoke(null);
            digest[k] = (long) side.getMethod("digest").invoke(null);
            pass[k] = side.getMethod("pass");
        }
        System.out.printf("hits digest A %016x B %016x%s%n", digest[0], digest[1],
                digest[0] == digest[1] ? " (same)" : " — DIFFERENT HITS");
        for (int w = 0; w < warmup; w++) {
            for (int k = 0; k < 2; k++) {
                pass[k].invoke(null);
            }
        }
        double[][] rate = new double[2][passes];
        double[] ratio = new double[passes];
        for (int m = 0; m < passes; m++) {
            for (int j = 0; j < 2; j++) {
                int k = m % 2 == 0 ? j : 1 - j; // who goes first alternates too
                rate[k][m] = chars / ((long) pass[k].invoke(null) / 1e9) / 1e6;
            }
            ratio[m] = rate[1][m] / rate[0][m];
        }
        for (double[] r : rate) {
            Arrays.sort(r);
        }
        Arrays.sort(ratio);
        System.out.printf("A median %.2f (best %.2f)   B median %.2f (best %.2f) M chars/s per core   "
                        + "B/A median %.3f (range %.3f–%.3f)%n",
                rate[0][passes / 2], rate[0][passes - 1], rate[1][passes / 2], rate[1][passes - 1],
                ratio[passes / 2], ratio[0], ratio[passes - 1]);
        if (digest[0] != digest[1]) {
            System.exit(1);
        }
    }

    /** A side's class path: its own entries first, so that they shadow the same classes in this JVM's. */
    private static URL[] classPath(String first) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        String all = first.isEmpty() ? System.getProperty("java.class.path")
                : first + File.pathSeparator + System.getProperty("java.class.path");
        for (String p : all.split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                urls.add(Path.of(p).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /**
     * One side of the A/B. Loaded once per class loader, so each side has its own copy of these statics and
     * of every qinglang-core class; public only for the reflective calls.
     */
    public static final class Side {
        private static String[] texts;
        private static FeatureLibrary library;
        private static long sink;

        private Side() {
        }

        /** Loads the corpus and compiles the lexicon; returns the corpus size in chars. */
        public static long setup() {
            texts = Corpus.standard().texts().toArray(String[]::new);
            library = FeatureLibrary.compile(WordListFile.sensitiveWordDict().stream().map(Entry::of).toList());
            long chars = 0;
            for (String t : texts) {
                chars += t.length();
            }
            return chars;
        }

        /** A hash of every hit over the corpus: term, channel, start and end. */
        public static long digest() {
            long h = 1;
            for (String t : texts) {
                for (Hit hit : library.scan(t)) {
                    h = h * 31 + hit.term().hashCode();
                    h = h * 31 + hit.channel().ordinal();
                    h = h * 31 + hit.start();
                    h = h * 31 + hit.end();
                }
                h = h * 31 + 7;
            }
            return h;
        }

        /** Scans the corpus once; returns the thread's CPU time for it in nanoseconds. */
        public static long pass() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long t0 = mx.getCurrentThreadCpuTime();
            long n = 0;
            for (String t : texts) {
                n += library.scan(t).size();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            sink += n;
            return t1 - t0;
        }
    }
}
