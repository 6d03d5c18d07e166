package org.qinglang.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public datasets are: the system property {@value #PROPERTY}, else {@code qinglang.shared.data}
 * (set by the build for tests), else {@code ../shared/data} relative to the working directory.
 */
public final class DataDir {

    /** The system property that names the data folder. */
    public static final String PROPERTY = "qinglang.data";

    private DataDir() {
    }

    /** The data folder as configured, whether or not it exists. */
    public static Path configured() {
        String p = System.getProperty(PROPERTY, System.getProperty("qinglang.shared.data", "../shared/data"));
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** The data folder; fails with a message saying how to point at it when it is absent. */
    public static Path require() {
        Path dir = configured();
        if (!Files.isDirectory(dir.resolve("cold"))) {
            throw new IllegalStateException("the public datasets are not at " + dir + " (no cold/ folder there):"
                    + " run from the repository root with ../shared/data beside it, or pass -D" + PROPERTY
                    + "=/path/to/data");
        }
        return dir;
    }

    /** A file under the data folder; fails with a message naming it when it is absent. */
    public static Path file(Path dir, String relative) {
        Path f = dir.resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("missing data file " + f + " (data folder " + dir + ")");
        }
        return f;
    }
}
