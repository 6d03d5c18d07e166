package org.qinglang.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The benchmark corpus: real comments of {@value #MIN_CHARS} to {@value #MAX_CHARS} characters (UTF-16
 * units), in a fixed order: COLD train.csv, then dev.csv (never test.csv), then the CHNCI incident files
 * ({@code chnci/*.jsonl}, field {@code text}) by file name, each file in line order; the first
 * {@code cap} of them. The same data folder always gives the same corpus.
 *
 * @param source where the comments come from, for logs
 * @param texts  the comments, in corpus order
 */
public record Corpus(String source, List<String> texts) {

    /** The shortest comment taken. */
    public static final int MIN_CHARS = 50;
    /** The longest comment taken. */
    public static final int MAX_CHARS = 300;
    /** The number of comments in the benchmark corpus. */
    public static final int DEFAULT_CAP = 20_000;

    public Corpus {
        Objects.requireNonNull(source, "source");
        texts = List.copyOf(texts);
        if (texts.isEmpty()) {
            throw new IllegalStateException("the corpus is empty: no comment of " + MIN_CHARS + " to " + MAX_CHARS
                    + " characters was found");
        }
    }

    /** The standard corpus from the configured data folder ({@link DataDir}). */
    public static Corpus standard() {
        return load(DataDir.require(), DEFAULT_CAP);
    }

    /**
     * The first {@value #DEFAULT_CAP} comments of the right length from the CHNCI files alone: texts no
     * shipped model was trained or tuned on (the standard corpus is half COLD train texts, on which the fast
     * model is surer of itself than on new comments).
     */
    public static Corpus unseen() {
        List<String> out = new ArrayList<>(DEFAULT_CAP);
        addChnci(DataDir.require(), out, DEFAULT_CAP);
        return new Corpus("CHNCI", out);
    }

    /** The first {@code cap} comments of the right length under {@code dataDir}. */
    public static Corpus load(Path dataDir, int cap) {
        List<String> out = new ArrayList<>(cap);
        for (String split : List.of("cold/train.csv", "cold/dev.csv")) {
            for (ColdComment c : ColdComment.read(DataDir.file(dataDir, split))) {
                if (out.size() < cap && fits(c.text())) {
                    out.add(c.text());
                }
            }
        }
        addChnci(dataDir, out, cap);
        return new Corpus("COLD train+dev, then CHNCI", out);
    }

    /** Total characters (UTF-16 units) of all texts. */
    public long chars() {
        long n = 0;
        for (String t : texts) {
            n += t.length();
        }
        return n;
    }

    /** Mean text length in characters (UTF-16 units). */
    public double meanLength() {
        return (double) chars() / texts.size();
    }

    /** One line for logs: how many texts and characters. */
    public String describe() {
        return String.format("corpus: %,d texts, %,d chars, mean %.1f chars/text (%s; %d-%d chars)",
                texts.size(), chars(), meanLength(), source, MIN_CHARS, MAX_CHARS);
    }

    static boolean fits(String text) {
        int n = text.length();
        return n >= MIN_CHARS && n <= MAX_CHARS;
    }

    /** Adds the CHNCI comments of the right length, by file name then line, until {@code out} holds {@code cap}. */
    private static void addChnci(Path dataDir, List<String> out, int cap) {
        for (Path f : chnciFiles(dataDir)) {
            if (out.size() >= cap) {
                break;
            }
            readJsonLines(f, out, cap);
        }
    }

    private static List<Path> chnciFiles(Path dataDir) {
        Path dir = dataDir.resolve("chnci");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing data folder " + dir + " (CHNCI comment files *.jsonl)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void readJsonLines(Path file, List<String> out, int cap) {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null && out.size() < cap; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode text;
                try {
                    text = json.readTree(line).get("text");
                } catch (IOException e) {
                    throw new IllegalStateException(file + ":" + lineNo + ": not a JSON object: " + e.getMessage());
                }
                if (text != null && text.isTextual() && fits(text.asText())) {
                    out.add(text.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
