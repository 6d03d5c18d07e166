/**
 * Benchmarks and evaluation harnesses for the feature library (特征库), run on real comments from the public
 * datasets in {@code ../shared/data} (never shipped): {@link org.qinglang.bench.LexiconScanBenchmark}
 * (JMH: scan throughput against houbb/sensitive-word and hankcs's Aho-Corasick double-array trie, all with
 * the same 65k-term word list), {@link org.qinglang.bench.LibraryFootprint} (build time and heap),
 * {@link org.qinglang.bench.EvasionRecall} (recall per evasion class and false hits on innocent comments),
 * {@link org.qinglang.bench.HitDigest} (a digest of every hit on the benchmark corpus and COLD test, which a
 * speed-up of the scan must leave as it was), {@link org.qinglang.bench.ScanAb} (two builds of qinglang-core
 * in one JVM, passes alternated: the only speed comparison that means something on a shared machine).
 *
 * <p>Run them all with {@code qinglang-bench/run-lexicon.sh} from the repository root; figures go to
 * docs/BENCHMARKS.md with that command. Nothing here runs in {@code ./mvnw verify} except tiny parsing tests.
 */
package org.qinglang.bench;
