package org.qinglang.core.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads feature library files (docs/library-format.md): one term per line, optionally followed by
 * {@code | key=value} attributes, with {@code [section]} lines that set the category. A bad line is
 * reported with its number and skipped; the rest of the file is read.
 */
public final class LibraryFile {

    /** The name that stands for the library shipped inside Qinglang. */
    public static final String DEFAULT_NAME = "default";

    private static final String DEFAULT_RESOURCE = "default-library.txt";
    private static final Set<String> KEYS = Set.of("category", "severity", "channels", "aliases", "exempt", "note");

    private LibraryFile() {
    }

    /** Something wrong with one line of a library file. */
    public record Problem(String source, int line, String message) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + message;
        }
    }

    /** What was read: the entries in file order (a later duplicate replaces the earlier) and the problems. */
    public record Result(List<Entry> entries, List<Problem> problems) {
        public Result {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    /** Reads one library from {@code reader}; {@code source} names it in problems. */
    public static Result parse(Reader reader, String source) throws IOException {
        return parseAll(List.of(new Named(source, reader)));
    }

    /** Reads a file, or the shipped library when {@code path} is {@value #DEFAULT_NAME}. */
    public static Result read(String path) throws IOException {
        return readAll(List.of(path));
    }

    /** Reads several libraries in order; a later file's entry for the same term replaces the earlier one. */
    public static Result readAll(List<String> paths) throws IOException {
        List<Named> named = new ArrayList<>();
        try {
            for (String p : paths) {
                named.add(new Named(DEFAULT_NAME.equals(p) ? DEFAULT_NAME : p, open(p)));
            }
            return parseAll(named);
        } finally {
            for (Named n : named) {
                n.reader.close();
            }
        }
    }

    /** The library shipped inside Qinglang. */
    public static Result defaultLibrary() {
        try {
            return read(DEFAULT_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(String path) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        if (DEFAULT_NAME.equals(path)) {
            InputStream in = LibraryFile.class.getResourceAsStream(DEFAULT_RESOURCE);
            if (in == null) {
                throw new IOException("the default library is missing from the qinglang-core jar");
            }
            return new InputStreamReader(in, decoder);
        }
        return new InputStreamReader(Files.newInputStream(Path.of(path)), decoder);
    }

    private record Named(String source, Reader reader) {
    }

    private static Result parseAll(List<Named> files) throws IOException {
        Map<String, Entry> byTerm = new LinkedHashMap<>();
        Map<String, String> whereFrom = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Named file : files) {
            BufferedReader r = new BufferedReader(file.reader);
            String category = Entry.DEFAULT_CATEGORY;
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    if (!line.endsWith("]") || line.length() < 3) {
                        problems.add(new Problem(file.source, lineNo, "a section line must look like [category]"));
                    } else {
                        category = line.substring(1, line.length() - 1).strip();
                    }
                    continue;
                }
                try {
                    Entry e = parseEntry(line, category);
                    String key = e.term().toLowerCase(Locale.ROOT);
                    String where = file.source + ":" + lineNo;
                    String before = whereFrom.put(key, where);
                    if (before != null) {
                        problems.add(new Problem(file.source, lineNo,
                                "term '" + e.term() + "' replaces its entry from " + before));
                        byTerm.remove(key);
                    }
                    byTerm.put(key, e);
                } catch (IllegalArgumentException ex) {
                    problems.add(new Problem(file.source, lineNo, ex.getMessage()));
                }
            }
        }
        return new Result(new ArrayList<>(byTerm.values()), problems);
    }

    /** Parses one entry line; {@code category} is the current section's. */
    public static Entry parseEntry(String line, String category) {
        String[] fields = line.split("\\|");
        String term = fields[0].strip();
        if (term.isEmpty()) {
            throw new IllegalArgumentException("the term is empty: a line starts with the term, then | key=value");
        }
        Severity severity = Severity.MEDIUM;
        EnumSet<Channel> channels = EnumSet.copyOf(Entry.DEFAULT_CHANNELS);
        List<String> aliases = List.of();
        List<String> exempt = List.of();
        String note = "";
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + f + "' is not key=value (keys: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
            String key = f.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = f.substring(eq + 1).strip();
            switch (key) {
                case "category" -> category = value;
                case "severity" -> severity = Severity.fromId(value);
                case "channels" -> channels = parseChannels(value, channels);
                case "aliases" -> aliases = list(value);
                case "exempt" -> exempt = list(value);
                case "note" -> note = value;
                default -> throw new IllegalArgumentException("unknown key '" + key + "' (keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        for (String x : exempt) {
            if (!x.contains(term)) {
                throw new IllegalArgumentException("exemption '" + x + "' does not contain the term '" + term
                        + "': an exemption is a longer phrase in which the term is innocent");
            }
        }
        return new Entry(term, category, severity, channels, aliases, exempt, note);
    }

    private static EnumSet<Channel> parseChannels(String value, EnumSet<Channel> current) {
        List<String> items = list(value);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("channels is empty: list channels, or +channel / -channel");
        }
        boolean relative = items.stream().allMatch(s -> s.startsWith("+") || s.startsWith("-"));
        boolean absolute = items.stream().noneMatch(s -> s.startsWith("+") || s.startsWith("-"));
        if (!relative && !absolute) {
            throw new IllegalArgumentException("channels mixes a plain list with +/- changes: use one or the other");
        }
        EnumSet<Channel> out = relative ? EnumSet.copyOf(current) : EnumSet.of(Channel.EXACT);
        for (String s : items) {
            if (s.startsWith("+")) {
                out.add(Channel.fromId(s.substring(1).strip()));
            } else if (s.startsWith("-")) {
                Channel c = Channel.fromId(s.substring(1).strip());
                if (c == Channel.EXACT) {
                    throw new IllegalArgumentException("the exact channel cannot be switched off");
                }
                if (c == Channel.ALIAS) { // it is on exactly when the entry lists aliases
                    throw new IllegalArgumentException("the alias channel is on when aliases= lists code words: "
                            + "remove the aliases instead of -alias");
                }
                out.remove(c);
            } else {
                out.add(Channel.fromId(s));
            }
        }
        return out;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,，]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
