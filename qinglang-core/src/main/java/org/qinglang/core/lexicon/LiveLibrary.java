package org.qinglang.core.lexicon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The library in use, reloadable while scans go on: {@link #reload()} reads the files again, compiles a
 * new {@link FeatureLibrary} and swaps it in with one atomic write. A scan that has started keeps the
 * library it started with; the next scan sees the new one. If the files cannot be read, the library in
 * use stays.
 *
 * <p>Thread-safe.
 */
public final class LiveLibrary {

    private final List<String> sources;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Object reloading = new Object();

    private record Loaded(FeatureLibrary library, LibraryFile.Result read, List<FileTime> modified) {
    }

    private LiveLibrary(List<String> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Loads the libraries at {@code sources} (paths, or {@value LibraryFile#DEFAULT_NAME}). */
    public static LiveLibrary load(List<String> sources) throws IOException {
        Objects.requireNonNull(sources, "sources");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("name at least one library file, or 'default'");
        }
        LiveLibrary live = new LiveLibrary(sources);
        live.reload();
        return live;
    }

    /** The compiled library now in use. */
    public FeatureLibrary library() {
        return current.get().library();
    }

    /** What the last successful read found: the entries and the problems by line. */
    public LibraryFile.Result lastRead() {
        return current.get().read();
    }

    /** Scans with the library now in use. */
    public List<Hit> scan(CharSequence text) {
        return library().scan(text);
    }

    /**
     * Reads and compiles the files again and swaps the result in; returns what was read. Reloads run one at a time,
     * so that of two at once the one that read the files last is the one left in use (each compiles for seconds on a
     * large library, and the earlier read could otherwise be installed last).
     */
    public LibraryFile.Result reload() throws IOException {
        synchronized (reloading) {
            List<FileTime> modified = modifiedTimes();
            LibraryFile.Result read = LibraryFile.readAll(sources);
            FeatureLibrary compiled = FeatureLibrary.compile(read.entries());
            current.set(new Loaded(compiled, read, modified));
            return read;
        }
    }

    /** Reloads if a file changed since the last load; true if it did. */
    public boolean reloadIfChanged() throws IOException {
        if (modifiedTimes().equals(current.get().modified())) {
            return false;
        }
        reload();
        return true;
    }

    private List<FileTime> modifiedTimes() throws IOException {
        List<FileTime> times = new ArrayList<>();
        for (String s : sources) {
            times.add(LibraryFile.DEFAULT_NAME.equals(s) ? FileTime.fromMillis(0) : Files.getLastModifiedTime(Path.of(s)));
        }
        return times;
    }
}
