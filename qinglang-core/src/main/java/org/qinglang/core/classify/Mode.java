package org.qinglang.core.classify;

import java.util.Locale;

/** How a model computes its score. */
public enum Mode {
    /** Logistic regression over hashed character n-grams and feature-library hits ({@link FastModel}). */
    FAST,
    /** A pretrained Chinese sentence encoder on ONNX Runtime, plus the fast features ({@link AccurateModel}). */
    ACCURATE;

    /** The name used in files and on the command line: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code id} (case-insensitive). */
    public static Mode fromId(String id) {
        for (Mode m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "': use fast or accurate");
    }
}
