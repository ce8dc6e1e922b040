// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/bayes/NaiveBayes.h"

#include <vector>

namespace Tandem::Learn {

/// Categorical naive Bayes (`cnb`), as scikit-learn's CategoricalNB.
///
/// Every feature holds category indices 0, 1, 2, ... stored as doubles (a
/// Pipeline's ordinal encoding gives them); anything else (negative, fractional)
/// is refused with the row and column. Feature i has m_i = max(largest index
/// seen + 1, min_categories) categories; per class c and category v,
/// P(v | c) = (N_cv + alpha) / (N_c + alpha m_i). As scikit-learn 1.2 does by
/// default (force_alpha=False), an alpha below 1e-10 is taken as 1e-10.
///
/// Unlike scikit-learn, which fails on a category index never seen at fit time
/// (index >= m_i), predict treats it as a category of count zero for every class:
/// log P(v | c) = log(alpha / (N_c + alpha m_i)). Classes are compared on the
/// smoothing alone for that feature, and nothing fails when a new level turns up.
class CategoricalNB final : public NaiveBayes
{
public:
    CategoricalNB();

    QString id() const override { return QStringLiteral("cnb"); }
    QList<ParamSpec> params() const override;

    /// Per feature, K × m_i counts (category_count_) and log probabilities
    /// (feature_log_prob_); K class counts and log priors.
    const std::vector<Matrix> &categoryCount() const { return m_categoryCount; }
    const std::vector<Matrix> &featureLogProb() const { return m_featureLogProb; }
    const Vector &classCount() const { return m_classCount; }
    const Vector &classLogPrior() const { return m_classLogPrior; }

    /// The largest category index accepted at fit time (keeps a stray huge value
    /// from allocating a huge table).
    static constexpr qint64 maxCategoryIndex = 1 << 20;

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Matrix> jointLogLikelihoodImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    /// feature_log_prob_, the unseen-category terms and the log priors from the counts.
    void updateLogProbabilities();

    std::vector<Matrix> m_categoryCount;
    Vector m_classCount;
    std::vector<Matrix> m_featureLogProb;
    /// Per feature, K values: log(alpha / (N_c + alpha m_i)).
    std::vector<Vector> m_unseenLogProb;
    Vector m_classLogPrior;
};

} // namespace Tandem::Learn
