// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"
#include "core/learn/tree/FittedTree.h"

#include <optional>
#include <vector>

namespace Tandem::Learn {

/// Decision trees (CART), random forests and extra trees, as scikit-learn's
/// DecisionTree*, RandomForest* and ExtraTrees* (ids tree, forest, extratrees and
/// their _reg regressors). A single tree is an ensemble of one without bootstrap.
///
/// Features are first quantised (FeatureBinning: one bin per distinct value up to
/// 255 values, so that small data gets CART's exact thresholds; quantile bins
/// beyond) and trees grow on the bin codes (TreeBuilder). Categorical features
/// (FitContext::categoryCounts) split into two sets of categories.
///
/// Parameters (scikit-learn's names): criterion (gini, entropy, log_loss — the same
/// as entropy —, or squared_error), max_depth (0 = unlimited), min_samples_split,
/// min_samples_leaf, max_features (see MaxFeatures.h; default all for a tree and the
/// regressors, sqrt for the forest classifiers), min_impurity_decrease and
/// class_weight (none or balanced: n / (classes present × class count)). Ensembles
/// add n_estimators, bootstrap (forests: on, extra trees: off), max_samples (the
/// bootstrap sample's size as a fraction of the rows; ignored without bootstrap) and
/// oob_score (needs bootstrap: the out-of-bag accuracy or R², reported as a step
/// metric "oob_accuracy" / "oob_r2" and kept in the model).
///
/// Trees grow in parallel on FitContext::threads; each tree draws from its own
/// stream derived from (seed, tree index), so a seed gives the same model on any
/// thread count. Probabilities are the mean over trees of the leaves' weighted
/// class frequencies; regression predicts the mean of the leaves' means.
class TreeEnsemble final : public Estimator
{
public:
    enum class Kind { DecisionTree, RandomForest, ExtraTrees };
    TreeEnsemble(Kind kind, Task task);

    QString id() const override;
    Task task() const override { return m_task; }
    QList<ParamSpec> params() const override;
    Base::Result<Vector> featureImportances() const override;

    /// The trees grown (after a stopped fit: those that were complete).
    const std::vector<FittedTree> &trees() const { return m_trees; }
    /// The out-of-bag score of the last fit with oob_score.
    std::optional<double> oobScore() const { return m_oobScore; }
    /// Threads used by predict (fit sets the context's; a loaded model uses 1).
    void setThreads(int threads) { m_threads = std::max(1, threads); }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    bool isEnsemble() const { return m_kind != Kind::DecisionTree; }
    bool isClassifier() const { return m_task == Task::Classification; }
    /// Sum over trees of the leaf values each row reaches (n × value width).
    Matrix summedLeafValues(const Matrix &X) const;
    /// Out-of-bag predictions of the trees, scored against y.
    double outOfBagScore(const Matrix &X, const Vector &y, quint64 seed, Eigen::Index draws) const;

    Kind m_kind;
    Task m_task;
    std::vector<FittedTree> m_trees;
    int m_valueWidth = 1;
    std::optional<double> m_oobScore;
    int m_threads = 1;
};

} // namespace Tandem::Learn
