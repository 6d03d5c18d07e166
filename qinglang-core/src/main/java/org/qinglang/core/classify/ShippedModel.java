package org.qinglang.core.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The models shipped inside the qinglang-core jar (内置模型). {@link #fast()} is trained on COLD's train
 * split (thu-coai, Apache-2.0), its hyper-parameters chosen on COLD's dev split; see docs/model.md.
 */
public final class ShippedModel {

    /** Where the fast model lies on the class path. */
    public static final String FAST_RESOURCE = "/org/qinglang/core/classify/fast-cold.qlm";

    private ShippedModel() {
    }

    /**
     * The shipped fast model, loaded on first use and then shared.
     *
     * @throws UncheckedIOException wrapping a {@link ModelFileException} if the jar lacks it or it is damaged
     */
    public static FastModel fast() {
        return Holder.FAST;
    }

    /** Loads the shipped fast model afresh (for measuring load time). */
    public static FastModel loadFast() throws ModelFileException {
        String source = "qinglang-core jar:" + FAST_RESOURCE;
        InputStream in = ShippedModel.class.getResourceAsStream(FAST_RESOURCE);
        if (in == null) {
            throw new ModelFileException(source, "not found (the jar was built without its model)");
        }
        try (in) {
            return ModelFile.read(in, source);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(source, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static final class Holder {
        static final FastModel FAST = load();

        private static FastModel load() {
            try {
                return loadFast();
            } catch (ModelFileException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
