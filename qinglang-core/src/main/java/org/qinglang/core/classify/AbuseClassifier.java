package org.qinglang.core.classify;

/**
 * An abusive-language model (辱骂识别模型): how likely a text is offensive (insult, abuse, hate against a
 * person or group), as a score in [0, 1] and a label.
 *
 * <p>Implementations are immutable and thread-safe: load once and share.
 */
public interface AbuseClassifier {

    /** The mode of this model: how it computes its score. */
    Mode mode();

    /** Scores one text; any string is accepted, the empty one included. */
    AbuseScore score(String text);

    /**
     * This model scoring every text in full: for a model that skips work where a cheaper part settles the
     * label ({@link AccurateModel.Shortcut}), the same model without that shortcut; otherwise this one.
     */
    default AbuseClassifier inFull() {
        return this;
    }
}
