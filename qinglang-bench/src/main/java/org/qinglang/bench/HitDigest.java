package org.qinglang.bench;

import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.lexicon.LibraryFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regression check of the feature library's scan (命中回归校验): scans the benchmark corpus
 * ({@link Corpus#standard()}, 20,000 comments) and every comment of COLD test.csv with the 65k-term lexicon
 * (every channel, and exact only) and with the shipped default library, and prints one SHA-256 digest of
 * all hits per (library, texts) pair: term, category, severity, channel, start, end and matched text of
 * every hit, in the order {@code scan} returns them. A speed-up of the scan must leave every digest as it
 * was.
 *
 * <p>With a file argument, compares with the digests in it (lines {@code name digest hits}, as this tool
 * prints them) and exits with status 1 on any difference. The expected digests of the code as it stands
 * are kept in {@code qinglang-bench/hit-digests.txt}.
 *
 * <p>Run from the repository root: {@code java -Dqinglang.data=../shared/data -cp
 * qinglang-bench/target/benchmarks.jar org.qinglang.bench.HitDigest qinglang-bench/hit-digests.txt}.
 */
public final class HitDigest {

    private HitDigest() {
    }

    public static void main(String[] args) throws IOException {
        Path data = DataDir.require();
        List<String> corpus = Corpus.standard().texts();
        List<String> coldTest = new ArrayList<>();
        for (ColdComment c : ColdComment.read(DataDir.file(data, "cold/test.csv"))) {
            coldTest.add(c.text());
        }
        List<Entry> lexicon = WordListFile.sensitiveWordDict().stream().map(Entry::of).toList();
        Map<String, FeatureLibrary> libraries = new LinkedHashMap<>();
        libraries.put("lexicon65k-all", FeatureLibrary.compile(lexicon));
        libraries.put("lexicon65k-exact", FeatureLibrary.compile(lexicon, EnumSet.of(Channel.EXACT)));
        libraries.put("default-all", FeatureLibrary.compile(LibraryFile.defaultLibrary().entries()));
        Map<String, List<String>> texts = new LinkedHashMap<>();
        texts.put("corpus20k", corpus);
        texts.put("coldtest", coldTest);

        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, FeatureLibrary> lib : libraries.entrySet()) {
            for (Map.Entry<String, List<String>> t : texts.entrySet()) {
                lines.add(lib.getKey() + "/" + t.getKey() + " " + digest(lib.getValue(), t.getValue()));
            }
        }
        lines.forEach(System.out::println);
        if (args.length > 0) {
            List<String> expected = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            if (!expected.equals(lines)) {
                System.out.println("DIFFERENT from " + args[0]);
                System.exit(1);
            }
            System.out.println("same as " + args[0]);
        }
    }

    /** The SHA-256 of every hit of every text, and the number of hits, as {@code "hex hits"}. */
    static String digest(FeatureLibrary library, List<String> texts) {
        MessageDigest md = sha256();
        long hits = 0;
        for (int i = 0; i < texts.size(); i++) {
            md.update(("#" + i + "\n").getBytes(StandardCharsets.UTF_8));
            for (Hit h : library.scan(texts.get(i))) {
                hits++;
                String line = h.term() + '\t' + h.category() + '\t' + h.severity() + '\t' + h.channel() + '\t'
                        + h.start() + '\t' + h.end() + '\t' + h.matched() + '\n';
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest()) + " " + hits;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
        }
    }
}
