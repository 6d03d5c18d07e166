package org.qinglang.core.classify;

import java.io.IOException;

/**
 * A model file could not be used: missing, unreadable, not a model, from a newer format, or damaged. The
 * message names the file and the problem, and is meant to be shown to people as it is.
 */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    ModelFileException(String source, String problem) {
        super("model file " + source + ": " + problem);
    }

    ModelFileException(String source, String problem, Throwable cause) {
        super("model file " + source + ": " + problem, cause);
    }
}
