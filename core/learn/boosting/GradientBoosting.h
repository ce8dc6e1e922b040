// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"
#include "core/learn/boosting/BoostedTree.h"
#include "core/learn/boosting/Losses.h"
#include "core/learn/tree/FeatureBinning.h"

#include <vector>

namespace Tandem::Learn {

/// Histogram-based gradient-boosted trees, as scikit-learn's
/// HistGradientBoostingClassifier (`gbdt`: binary log loss, or the softmax with
/// one tree per class and round) and HistGradientBoostingRegressor (`gbdt_reg`:
/// squared error). Parameters as scikit-learn's, except n_estimators (boosting
/// rounds, scikit-learn's max_iter, xgboost's n_estimators) and subsample (a
/// seeded fraction of the rows per round, as LightGBM's bagging; 1 = all).
///
/// Features are quantised by FeatureBinning (max_bins value bins, plus missing);
/// trees grow leaf-wise, best first (see Boosting::TreeGrower); each leaf adds
/// learning_rate · (-G / (H + l2_regularization)) to the raw score, which starts
/// at scikit-learn's baseline (see Boosting::Loss).
///
/// Missing values (NaN) are welcome: each split tries sending them left and
/// right and keeps the better; a feature with no missing value at fit sends them
/// to the side that had more rows (scikit-learn's rule). Categorical features
/// (FitContext::categoryCounts) split on sets of categories (sorted by gradient /
/// hessian, as LightGBM and scikit-learn); at predict, a code outside 0..C-1
/// counts as missing.
///
/// early_stopping: "auto" (on when there are more than 10,000 rows, as
/// scikit-learn), "true" or "false". When on, a seeded validation_fraction of the
/// rows (stratified for the classifier) is held out, and fitting stops when none
/// of the last n_iter_no_change rounds lowered the validation loss by more than
/// tol below the loss n_iter_no_change + 1 rounds back (scikit-learn's rule; the
/// rounds so far are kept).
///
/// Reports "train_loss" (scikit-learn's loss, the mean over the training rows:
/// log loss for the classifier, half the squared error for the regressor) after
/// every round, and "validation_loss" with early stopping. featureImportances()
/// is gain-based: each feature's total loss decrease over all splits, normalised
/// to sum 1 (all zero when no tree split).
///
/// The model does not depend on the thread count: the same seed gives the same
/// trees on any number of threads.
class GradientBoosting final : public Estimator
{
public:
    enum class Kind { Classifier, Regressor };
    explicit GradientBoosting(Kind kind);

    QString id() const override;
    Task task() const override;
    QList<ParamSpec> params() const override;
    bool acceptsMissingValues() const override { return true; }
    Base::Result<Vector> featureImportances() const override;

    /// Rounds fitted (fewer than n_estimators after early stopping).
    int rounds() const { return m_treesPerRound > 0 ? int(m_trees.size()) / m_treesPerRound : 0; }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    Boosting::Loss loss() const;
    /// Raw scores of X, tree by tree (element k · n + i).
    std::vector<double> rawScores(const Matrix &X) const;

    Kind m_kind;
    FeatureBinning m_binning;
    std::vector<double> m_baseline;
    int m_treesPerRound = 0;
    std::vector<Boosting::BoostedTree> m_trees; ///< round by round, tree k of a round predicts score k
    std::vector<double> m_gains; ///< per column
    int m_threads = 1;
};

} // namespace Tandem::Learn
