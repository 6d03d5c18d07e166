package org.qinglang.core.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Trains the {@link FastModel} with liblinear (L2-regularised logistic regression, the primal
 * trust-region Newton solver) on NB-scaled features (NBSVM, Wang &amp; Manning 2012, "Baselines and
 * Bigrams"): each feature is multiplied by its log-count ratio
 * {@code r = log((p / |p|₁) / (q / |q|₁))}, where {@code p} and {@code q} count the offensive and the other
 * training texts that have the feature, plus {@value #NB_ALPHA} each. The logistic regression then learns
 * how far to trust each feature's naive-Bayes evidence; its weights times {@code r} are the model's weights,
 * so a scaled model scores exactly like a plain one. On COLD dev this gave 91.5 % against 90.7 % unscaled.
 *
 * <p>Hyper-parameters are chosen on dev data only: for every point of a
 * {@link Grid} (hash bits × library features on or off × C) it trains on the training texts, picks the
 * threshold that labels the dev texts best, and keeps the model with the best dev accuracy (ties: the
 * smaller model, then the smaller C).
 *
 * <p>Reproducible: the solver is deterministic and single-threaded, features are hashed with a fixed
 * function, and the grid is walked in a fixed order, so the same data gives the same model, bit for bit.
 * Feature extraction runs in parallel but its result does not depend on it.
 */
public final class FastTrainer {

    /** liblinear's stopping tolerance for logistic regression (its default). */
    public static final double EPSILON = 0.01;
    /** The smoothing count added to both classes' counts of every feature for the NB log-count ratio. */
    public static final double NB_ALPHA = 1.0;

    private FastTrainer() {
    }

    /**
     * The hyper-parameters to try.
     *
     * @param hashBits  hash bit counts to try
     * @param library   whether to try without and/or with feature-library features
     * @param cs        liblinear C values to try
     * @param maxN      longest character n-gram
     */
    public record Grid(List<Integer> hashBits, List<Boolean> library, List<Double> cs, int maxN) {
        public Grid {
            hashBits = List.copyOf(hashBits);
            library = List.copyOf(library);
            cs = List.copyOf(cs);
            if (hashBits.isEmpty() || library.isEmpty() || cs.isEmpty()) {
                throw new IllegalArgumentException("grid needs at least one value of hashBits, library and C");
            }
            for (double c : cs) {
                if (!(c > 0) || Double.isInfinite(c)) {
                    throw new IllegalArgumentException("C must be positive and finite, was " + c);
                }
            }
        }

        /**
         * The grid the shipped model was chosen on. (2^18 buckets, 4-grams and C = 1 never won on COLD dev, so
         * they are no longer tried by default; 2^21 buckets scored between 2^20 and 2^22, and 2^23 and 2^24 within
         * a text of 2^22 for two and four times its memory, so they are not either.)
         */
        public static Grid standard() {
            return new Grid(List.of(20, 22), List.of(false, true), List.of(2.0, 4.0, 8.0, 16.0, 32.0), 3);
        }

        /** One point: no search. */
        public static Grid single(int hashBits, boolean library, double c, int maxN) {
            return new Grid(List.of(hashBits), List.of(library), List.of(c), maxN);
        }

        /** How many models the grid trains. */
        public int size() {
            return hashBits.size() * library.size() * cs.size();
        }
    }

    /** One point of the grid and how it did on dev. */
    public record Trial(int hashBits, boolean library, double c, double threshold, Evaluation dev) {
    }

    /** The chosen model, the trial it came from, and every trial in grid order. */
    public record Result(FastModel model, Trial chosen, List<Trial> trials) {
    }

    /** Told of progress: {@code done} of {@code total} models trained, and the last one's dev result. */
    @FunctionalInterface
    public interface Listener {
        void trained(int done, int total, Trial trial);
    }

    /**
     * Trains on {@code train}, chooses on {@code dev}.
     *
     * @param trainingSha256 the SHA-256 of the data, recorded in the model
     * @param createdBy      recorded in the model, e.g. {@code qinglang 0.1.0}
     */
    public static Result train(List<LabelledText> train, List<LabelledText> dev, Grid grid, String trainingSha256,
                               String createdBy, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        requireBothLabels(train, "training");
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("the dev data is empty: hyper-parameters are chosen on it");
        }
        double[] y = train.stream().mapToDouble(LabelledText::label).toArray();
        List<Trial> trials = new ArrayList<>();
        FastModel best = null;
        Trial bestTrial = null;
        int done = 0;
        for (int bits : grid.hashBits()) {
            for (boolean lib : grid.library()) {
                FastFeatures features = lib ? FastFeatures.withLibrary(bits, grid.maxN())
                        : FastFeatures.ngramsOnly(bits, grid.maxN());
                FastFeatures.Vector[] trainX = extract(features, train);
                double[] r = logCountRatios(features, trainX, y);
                Feature[][] x = toLiblinear(trainX, r, features.dimension());
                FastFeatures.Vector[] devX = extract(features, dev);
                for (double c : grid.cs()) {
                    FastModel model = fit(features, x, y, r, c, 0.5,
                            new FastModel.Provenance(trainingSha256, c, createdBy + ", liblinear " + liblinearVersion()));
                    double[] p = new double[devX.length];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = model.probability(devX[i]);
                    }
                    double threshold = bestThreshold(p, dev);
                    model = new FastModel(features, model.weights(), model.bias(), threshold, model.about());
                    Trial trial = new Trial(bits, lib, c, threshold, Evaluation.of(dev, labels(p, threshold)));
                    trials.add(trial);
                    if (bestTrial == null || BETTER.compare(trial, bestTrial) < 0) {
                        best = model;
                        bestTrial = trial;
                    }
                    listener.trained(++done, grid.size(), trial);
                }
            }
        }
        return new Result(best, bestTrial, List.copyOf(trials));
    }

    /**
     * The order of trials, best first: dev accuracy, then the smaller model (fewer hash bits, then no library features),
     * then the smaller C; so ties do not depend on the order the grid was given in ({@code --c 32,8}).
     */
    static final Comparator<Trial> BETTER = Comparator.comparingDouble((Trial t) -> -t.dev().accuracy())
            .thenComparingInt(Trial::hashBits).thenComparing(Trial::library).thenComparingDouble(Trial::c);

    /** Trains one model at one point, with a fixed threshold (no dev data). */
    public static FastModel trainOne(List<LabelledText> train, FastFeatures features, double c, double threshold,
                                     String trainingSha256, String createdBy) {
        requireBothLabels(train, "training");
        double[] y = train.stream().mapToDouble(LabelledText::label).toArray();
        FastFeatures.Vector[] x = extract(features, train);
        double[] r = logCountRatios(features, x, y);
        return fit(features, toLiblinear(x, r, features.dimension()), y, r, c, threshold,
                new FastModel.Provenance(trainingSha256, c, createdBy + ", liblinear " + liblinearVersion()));
    }

    /** The version of liblinear-java on the class path, or "unknown". */
    static String liblinearVersion() {
        String v = Linear.class.getPackage().getImplementationVersion();
        return v == null ? "2.44" : v;
    }

    private static FastModel fit(FastFeatures features, Feature[][] x, double[] y, double[] r, double c,
                                 double threshold, FastModel.Provenance about) {
        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = features.dimension() + 1;
        problem.x = x;
        problem.y = y;
        problem.bias = 1;
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model m = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, EPSILON));
        double[] w = m.getFeatureWeights();
        // liblinear's weights favour its first label; turn them to favour label 1
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        float[] weights = new float[features.dimension()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (sign * w[i] * r[i]);
        }
        float bias = (float) (sign * w[features.dimension()]);
        return new FastModel(features, weights, bias, threshold, about);
    }

    /** The features of every text of {@code data}, in order (extracted in parallel; each text alone). */
    static FastFeatures.Vector[] extract(FastFeatures features, List<LabelledText> data) {
        return IntStream.range(0, data.size()).parallel()
                .mapToObj(i -> features.extract(data.get(i).text()))
                .toArray(FastFeatures.Vector[]::new);
    }

    /**
     * The NB log-count ratio of every feature: {@code log((p_i / Σp) / (q_i / Σq))}, where {@code p_i} and
     * {@code q_i} count the label-1 and label-0 texts having feature i, each plus {@link #NB_ALPHA}.
     * Summed in a fixed order, so the same data gives the same ratios.
     */
    static double[] logCountRatios(FastFeatures features, FastFeatures.Vector[] x, double[] y) {
        int n = features.dimension();
        double[] p = new double[n];
        double[] q = new double[n];
        Arrays.fill(p, NB_ALPHA);
        Arrays.fill(q, NB_ALPHA);
        for (int i = 0; i < x.length; i++) {
            double[] counts = y[i] == 1 ? p : q;
            for (int j : x[i].index()) {
                counts[j] += 1;
            }
        }
        double sumP = 0;
        double sumQ = 0;
        for (int j = 0; j < n; j++) {
            sumP += p[j];
            sumQ += q[j];
        }
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            r[j] = Math.log((p[j] / sumP) / (q[j] / sumQ));
        }
        return r;
    }

    /**
     * The NB-scaled rows for liblinear, each ending in the bias column ({@code dimension + 1}, value 1 as
     * {@code problem.bias}): liblinear-java learns the intercept only where each row carries it (it does not
     * add it to rows itself; without it every bias came out 0, and a text of unknown words scored 0.5).
     */
    private static Feature[][] toLiblinear(FastFeatures.Vector[] vectors, double[] r, int dimension) {
        Feature[][] x = new Feature[vectors.length][];
        for (int i = 0; i < x.length; i++) {
            int[] index = vectors[i].index();
            float[] value = vectors[i].value();
            Feature[] row = new Feature[index.length + 1];
            for (int j = 0; j < index.length; j++) {
                row[j] = new FeatureNode(index[j] + 1, value[j] * r[index[j]]);
            }
            row[index.length] = biasColumn(dimension);
            x[i] = row;
        }
        return x;
    }

    /**
     * The bias column after {@code n} feature columns, value 1 as {@code problem.bias}: liblinear-java learns the
     * intercept only where each row carries it (it does not add it to rows itself). Every liblinear row of the
     * trainers ends in it.
     */
    static FeatureNode biasColumn(int n) {
        return new FeatureNode(n + 1, 1);
    }

    private static int[] labels(double[] p, double threshold) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] >= threshold ? 1 : 0;
        }
        return out;
    }

    /**
     * The threshold in [0.05, 0.95] that labels {@code data} most accurately: a midpoint between two sorted
     * scores; among equals, the one nearest 0.5.
     */
    static double bestThreshold(double[] p, List<LabelledText> data) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        int positives = 0;
        for (LabelledText t : data) {
            positives += t.label();
        }
        // threshold below every score: everything labelled 1
        int correct = positives;
        int bestCorrect = -1;
        double best = 0.5;
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                correct += data.get(order[k - 1]).label() == 0 ? 1 : -1;
            }
            if (k > 0 && k < n && p[order[k - 1]] == p[order[k]]) {
                continue;
            }
            double lo = k == 0 ? 0 : p[order[k - 1]];
            double hi = k == n ? 1 : p[order[k]];
            double t = Math.min(0.95, Math.max(0.05, (lo + hi) / 2));
            if (t <= lo || t > hi) {
                continue; // clamped out of this cut: "correct" counts another threshold than t would give
            }
            if (correct > bestCorrect || (correct == bestCorrect && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
                bestCorrect = correct;
                best = t;
            }
        }
        return best;
    }

    private static void requireBothLabels(List<LabelledText> data, String what) {
        boolean zero = false;
        boolean one = false;
        for (LabelledText t : data) {
            zero |= t.label() == 0;
            one |= t.label() == 1;
        }
        if (!zero || !one) {
            throw new IllegalArgumentException("the " + what + " data needs texts of both labels (0 and 1); it has "
                    + data.size() + " texts" + (zero || one ? ", all labelled " + (one ? 1 : 0) : ""));
        }
    }
}
