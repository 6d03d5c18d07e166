package org.qinglang.core.classify;

import java.util.List;

/**
 * How well labels agree with the truth on a data set: the confusion counts, accuracy and macro-F1 (the
 * mean of the F1 of class 1 and the F1 of class 0, as COLD's paper reports it).
 *
 * @param truePositives  labelled 1, predicted 1
 * @param falsePositives labelled 0, predicted 1
 * @param trueNegatives  labelled 0, predicted 0
 * @param falseNegatives labelled 1, predicted 0
 */
public record Evaluation(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

    /** Scores every text of {@code data} with {@code model} and compares labels. */
    public static Evaluation of(AbuseClassifier model, List<LabelledText> data) {
        int[] predicted = new int[data.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = model.score(data.get(i).text()).label();
        }
        return of(data, predicted);
    }

    /** Compares {@code predicted[i]} with the label of {@code data.get(i)}. */
    public static Evaluation of(List<LabelledText> data, int[] predicted) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + data.size() + " texts");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            int truth = data.get(i).label();
            if (predicted[i] == 1) {
                if (truth == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (truth == 0) {
                tn++;
            } else {
                fn++;
            }
        }
        return new Evaluation(tp, fp, tn, fn);
    }

    /** How many texts were compared. */
    public int size() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** The share of texts labelled right, in [0, 1]; 0 for no texts. */
    public double accuracy() {
        return size() == 0 ? 0 : (double) (truePositives + trueNegatives) / size();
    }

    /** The mean of the F1 of both classes, in [0, 1]. */
    public double macroF1() {
        return (f1(truePositives, falsePositives, falseNegatives) + f1(trueNegatives, falseNegatives, falsePositives)) / 2;
    }

    private static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
