package org.qinglang.app.cli;

import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Loads the libraries named on a command line and tells about their problems on stderr, in {@code m}'s language. */
final class Libraries {

    private Libraries() {
    }

    static LibraryFile.Result read(List<String> paths, PrintWriter err, Messages m) throws IOException {
        LibraryFile.Result read = LibraryFile.readAll(paths.isEmpty() ? List.of(LibraryFile.DEFAULT_NAME) : paths);
        for (LibraryFile.Problem p : read.problems()) {
            err.println(m.get("library.problem", p));
        }
        return read;
    }

    static FeatureLibrary compile(LibraryFile.Result read, PrintWriter err, Messages m) {
        FeatureLibrary lib = FeatureLibrary.compile(read.entries());
        for (String w : lib.warnings()) {
            err.println(m.get("library.problem", w));
        }
        return lib;
    }
}
