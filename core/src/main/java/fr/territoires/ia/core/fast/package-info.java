/**
 * Fast inference paths: fitted models compiled into flat primitive arrays and evaluated in plain
 * Java, one row or a batch of rows, without allocating per prediction.
 *
 * <p>Entry points: {@link fr.territoires.ia.core.fast.CompiledTrees}, a gradient-boosted tree
 * ensemble compiled from XGBoost's JSON model dump (binary logistic, multi-class soft probability
 * or regression), with per-prediction explanations (Saabas contributions); and
 * {@link fr.territoires.ia.core.fast.LinearPredictor}, a linear model (weights and intercepts, as
 * learnt by Tribuo's SGD or LIBLINEAR trainers) with an identity, logistic or softmax link.
 *
 * <p>Inputs are dense rows of {@code double} in the order of the predictor's {@code columns()}; a
 * batch is the rows laid end to end in one array. For trees, NaN in a row means a missing value
 * and follows each split's default branch, as XGBoost does for a feature absent from a sparse
 * example; for linear predictors, NaN propagates to the outputs. Outputs are probabilities in
 * {@code [0, 1]} (logistic, soft probability, softmax; per class, summing to 1 for soft
 * probability and softmax) or values on the scale of the training target (regression, identity).
 * Explanations are margins (log-odds for logistic, per-class scores before the softmax), one
 * contribution per column plus a bias, summing to the margin.
 */
@NullMarked
package fr.territoires.ia.core.fast;

import org.jspecify.annotations.NullMarked;
