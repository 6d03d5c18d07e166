package org.qinglang.core.coord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rater fairness (评分者公正度), after REV2 (Kumar et al., WSDM 2018), written from the paper. Three quantities
 * are computed together until they settle:
 * <ul>
 *   <li>the goodness G(p) of each item, in [−1, 1]: the reliability-weighted mean of its ratings;</li>
 *   <li>the reliability R(u, p) of each rating, in [0, 1]: a mix of its rater's fairness and how close the
 *       rating is to the item's goodness, (γ1·F(u) + γ2·(1 − |s − G(p)| / 2)) / (γ1 + γ2);</li>
 *   <li>the fairness F(u) of each rater, in [0, 1]: the mean reliability of its ratings.</li>
 * </ul>
 * Ratings 1 to 5 are mapped to s in [−1, 1] by (score − 3) / 2. As in the paper, Laplace-style priors keep
 * raters and items with few ratings near a prior: F(u) = (α·μF + Σ R) / (α + n), G(p) = (β·μG + Σ R·s) / (β + n) with μG = 0 (a neutral item).
 * The paper's behavioural prior terms (α2, β2) are left out. Iterates until no value moves by more than
 * {@code tolerance}, at most {@code maxIterations} times.
 *
 * @param alpha         the weight of the fairness prior, 0 or more
 * @param muFairness    the fairness prior, 0 to 1
 * @param beta          the weight of the goodness prior, 0 or more
 * @param gamma1        the weight of fairness in reliability, 0 or more
 * @param gamma2        the weight of agreement in reliability, 0 or more; γ1 + γ2 more than 0
 * @param tolerance     the convergence threshold, more than 0
 * @param maxIterations the most iterations, 1 or more
 */
public record RaterFairness(double alpha, double muFairness, double beta, double gamma1, double gamma2,
                            double tolerance, int maxIterations) {

    /** α = β = 1, μF = 0.5, γ1 = γ2 = 1, tolerance 1e-4, at most 100 iterations. */
    public static final RaterFairness DEFAULTS = new RaterFairness(1, 0.5, 1, 1, 1, 1e-4, 100);

    public RaterFairness {
        if (alpha < 0 || beta < 0 || gamma1 < 0 || gamma2 < 0 || !(gamma1 + gamma2 > 0)) {
            throw new IllegalArgumentException("alpha, beta, gamma1, gamma2 must be 0 or more and gamma1 + gamma2"
                    + " more than 0, were " + alpha + ", " + beta + ", " + gamma1 + ", " + gamma2);
        }
        if (!(muFairness >= 0 && muFairness <= 1) || !(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("muFairness must be 0 to 1, tolerance more than 0, maxIterations 1"
                    + " or more, were " + muFairness + ", " + tolerance + ", " + maxIterations);
        }
    }

    /**
     * The scores after convergence.
     *
     * @param fairness   per rater
     * @param goodness   per item, in [−1, 1]
     * @param iterations iterations run
     */
    public record Scores(Map<String, Double> fairness, Map<String, Double> goodness, int iterations) {
        public Scores {
            fairness = Map.copyOf(fairness);
            goodness = Map.copyOf(goodness);
        }
    }

    /** Scores the raters and items of the rating actions in {@code actions} (other types are ignored). */
    public Scores score(List<Action> actions) {
        Ids raters = new Ids();
        Ids items = new Ids();
        int m = 0;
        for (Action a : actions) {
            if (a.type() == ActionType.RATING) {
                m++;
            }
        }
        int[] ru = new int[m];
        int[] rp = new int[m];
        double[] s = new double[m];
        int i = 0;
        for (Action a : actions) {
            if (a.type() == ActionType.RATING) {
                ru[i] = raters.id(a.actor());
                rp[i] = items.id(a.target());
                s[i] = (a.rating() - 3) / 2.0;
                i++;
            }
        }
        int nu = raters.size();
        int np = items.size();
        double[] fair = new double[nu];
        double[] good = new double[np];
        double[] rel = new double[m];
        java.util.Arrays.fill(fair, 1);
        java.util.Arrays.fill(good, 1);
        java.util.Arrays.fill(rel, 1);
        int[] outDeg = new int[nu];
        int[] inDeg = new int[np];
        for (int k = 0; k < m; k++) {
            outDeg[ru[k]]++;
            inDeg[rp[k]]++;
        }
        double[] accU = new double[nu];
        double[] accP = new double[np];
        int it = 0;
        double moved = Double.MAX_VALUE;
        while (it < maxIterations && moved > tolerance) {
            it++;
            moved = 0;
            java.util.Arrays.fill(accP, 0);
            for (int k = 0; k < m; k++) {
                accP[rp[k]] += rel[k] * s[k];
            }
            for (int p = 0; p < np; p++) {
                double g = accP[p] / (beta + inDeg[p]);
                moved = Math.max(moved, Math.abs(g - good[p]));
                good[p] = g;
            }
            for (int k = 0; k < m; k++) {
                double r = (gamma1 * fair[ru[k]] + gamma2 * (1 - Math.abs(s[k] - good[rp[k]]) / 2)) / (gamma1 + gamma2);
                moved = Math.max(moved, Math.abs(r - rel[k]));
                rel[k] = r;
            }
            java.util.Arrays.fill(accU, 0);
            for (int k = 0; k < m; k++) {
                accU[ru[k]] += rel[k];
            }
            for (int u = 0; u < nu; u++) {
                double f = (alpha * muFairness + accU[u]) / (alpha + outDeg[u]);
                moved = Math.max(moved, Math.abs(f - fair[u]));
                fair[u] = f;
            }
        }
        Map<String, Double> fm = new HashMap<>();
        for (int u = 0; u < nu; u++) {
            fm.put(raters.name(u), fair[u]);
        }
        Map<String, Double> gm = new HashMap<>();
        for (int p = 0; p < np; p++) {
            gm.put(items.name(p), good[p]);
        }
        return new Scores(fm, gm, it);
    }
}
