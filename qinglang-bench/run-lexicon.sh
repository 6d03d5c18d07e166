#!/usr/bin/env bash
# Lexicon benchmarks and evaluations (see org.qinglang.bench.package-info):
#   1. LexiconScanBenchmark (JMH) -> qinglang-bench/target/jmh-lexicon.json, then a texts/s + chars/s table;
#      PeerRatios: the same four scanners by CPU time, taking turns in one JVM (the ratios' cross-check)
#   2. LibraryFootprint: build time and heap of the 65k-term library, build time of a 100k-term library
#   3. EvasionRecall: recall per evasion class and false hits of the default library
#   4. HitDigest: every hit of the 65k lexicon and the default library, checked against qinglang-bench/hit-digests.txt
# Run from anywhere; it works in the repository root. Data folder: ../shared/data, or QINGLANG_DATA=/path.
# Extra arguments go to JMH (e.g. -f 1 -wi 1 -i 1 for a quick look).
# Stderr of EvasionRecall (every miss and false hit) goes to qinglang-bench/target/evasion-recall.err.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${QINGLANG_DATA:-../shared/data}"
JAR=qinglang-bench/target/benchmarks.jar
JAVA_DATA=(-Dqinglang.data="$DATA" -Dfile.encoding=UTF-8)

echo "== build"
./mvnw -q -B -DskipTests -pl qinglang-bench -am package

echo "== machine"
echo "$(nproc) cores; $(java -version 2>&1 | head -1); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs || true)"

echo "== LexiconScanBenchmark (JMH)"
java "${JAVA_DATA[@]}" -jar "$JAR" LexiconScanBenchmark -f 2 -rf json -rff qinglang-bench/target/jmh-lexicon.json "$@"
echo
java "${JAVA_DATA[@]}" -cp "$JAR" org.qinglang.bench.ScanSummary qinglang-bench/target/jmh-lexicon.json

echo
echo "== PeerRatios (CPU time, the four taking turns)"
java "${JAVA_DATA[@]}" -Xms2g -Xmx4g -cp "$JAR" org.qinglang.bench.PeerRatios

echo
echo "== LibraryFootprint"
java "${JAVA_DATA[@]}" -Xmx4g -Djdk.attach.allowAttachSelf=true -cp "$JAR" org.qinglang.bench.LibraryFootprint \
  2> >(grep -v '^# WARNING' >&2)

echo
echo "== EvasionRecall"
status=0
java "${JAVA_DATA[@]}" -Xmx2g -cp "$JAR" org.qinglang.bench.EvasionRecall \
  2> qinglang-bench/target/evasion-recall.err || status=$?
if [ "$status" -ne 0 ]; then
  echo "EvasionRecall failed (exit $status):"
  tail -5 qinglang-bench/target/evasion-recall.err
fi
echo "(misses and false hits: qinglang-bench/target/evasion-recall.err)"

echo
echo "== HitDigest (the hits must not change with a speed-up)"
java "${JAVA_DATA[@]}" -cp "$JAR" org.qinglang.bench.HitDigest qinglang-bench/hit-digests.txt
