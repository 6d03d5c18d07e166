package org.qinglang.core.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationModel;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Trains the {@link AccurateModel} with liblinear (L2-regularised logistic regression) or Tribuo (a
 * factorization machine), choosing every
 * hyper-parameter on dev data only. The fast part uses given n-gram features and C (those chosen for the fast
 * model). Then, for each point of a {@link Grid}:
 * <ul>
 *   <li>{@link AccurateModel.Combination#SCORE}: the fast model's margin on each training text comes from a
 *       model trained on the other folds ({@value #FOLDS} folds, text i in fold i mod {@value #FOLDS}), so the
 *       stacker does not trust an over-fitted score; at dev and run time the fast model trained on all the
 *       training texts gives it. Features: the sentence vector and that margin.</li>
 *   <li>{@link AccurateModel.Combination#FEATURES}: one model over the sentence vector, multiplied by a scale
 *       (how strongly it is regularised against the n-grams), and the n-gram features.</li>
 *   <li>{@link AccurateModel.Combination#FM}: the rows of SCORE (the same out-of-fold margins) into Tribuo's
 *       factorization machine for a number of epochs; its two classes' numbers are turned into the one
 *       logistic form of {@link AccurateModel}.</li>
 * </ul>
 * Each point's threshold is the one that labels dev best; the point with the best dev accuracy wins.
 *
 * <p>Reproducible: liblinear is deterministic and single-threaded, the factorization machine runs on one
 * thread from a fixed seed with a new trainer each time, folds are fixed, the grid is walked in a
 * fixed order, and the sentence vectors do not depend on the thread count; so the same data on the same
 * machine gives the same model, bit for bit.
 */
public final class AccurateTrainer {

    /** Folds for the out-of-fold fast margins of the stacking combination. */
    public static final int FOLDS = 5;
    /**
     * How far the shortcut's band reaches past the outermost dev text that needs the encoder, in units of the
     * fast margin (log-odds of the n-gram model): a quarter, so that a text just beyond the last dev text
     * the stand-in would get wrong still runs the encoder.
     */
    static final double SHORTCUT_SLACK = 0.25;
    /** {@link AccurateModel.Combination#FM}: factors per class. */
    static final int FM_FACTORS = 8;
    /** {@link AccurateModel.Combination#FM}: AdaGrad's learning rate and initial accumulator. */
    static final double FM_LEARNING_RATE = 0.05;
    static final double FM_ADAGRAD_EPSILON = 0.1;
    /** {@link AccurateModel.Combination#FM}: the variance of the factors' initial values. */
    static final double FM_VARIANCE = 0.01;
    /** {@link AccurateModel.Combination#FM}: the seed of the factors' initial values and of the example order. */
    static final long FM_SEED = 42L;
    /** Tribuo logs every training at INFO through java.util.logging; kept here so the level holds. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private AccurateTrainer() {
    }

    /** What the returned model is trained on. */
    public enum Fit {
        /** The training texts only (dev chooses the hyper-parameters and threshold). */
        TRAIN,
        /**
         * Train and dev together, at the hyper-parameters and threshold chosen on dev with the model trained on
         * train alone (终版训练). The stacker's fast margins stay out-of-fold over the joined texts.
         */
        TRAIN_AND_DEV
    }

    /**
     * The hyper-parameters to try.
     *
     * @param combinations how to combine the fast part and the sentence vector
     * @param cs           liblinear C values
     * @param scales       for {@link AccurateModel.Combination#FEATURES}: factors on the sentence vector
     * @param epochs       for {@link AccurateModel.Combination#FM}: passes over the training texts
     */
    public record Grid(List<AccurateModel.Combination> combinations, List<Double> cs, List<Double> scales,
                       List<Integer> epochs) {
        public Grid {
            combinations = List.copyOf(combinations);
            cs = List.copyOf(cs);
            scales = List.copyOf(scales);
            epochs = List.copyOf(epochs);
            if (combinations.isEmpty() || cs.isEmpty() || scales.isEmpty() || epochs.isEmpty()) {
                throw new IllegalArgumentException("grid needs at least one combination, C, scale and epoch count");
            }
            for (int e : epochs) {
                if (e < 1 || e > 100) {
                    throw new IllegalArgumentException("epochs must be in [1, 100], was " + e);
                }
            }
            for (double v : cs) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("C must be positive and finite, was " + v);
                }
            }
            for (double v : scales) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("scale must be positive and finite, was " + v);
                }
            }
        }

        /** A grid with the standard FM epochs ({@link #standard()}'s). */
        public Grid(List<AccurateModel.Combination> combinations, List<Double> cs, List<Double> scales) {
            this(combinations, cs, scales, List.of(3, 6));
        }

        /**
         * The grid the shipped model was chosen on: stacking, by logistic regression (C 0.25–32) and by a
         * factorization machine (3 or 6 epochs). The joint-features combination (over the fast part's n-gram
         * features, so some 40 times slower to train) never came within 0.2 points of stacking on COLD dev;
         * {@link #both()} still tries it.
         */
        public static Grid standard() {
            return new Grid(List.of(AccurateModel.Combination.SCORE, AccurateModel.Combination.FM),
                    List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0), List.of(1.0), List.of(3, 6));
        }

        /** Both linear combinations, with the sentence-vector scales 1, 2 and 4 for the joint one. */
        public static Grid both() {
            return new Grid(List.of(AccurateModel.Combination.SCORE, AccurateModel.Combination.FEATURES),
                    standard().cs(), List.of(1.0, 2.0, 4.0), standard().epochs());
        }

        /** How many models the grid trains. */
        public int size() {
            int n = 0;
            for (AccurateModel.Combination c : combinations) {
                n += switch (c) {
                    case SCORE -> cs.size();
                    case FEATURES -> cs.size() * scales.size();
                    case FM -> epochs.size();
                };
            }
            return n;
        }
    }

    /**
     * One point of the grid and how it did on dev ({@code scale} is 1 for stacking; for
     * {@link AccurateModel.Combination#FM}, {@code c} is the number of epochs).
     */
    public record Trial(AccurateModel.Combination combination, double c, double scale, double threshold,
                        Evaluation dev) {
    }

    /** The chosen model, its trial, and every trial in grid order. */
    public record Result(AccurateModel model, Trial chosen, List<Trial> trials) {
    }

    /** Told of progress: a stage name and {@code done} of {@code total} in it. */
    @FunctionalInterface
    public interface Listener {
        void progress(String stage, int done, int total, Optional<Trial> trial);
    }

    /**
     * Trains on {@code train}, chooses on {@code dev}.
     *
     * @param fastFeatures the n-gram features of the fast part
     * @param fastC        liblinear C of the fast part (for stacking)
     * @param cacheDir     where sentence vectors are kept between runs; empty: encode every time
     */
    public static Result train(List<LabelledText> train, List<LabelledText> dev, FastFeatures fastFeatures,
                               double fastC, Grid grid, SentenceEncoder encoder, Optional<Path> cacheDir,
                               String trainingSha256, String createdBy, Listener listener) throws IOException {
        return train(train, dev, fastFeatures, fastC, grid, encoder, cacheDir, trainingSha256, createdBy,
                Fit.TRAIN, listener);
    }

    /**
     * Trains on {@code train}, chooses on {@code dev}; with {@link Fit#TRAIN_AND_DEV} the chosen point is then
     * trained again on train and dev together (its threshold and dev figures stay the ones chosen on dev).
     *
     * @param fit what the returned model is trained on
     */
    public static Result train(List<LabelledText> train, List<LabelledText> dev, FastFeatures fastFeatures,
                               double fastC, Grid grid, SentenceEncoder encoder, Optional<Path> cacheDir,
                               String trainingSha256, String createdBy, Fit fit, Listener listener)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(fit, "fit");
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("the dev data is empty: hyper-parameters are chosen on it");
        }
        EmbeddingCache cache = new EmbeddingCache(cacheDir);
        float[][] trainE = encode(cache, encoder, train, "encoding training texts", listener);
        float[][] devE = encode(cache, encoder, dev, "encoding dev texts", listener);
        FastFeatures.Vector[] trainX = FastTrainer.extract(fastFeatures, train);
        FastFeatures.Vector[] devX = FastTrainer.extract(fastFeatures, dev);
        double[] y = train.stream().mapToDouble(LabelledText::label).toArray();
        String by = createdBy + ", " + SentenceEncoder.ID + ", liblinear " + FastTrainer.liblinearVersion();
        FastModel.Provenance fastAbout = new FastModel.Provenance(trainingSha256, fastC, by);

        List<Trial> trials = new ArrayList<>();
        AccurateModel best = null;
        Trial bestTrial = null;
        int done = 0;
        double[] oof = null;
        FastModel stackedFast = null;
        for (AccurateModel.Combination combination : grid.combinations()) {
            if (combination != AccurateModel.Combination.FEATURES && oof == null) {
                oof = outOfFoldMargins(train, fastFeatures, fastC, trainingSha256, createdBy, listener);
                FastModel f = FastTrainer.trainOne(train, fastFeatures, fastC, 0.5, trainingSha256, createdBy);
                stackedFast = new FastModel(fastFeatures, f.weights(), f.bias(), 0.5, fastAbout);
            }
            if (combination == AccurateModel.Combination.FM) {
                for (int epochs : grid.epochs()) {
                    AccurateModel m = fm(trainE, oof, y, epochs, stackedFast,
                            new FastModel.Provenance(trainingSha256, epochs, by + fmAbout()), encoder);
                    Trial t = choose(m, 1, epochs, devE, devX, dev);
                    trials.add(t);
                    if (bestTrial == null || t.dev().accuracy() > bestTrial.dev().accuracy()) {
                        best = withThreshold(m, t.threshold());
                        bestTrial = t;
                    }
                    listener.progress("training", ++done, grid.size(), Optional.of(t));
                }
            } else if (combination == AccurateModel.Combination.SCORE) {
                FastModel fast = stackedFast;
                Feature[][] x = stackRows(trainE, oof);
                for (double c : grid.cs()) {
                    AccurateModel m = stacked(fit(x, y, SentenceEncoder.DIMENSION + 1, c), fast,
                            new FastModel.Provenance(trainingSha256, c, by), encoder);
                    Trial t = choose(m, 1, c, devE, devX, dev);
                    trials.add(t);
                    if (bestTrial == null || t.dev().accuracy() > bestTrial.dev().accuracy()) {
                        best = withThreshold(m, t.threshold());
                        bestTrial = t;
                    }
                    listener.progress("training", ++done, grid.size(), Optional.of(t));
                }
            } else {
                int n = fastFeatures.dimension();
                for (double scale : grid.scales()) {
                    Feature[][] x = new Feature[train.size()][];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = joint(trainE[i], scale, trainX[i], n);
                    }
                    for (double c : grid.cs()) {
                        AccurateModel m = joined(fit(x, y, SentenceEncoder.DIMENSION + n, c), scale, fastFeatures,
                                fastAbout, new FastModel.Provenance(trainingSha256, c, by), encoder);
                        Trial t = choose(m, scale, c, devE, devX, dev);
                        trials.add(t);
                        if (bestTrial == null || t.dev().accuracy() > bestTrial.dev().accuracy()) {
                            best = withThreshold(m, t.threshold());
                            bestTrial = t;
                        }
                        listener.progress("training", ++done, grid.size(), Optional.of(t));
                    }
                }
            }
        }
        if (fit == Fit.TRAIN_AND_DEV) {
            listener.progress("training on train and dev", 0, 1, Optional.empty());
            List<LabelledText> all = new ArrayList<>(train);
            all.addAll(dev);
            float[][] allE = new float[all.size()][];
            System.arraycopy(trainE, 0, allE, 0, trainE.length);
            System.arraycopy(devE, 0, allE, trainE.length, devE.length);
            best = withThreshold(refit(bestTrial, all, allE, fastFeatures, fastC, encoder, trainingSha256, createdBy,
                    by + ", fit on train+dev", listener), bestTrial.threshold());
            listener.progress("training on train and dev", 1, 1, Optional.empty());
        }
        best = best.withShortcut(shortcut(best, trainE, devE, devX, 0));
        return new Result(best, bestTrial, List.copyOf(trials));
    }

    /**
     * {@code model} with its shortcut fitted as {@link #train} fits it, from the sentence vectors of
     * {@code train} and {@code dev} (cached like training's): for a model trained before the shortcut
     * existed (format version 2). The model's weights and threshold are kept.
     */
    public static AccurateModel withShortcut(AccurateModel model, List<LabelledText> train, List<LabelledText> dev,
                                             SentenceEncoder encoder, Optional<Path> cacheDir, Listener listener)
            throws IOException {
        return withShortcut(model, train, dev, encoder, cacheDir, 0, listener);
    }

    /**
     * As {@link #withShortcut(AccurateModel, List, List, SentenceEncoder, Optional, Listener)}, with a band
     * that may change the labels of up to {@code tolerance} of the dev texts (0: none), for a faster model.
     */
    public static AccurateModel withShortcut(AccurateModel model, List<LabelledText> train, List<LabelledText> dev,
                                             SentenceEncoder encoder, Optional<Path> cacheDir, double tolerance,
                                             Listener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("the shortcut is fitted on train and dev, both non-empty");
        }
        EmbeddingCache cache = new EmbeddingCache(cacheDir);
        float[][] trainE = encode(cache, encoder, train, "encoding training texts", listener);
        float[][] devE = encode(cache, encoder, dev, "encoding dev texts", listener);
        FastFeatures.Vector[] devX = FastTrainer.extract(model.fast().features(), dev);
        return model.withShortcut(shortcut(model, trainE, devE, devX, tolerance));
    }

    private static float[][] encode(EmbeddingCache cache, SentenceEncoder encoder, List<LabelledText> data,
                                    String stage, Listener listener) throws IOException {
        return cache.vectors(encoder, texts(data), k -> listener.progress(stage, k, data.size(), Optional.empty()));
    }

    /**
     * The band of fast margins outside which {@code model} skips the encoder ({@link AccurateModel.Shortcut}):
     * the stand-in score uses the mean of the training texts' sentence vectors, so its label is 1 from the
     * margin where it crosses the threshold on; the band is {@link #band} over the dev texts whose label the
     * stand-in would change. A model whose stand-in does not grow with the margin gets no shortcut.
     *
     * @param tolerance the share of dev texts whose label the shortcut may change, in [0, 1)
     */
    static AccurateModel.Shortcut shortcut(AccurateModel model, float[][] trainE, float[][] devE,
                                           FastFeatures.Vector[] devX, double tolerance) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("the shortcut's tolerance must be in [0, 1), was " + tolerance);
        }
        double[] sum = new double[SentenceEncoder.DIMENSION];
        for (float[] e : trainE) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += e[j];
            }
        }
        float[] mean = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            mean[j] = (float) (sum[j] / trainE.length);
        }
        double intercept = model.logOdds(mean, 0);
        double slope = model.logOdds(mean, 1) - intercept;
        if (!(slope > 0) || !Double.isFinite(intercept)) {
            return AccurateModel.Shortcut.NONE;
        }
        double t = model.threshold();
        double crossing = (Math.log(t / (1 - t)) - intercept) / slope;
        double[] margins = new double[devE.length];
        double[] disagreeing = new double[devE.length];
        int d = 0;
        for (int i = 0; i < devE.length; i++) {
            margins[i] = model.fast().margin(devX[i]);
            boolean full = model.probability(devE[i], devX[i]) >= t;
            if ((margins[i] >= crossing) != full) {
                disagreeing[d++] = margins[i];
            }
        }
        double[] band = band(margins, Arrays.copyOf(disagreeing, d), crossing,
                (int) Math.floor(tolerance * devE.length));
        return new AccurateModel.Shortcut(band[0], band[1], intercept, slope);
    }

    /**
     * The band {@code [low, high]} outside which the encoder is skipped: it takes in {@code crossing} and every
     * margin of {@code disagreeing} but at most {@code spare} of them, the outermost ones (as many from each end
     * as leaves the most {@code margins} outside), and reaches {@link #SHORTCUT_SLACK} further on each side.
     *
     * @param margins     the dev texts' fast margins
     * @param disagreeing the margins of the dev texts whose label the stand-in would change
     * @param crossing    the margin from which the stand-in's label is 1
     * @param spare       how many of {@code disagreeing} may be left outside
     */
    static double[] band(double[] margins, double[] disagreeing, double crossing, int spare) {
        double[] sorted = disagreeing.clone();
        Arrays.sort(sorted);
        int d = sorted.length;
        int leaveOut = Math.min(d, spare);
        double[] best = null;
        long bestSkipped = -1;
        for (int fromLow = 0; fromLow <= leaveOut; fromLow++) {
            int kept = d - leaveOut;
            double low = (kept > 0 ? Math.min(crossing, sorted[fromLow]) : crossing) - SHORTCUT_SLACK;
            double high = (kept > 0 ? Math.max(crossing, sorted[fromLow + kept - 1]) : crossing) + SHORTCUT_SLACK;
            long skipped = Arrays.stream(margins).filter(m -> m < low || m > high).count();
            if (skipped > bestSkipped) {
                bestSkipped = skipped;
                best = new double[] {low, high};
            }
        }
        return best;
    }

    /** The chosen point of the grid trained on {@code data} (train and dev), threshold 0.5 for now. */
    private static AccurateModel refit(Trial chosen, List<LabelledText> data, float[][] e, FastFeatures fastFeatures,
                                       double fastC, SentenceEncoder encoder, String sha, String createdBy,
                                       String by, Listener listener) {
        double[] y = data.stream().mapToDouble(LabelledText::label).toArray();
        FastModel.Provenance about = new FastModel.Provenance(sha, chosen.c(), by);
        FastModel.Provenance fastAbout = new FastModel.Provenance(sha, fastC, by);
        if (chosen.combination() != AccurateModel.Combination.FEATURES) {
            double[] oof = outOfFoldMargins(data, fastFeatures, fastC, sha, createdBy, listener);
            FastModel fast = FastTrainer.trainOne(data, fastFeatures, fastC, 0.5, sha, createdBy);
            fast = new FastModel(fastFeatures, fast.weights(), fast.bias(), 0.5, fastAbout);
            if (chosen.combination() == AccurateModel.Combination.FM) {
                return fm(e, oof, y, (int) chosen.c(), fast,
                        new FastModel.Provenance(sha, chosen.c(), by + fmAbout()), encoder);
            }
            return stacked(fit(stackRows(e, oof), y, SentenceEncoder.DIMENSION + 1, chosen.c()), fast, about, encoder);
        }
        FastFeatures.Vector[] xs = FastTrainer.extract(fastFeatures, data);
        Feature[][] x = new Feature[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = joint(e[i], chosen.scale(), xs[i], fastFeatures.dimension());
        }
        return joined(fit(x, y, SentenceEncoder.DIMENSION + fastFeatures.dimension(), chosen.c()), chosen.scale(),
                fastFeatures, fastAbout, about, encoder);
    }

    /** The stacker's rows: the sentence vector and the fast margin. */
    private static Feature[][] stackRows(float[][] e, double[] margin) {
        Feature[][] x = new Feature[e.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = dense(e[i], 1, new FeatureNode(SentenceEncoder.DIMENSION + 1, margin[i]));
        }
        return x;
    }

    /** What the FM combination adds to created-by: the library and its fixed settings. */
    private static String fmAbout() {
        String v = FMClassificationTrainer.class.getPackage().getImplementationVersion();
        return ", tribuo " + (v == null ? "4.3.2" : v) + " fm (" + FM_FACTORS + " factors, adagrad "
                + FM_LEARNING_RATE + ", seed " + FM_SEED + ")";
    }

    /**
     * The FM combination: Tribuo's factorization machine (two-class softmax, AdaGrad, one text per step, a
     * fixed seed, single-threaded) over {@code [e, margin]}, turned into one logistic form: the linear
     * weights and biases of the two classes subtracted, their factors kept as the plus and minus rows.
     */
    private static AccurateModel fm(float[][] e, double[] margin, double[] y, int epochs, FastModel fast,
                                    FastModel.Provenance about, SentenceEncoder encoder) {
        int n = SentenceEncoder.DIMENSION + 1;
        String[] names = new String[n];
        for (int j = 0; j < n; j++) {
            names[j] = String.format(java.util.Locale.ROOT, "u%04d", j);
        }
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("stacker rows", labels),
                labels);
        for (int i = 0; i < e.length; i++) {
            data.add(fmExample(names, e[i], margin[i], y[i] == 1 ? "1" : "0"));
        }
        FMClassificationTrainer trainer = new FMClassificationTrainer(new LogMulticlass(),
                new AdaGrad(FM_LEARNING_RATE, FM_ADAGRAD_EPSILON), epochs, Integer.MAX_VALUE, 1, FM_SEED, FM_FACTORS,
                FM_VARIANCE);
        FMClassificationModel model = trainer.train(data);
        int one = model.getOutputIDInfo().getID(new Label("1"));
        int zero = model.getOutputIDInfo().getID(new Label("0"));
        DenseMatrix w = model.getLinearWeightsCopy();
        DenseVector b = model.getBiasesCopy();
        Tensor[] factors = model.getFactorsCopy();
        int[] column = new int[n];
        for (int j = 0; j < n; j++) {
            column[j] = model.getFeatureIDMap().getID(names[j]); // -1: never seen, weight 0
        }
        float[] linear = new float[n];
        for (int j = 0; j < n; j++) {
            linear[j] = column[j] < 0 ? 0f : (float) (w.get(one, column[j]) - w.get(zero, column[j]));
        }
        float[] v = Arrays.copyOf(linear, SentenceEncoder.DIMENSION);
        AccurateModel.Interactions q = new AccurateModel.Interactions(
                rows((DenseMatrix) factors[one], column), rows((DenseMatrix) factors[zero], column));
        // the file keeps one created-by for both parts
        FastModel part = new FastModel(fast.features(), fast.weights(), fast.bias(), 0.5,
                new FastModel.Provenance(fast.about().trainingSha256(), fast.about().c(), about.createdBy()));
        return new AccurateModel(AccurateModel.Combination.FM, part, v, linear[n - 1], q,
                (float) (b.get(one) - b.get(zero)), 0.5, about, encoder);
    }

    private static Example<Label> fmExample(String[] names, float[] e, double margin, String label) {
        double[] values = new double[names.length];
        for (int j = 0; j < e.length; j++) {
            values[j] = e[j];
        }
        values[e.length] = margin;
        return new ArrayExample<>(new Label(label), names, values);
    }

    /** One class's factors (Tribuo: factors × features) as rows over our feature order. */
    private static float[][] rows(DenseMatrix factors, int[] column) {
        float[][] out = new float[factors.getDimension1Size()][column.length];
        for (int f = 0; f < out.length; f++) {
            for (int j = 0; j < column.length; j++) {
                out[f][j] = column[j] < 0 ? 0f : (float) factors.get(f, column[j]);
            }
        }
        return out;
    }

    /** The stacking model of the weights {@code w} (512 embedding weights, fast weight, bias); threshold 0.5. */
    private static AccurateModel stacked(double[] w, FastModel fast, FastModel.Provenance about,
                                         SentenceEncoder encoder) {
        float[] v = new float[SentenceEncoder.DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) w[i];
        }
        return new AccurateModel(AccurateModel.Combination.SCORE, fast, v, (float) w[SentenceEncoder.DIMENSION],
                (float) w[SentenceEncoder.DIMENSION + 1], 0.5, about, encoder);
    }

    /** The joint model of the weights {@code w} (512 scaled embedding weights, n-gram weights, bias). */
    private static AccurateModel joined(double[] w, double scale, FastFeatures fastFeatures,
                                        FastModel.Provenance fastAbout, FastModel.Provenance about,
                                        SentenceEncoder encoder) {
        int n = fastFeatures.dimension();
        float[] v = new float[SentenceEncoder.DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (w[i] * scale);
        }
        float[] fw = new float[n];
        for (int i = 0; i < n; i++) {
            fw[i] = (float) w[SentenceEncoder.DIMENSION + i];
        }
        return new AccurateModel(AccurateModel.Combination.FEATURES, new FastModel(fastFeatures, fw, 0f, 0.5, fastAbout),
                v, 1f, (float) w[SentenceEncoder.DIMENSION + n], 0.5, about, encoder);
    }

    private static AccurateModel withThreshold(AccurateModel m, double threshold) {
        return new AccurateModel(m.combination(), m.fast(), m.embeddingWeights(), m.fastWeight(), m.interactions(),
                m.bias(), threshold, m.about(), m.encoder());
    }

    private static Trial choose(AccurateModel m, double scale, double c, float[][] devE, FastFeatures.Vector[] devX,
                                List<LabelledText> dev) {
        double[] p = new double[dev.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.probability(devE[i], devX[i]);
        }
        double threshold = FastTrainer.bestThreshold(p, dev);
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = p[i] >= threshold ? 1 : 0;
        }
        return new Trial(m.combination(), c, scale, threshold, Evaluation.of(dev, labels));
    }

    private static double[] outOfFoldMargins(List<LabelledText> train, FastFeatures features, double c, String sha,
                                             String createdBy, Listener listener) {
        double[] margin = new double[train.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            listener.progress("fast model on folds", fold, FOLDS, Optional.empty());
            List<LabelledText> rest = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (i % FOLDS != fold) {
                    rest.add(train.get(i));
                }
            }
            FastModel m = FastTrainer.trainOne(rest, features, c, 0.5, sha, createdBy);
            int f = fold;
            IntStream.range(0, train.size()).parallel().filter(i -> i % FOLDS == f)
                    .forEach(i -> margin[i] = m.margin(features.extract(train.get(i).text())));
        }
        listener.progress("fast model on folds", FOLDS, FOLDS, Optional.empty());
        return margin;
    }

    /** liblinear's weights (with the bias last), turned to favour label 1. */
    private static double[] fit(Feature[][] x, double[] y, int n, double c) {
        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = n + 1;
        problem.x = x;
        problem.y = y;
        problem.bias = 1;
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model m = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, FastTrainer.EPSILON));
        double[] w = m.getFeatureWeights();
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            out[i] = sign * w[i];
        }
        return out;
    }

    /** A stacker row: the sentence vector, {@code extra} (column {@code e.length + 1}), then the bias column. */
    private static Feature[] dense(float[] e, double scale, FeatureNode extra) {
        Feature[] row = new Feature[e.length + 2];
        for (int i = 0; i < e.length; i++) {
            row[i] = new FeatureNode(i + 1, e[i] * scale);
        }
        row[e.length] = extra;
        row[e.length + 1] = FastTrainer.biasColumn(e.length + 1);
        return row;
    }

    /** A joint row: the sentence vector, the fast features (of {@code fastDimension} columns), the bias column. */
    private static Feature[] joint(float[] e, double scale, FastFeatures.Vector x, int fastDimension) {
        int[] index = x.index();
        float[] value = x.value();
        Feature[] row = new Feature[e.length + index.length + 1];
        for (int i = 0; i < e.length; i++) {
            row[i] = new FeatureNode(i + 1, e[i] * scale);
        }
        for (int j = 0; j < index.length; j++) {
            row[e.length + j] = new FeatureNode(e.length + index[j] + 1, value[j]);
        }
        row[row.length - 1] = FastTrainer.biasColumn(e.length + fastDimension);
        return row;
    }


    private static List<String> texts(List<LabelledText> data) {
        return data.stream().map(LabelledText::text).toList();
    }
}
