// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"

namespace Tandem::Learn {

/// What the naive Bayes families share: each computes a joint log-likelihood
/// log P(c) + log P(x | c) per row and class; predict() takes its arg max (the
/// lowest class index among ties, as scikit-learn's argmax) and predictProba()
/// normalises it with a log-sum-exp, exactly as scikit-learn's
/// `_BaseNB.predict_log_proba`.
///
/// A class absent from the training rows (FitContext::classCount counts it)
/// gets prior 0: its probability is exactly 0 for every row.
class NaiveBayes : public Estimator
{
public:
    Task task() const override { return Task::Classification; }

    /// n × K joint log-likelihoods of X (checked as predict() checks its input).
    Base::Result<Matrix> jointLogLikelihood(const Matrix &X) const;

protected:
    NaiveBayes() = default;

    virtual Base::Result<Matrix> jointLogLikelihoodImpl(const Matrix &X) const = 0;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
};

} // namespace Tandem::Learn
