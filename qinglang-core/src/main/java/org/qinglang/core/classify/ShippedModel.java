package org.qinglang.core.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The models shipped inside the qinglang-core jar (内置模型). {@link #fast()} and {@link #accurate()} are
 * trained on COLD's train split (thu-coai, Apache-2.0), their hyper-parameters chosen on COLD's dev split;
 * see docs/model.md.
 */
public final class ShippedModel {

    /** Where the fast model lies on the class path. */
    public static final String FAST_RESOURCE = "/org/qinglang/core/classify/fast-cold.qlm";
    /** Where the accurate model lies on the class path. */
    public static final String ACCURATE_RESOURCE = "/org/qinglang/core/classify/accurate-cold.qlm";

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

    /**
     * The shipped accurate model, loaded on first use and then shared (with the shared
     * {@link SentenceEncoder}).
     *
     * @throws UncheckedIOException wrapping a {@link ModelFileException} if the jar lacks it or it is damaged
     */
    public static AccurateModel accurate() {
        return AccurateHolder.ACCURATE;
    }

    /** Loads the shipped fast model afresh (for measuring load time). */
    public static FastModel loadFast() throws ModelFileException {
        return (FastModel) load(FAST_RESOURCE, Mode.FAST);
    }

    /** Loads the shipped accurate model afresh (the encoder is shared and loaded once per JVM). */
    public static AccurateModel loadAccurate() throws ModelFileException {
        return (AccurateModel) load(ACCURATE_RESOURCE, Mode.ACCURATE);
    }

    private static AbuseClassifier load(String resource, Mode mode) throws ModelFileException {
        String source = "qinglang-core jar:" + resource;
        InputStream in = ShippedModel.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ModelFileException(source, "not found (the jar was built without its model)");
        }
        try (in) {
            AbuseClassifier m = ModelFile.load(in, source);
            if (m.mode() != mode) {
                throw new ModelFileException(source, "holds a model of mode '" + m.mode().id() + "', not " + mode.id());
            }
            return m;
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

    private static final class AccurateHolder {
        static final AccurateModel ACCURATE = load();

        private static AccurateModel load() {
            try {
                return loadAccurate();
            } catch (ModelFileException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
