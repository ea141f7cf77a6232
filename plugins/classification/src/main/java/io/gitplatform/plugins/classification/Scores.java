package io.gitplatform.plugins.classification;

import io.gitplatform.spi.TokenUsage;

/** Each label's log-likelihood, and the tokens it took to score them. */
record Scores(double[] logLikelihoods, TokenUsage usage) {
}
