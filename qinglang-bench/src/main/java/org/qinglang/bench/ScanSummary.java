package org.qinglang.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the JSON results of {@link LexiconScanBenchmark} (texts per second) into characters per second,
 * using the mean text length of the same corpus, and prints one table.
 *
 * <p>Run: {@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.ScanSummary
 * qinglang-bench/target/jmh-lexicon.json}.
 */
public final class ScanSummary {

    private ScanSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScanSummary JMH_RESULT.json");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Corpus corpus = Corpus.standard();
        double mean = corpus.meanLength();
        System.out.println(corpus.describe());
        System.out.println("one op = one text; single thread, so per core");
        System.out.printf("%-22s %16s %12s %16s %10s%n", "benchmark", "texts/s", "± (99.9%)", "chars/s", "MB/s*");
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            JsonNode m = r.get("primaryMetric");
            double score = m.get("score").asDouble();
            double error = m.get("scoreError").asDouble();
            double chars = score * mean;
            System.out.printf("%-22s %,16.0f %,12.0f %,16.0f %10.2f%n", name, score, error, chars,
                    chars * 2 / 1e6);
        }
        System.out.println("* MB/s of UTF-16 text (2 bytes a char)");
    }
}
