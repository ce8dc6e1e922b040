// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"
#include "core/learn/neighbors/NeighborSearch.h"

namespace Tandem::Learn {

/// k-nearest neighbours, as scikit-learn's KNeighborsClassifier (`knn`) and
/// KNeighborsRegressor (`knn_reg`) with algorithm="brute". Two registry ids
/// rather than one with a task switch: every other family has one task, and
/// the UI and the CLI list families by task.
///
/// Parameters: n_neighbors (k, default 5), weights ("uniform", or "distance":
/// 1/d, where a query at distance 0 from some training rows gets weight 1 for
/// those and 0 for the others, as scikit-learn) and metric ("euclidean" or
/// "manhattan"). The classifier's probabilities are the (weighted) vote shares;
/// predict() takes the class with the largest share, the lowest index among
/// ties. The regressor predicts the (weighted) mean of the neighbours' targets.
///
/// Which rows are the k nearest is exact and deterministic (see NeighborSearch:
/// ties in distance go to the lowest training row index), whatever the thread
/// count. fit() stores the training rows (the saved model holds them) and the
/// thread budget of its FitContext, which predict uses; setThreads() changes it
/// (a loaded model uses 1 until told otherwise).
///
/// Prediction is the long part (10,000 × 60,000 images of 784 pixels take
/// seconds), and it has no FitContext: setPredictProgress() lends it a progress
/// that receives the fraction done and can stop it within ~50 ms (predict then
/// fails with NeighborSearch::stoppedMessage()).
class KNeighbors final : public Estimator
{
public:
    enum class Kind { Classifier, Regressor };
    explicit KNeighbors(Kind kind);

    QString id() const override;
    Task task() const override;
    QList<ParamSpec> params() const override;

    /// Threads used by predict, kneighbors and predictProba (>= 1).
    int threads() const { return m_threads; }
    void setThreads(int threads) { m_threads = std::max(1, threads); }
    /// Progress and stop for the following predictions; nullptr for none. Not
    /// owned: it must outlive the calls that use it.
    void setPredictProgress(const Base::Progress *progress) { m_predictProgress = progress; }

    /// The n_neighbors nearest training rows of each row of X.
    Base::Result<Neighbors> kneighbors(const Matrix &X) const;

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    DistanceMetric metric() const;
    /// Per query, the neighbours' weights (all 1 for uniform).
    Matrix weights(const Matrix &distances) const;
    /// n × K (weighted) vote shares.
    Base::Result<Matrix> voteShares(const Matrix &X) const;

    Kind m_kind;
    NeighborSearch m_search;
    Vector m_targets;
    int m_threads = 1;
    const Base::Progress *m_predictProgress = nullptr;
};

} // namespace Tandem::Learn
