package org.qinglang.core.classify;

import java.util.Objects;

/**
 * One text of a labelled data set.
 *
 * @param text  the text as written
 * @param label 1 = offensive (COLD) or sexist (SWSR), 0 = not
 */
public record LabelledText(String text, int label) {

    public LabelledText {
        Objects.requireNonNull(text, "text");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        }
    }
}
