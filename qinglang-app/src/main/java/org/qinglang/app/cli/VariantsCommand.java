package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.EvasionGenerator;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.lexicon.LibraryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code qinglang variants TERM}: writes likely evasions of a term, class by class, and whether the
 * library catches each one and on which channel.
 */
@Command(name = "variants", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show likely evasions of a term and whether the library catches them.",
                "生成一个词条的常见变体（谐音、拼音、拆字、加噪……），并显示特征库能否识别。"})
public final class VariantsCommand implements Callable<Integer> {

    private static final String CARRIER_BEFORE = "我觉得你就是";
    private static final String CARRIER_AFTER = "，别说了";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TERM", description = "the term, or a full library line (TERM | key=value …)")
    String term;

    @Option(names = "--library", paramLabel = "FILE",
            description = "library to test against (repeatable; default: the shipped one plus TERM)")
    List<String> libraries = new ArrayList<>();

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "3", description = "variants per class (default 3)")
    int perClass;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default 1)")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Messages say = Messages.of(spec);
        if (perClass < 1 || perClass > 100) {
            err.println("variants: " + say.get("variants.perClass"));
            return Qinglang.USAGE;
        }
        Entry entry;
        try {
            entry = LibraryFile.parseEntry(term, Entry.DEFAULT_CATEGORY);
        } catch (IllegalArgumentException e) {
            err.println("variants: " + e.getMessage());
            return Qinglang.USAGE;
        }
        LibraryFile.Result read;
        try {
            read = Libraries.read(libraries, err, say);
        } catch (IOException e) {
            err.println("variants: " + say.get("library.cannotRead", e.getMessage()));
            return Qinglang.IO;
        }
        List<Entry> entries = new ArrayList<>();
        Entry inLibrary = null;
        for (Entry e : read.entries()) {
            if (e.term().equals(entry.term()) && !term.contains("|")) {
                inLibrary = e;
            } else if (!e.term().equals(entry.term())) {
                entries.add(e);
            }
        }
        if (inLibrary != null) {
            entry = inLibrary;
        }
        entries.add(entry);
        FeatureLibrary lib = FeatureLibrary.compile(entries);
        out.println(say.get("variants.term", entry.term(), entry.channels().stream()
                .map(c -> c.id()).sorted().toList()));
        int caught = 0;
        int total = 0;
        for (EvasionGenerator.Variant v : EvasionGenerator.standard().variants(entry, perClass, seed)) {
            String sentence = CARRIER_BEFORE + v.text() + CARRIER_AFTER;
            String by = "—";
            for (Hit h : lib.scan(sentence)) {
                if (h.term().equals(entry.term())) {
                    by = h.channel().id();
                    break;
                }
            }
            total++;
            caught += by.equals("—") ? 0 : 1;
            out.printf("%-12s %-20s %s%n", v.evasion().name().toLowerCase(), visible(v.text()), by);
        }
        out.println(say.get("variants.caught", caught, total, CARRIER_BEFORE, CARRIER_AFTER));
        return Qinglang.OK;
    }

    /** Shows invisible characters as \\uXXXX so the person sees what was generated. */
    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            if (t == Character.FORMAT || t == Character.CONTROL) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
