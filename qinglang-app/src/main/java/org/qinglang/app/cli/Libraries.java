package org.qinglang.app.cli;

import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Loads the libraries named on a command line and tells about their problems on stderr. */
final class Libraries {

    private Libraries() {
    }

    static LibraryFile.Result read(List<String> paths, PrintWriter err) throws IOException {
        LibraryFile.Result read = LibraryFile.readAll(paths.isEmpty() ? List.of(LibraryFile.DEFAULT_NAME) : paths);
        for (LibraryFile.Problem p : read.problems()) {
            err.println("library: " + p);
        }
        return read;
    }

    static FeatureLibrary compile(LibraryFile.Result read, PrintWriter err) {
        FeatureLibrary lib = FeatureLibrary.compile(read.entries());
        for (String w : lib.warnings()) {
            err.println("library: " + w);
        }
        return lib;
    }
}
