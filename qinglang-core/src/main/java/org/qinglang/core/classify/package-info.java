/**
 * The abusive-language model (辱骂识别模型): a score in [0, 1] and a label for one text, beside the feature
 * library's word hits.
 *
 * <p>{@link org.qinglang.core.classify.AbuseClassifier} is the one interface. The {@code fast} mode is
 * {@link org.qinglang.core.classify.FastModel}: logistic regression over hashed character 1–3-grams of the
 * folded text plus counts of feature-library hits per category and channel, trained by
 * {@link org.qinglang.core.classify.FastTrainer} with liblinear, stored by
 * {@link org.qinglang.core.classify.ModelFile}, and shipped trained on COLD
 * ({@link org.qinglang.core.classify.ShippedModel}). The {@code accurate} mode is
 * {@link org.qinglang.core.classify.AccurateModel}: the same logistic regression over a pretrained Chinese
 * sentence encoder's vector ({@link org.qinglang.core.classify.SentenceEncoder}, bge-small-zh-v1.5 on ONNX
 * Runtime, in-process) and the fast part, trained by {@link org.qinglang.core.classify.AccurateTrainer}.
 *
 * <p>Models are immutable and thread-safe. Nothing here returns or accepts null.
 */
package org.qinglang.core.classify;
