package org.qinglang.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.FeatureLibrary;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The feature library's speed ratios to its peers by CPU time (同机交替对比): the four scanners of
 * {@link LexiconScanBenchmark}, same lexicon and corpus, in one JVM, each pass over the whole corpus timed by the
 * thread's CPU time, the four taking turns round after round. The two ratio goals (every channel ≥ 5×
 * sensitive-word, exact only ≥ 0.8× the double-array trie) are read per round, from passes made seconds apart, and
 * their medians printed.
 *
 * <p>Why beside JMH: on a shared VM, wall-clock figures of benchmarks run minutes apart move by a third either way
 * (the VM's speed drifts, and time the VM is off its core counts), so the ratios of one JMH run swing round their
 * goals from run to run. CPU time leaves out the time off the core, and alternating passes share the drift. JMH
 * stays the figure the issue asks for; this is the cross-check of its ratios.
 *
 * <p>Run from the repository root: {@code java -Dqinglang.data=../shared/data -Xms2g -Xmx4g -cp
 * qinglang-bench/target/benchmarks.jar org.qinglang.bench.PeerRatios [ROUNDS]} (default 15 measured rounds after 5
 * warm-up rounds).
 */
public final class PeerRatios {

    private PeerRatios() {
    }

    private record Scanner(String name, ToLongFunction<String> scan) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] texts = Corpus.standard().texts().toArray(String[]::new);
        long chars = Arrays.stream(texts).mapToLong(String::length).sum();
        List<String> terms = WordListFile.sensitiveWordDict();
        FeatureLibrary all = FeatureLibrary.compile(terms.stream().map(Entry::of).toList());
        FeatureLibrary exact = FeatureLibrary.compile(terms.stream().map(Entry::of).toList(), EnumSet.of(Channel.EXACT));
        SensitiveWordBs words = PeerMatchers.sensitiveWord(terms);
        AhoCorasickDoubleArrayTrie<String> trie = PeerMatchers.acDoubleArrayTrie(terms);
        List<Scanner> scanners = List.of(
                new Scanner("qinglangAllChannels", t -> all.scan(t).size()),
                new Scanner("qinglangExactOnly", t -> exact.scan(t).size()),
                new Scanner("sensitiveWord", t -> words.findAll(t).size()),
                new Scanner("acDoubleArrayTrie", t -> trie.parseText(t).size()));
        System.out.printf("corpus: %,d texts, %,d chars; lexicon: %,d terms; %d rounds after 5 warm-up rounds%n",
                texts.length, chars, terms.size(), rounds);

        for (int w = 0; w < 5; w++) {
            for (Scanner s : scanners) {
                pass(s, texts);
            }
        }
        double[][] rate = new double[scanners.size()][rounds];
        double[] fuzzyRatio = new double[rounds];
        double[] exactRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < scanners.size(); k++) {
                int i = (k + r) % scanners.size(); // who goes first turns round too
                rate[i][r] = chars / (pass(scanners.get(i), texts) / 1e9) / 1e6;
            }
            fuzzyRatio[r] = rate[0][r] / rate[2][r];
            exactRatio[r] = rate[1][r] / rate[3][r];
        }
        for (int k = 0; k < scanners.size(); k++) {
            double[] sorted = rate[k].clone();
            Arrays.sort(sorted);
            System.out.printf("%-22s median %6.2f M chars/s per core by CPU time (range %.2f-%.2f)%n",
                    scanners.get(k).name(), sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
        }
        Arrays.sort(fuzzyRatio);
        Arrays.sort(exactRatio);
        System.out.printf("every channel / sensitive-word: median %.2fx (range %.2f-%.2f)   goal >= 5x%n",
                fuzzyRatio[rounds / 2], fuzzyRatio[0], fuzzyRatio[rounds - 1]);
        System.out.printf("exact only / double-array trie: median %.2fx (range %.2f-%.2f)   goal >= 0.8x%n",
                exactRatio[rounds / 2], exactRatio[0], exactRatio[rounds - 1]);
    }

    /** One pass of {@code s} over every text; the thread's CPU time for it in nanoseconds. */
    private static long pass(Scanner s, String[] texts) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        long found = 0;
        for (String t : texts) {
            found += s.scan().applyAsLong(t);
        }
        long t1 = mx.getCurrentThreadCpuTime();
        if (found < 0) {
            throw new AssertionError("unreachable: keeps the scans from being optimised away");
        }
        return t1 - t0;
    }
}
