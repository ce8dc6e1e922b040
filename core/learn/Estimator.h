// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/BinaryFormat.h"
#include "core/learn/FitContext.h"
#include "core/learn/ParamSpec.h"
#include "core/learn/Task.h"

#include <Eigen/Core>

#include <QList>
#include <QString>

#include <memory>

class QDataStream;
class QIODevice;

namespace Tandem::Learn {

/// Samples in rows, features in columns. Column-major (Eigen's default), which
/// suits coordinate descent and per-feature statistics.
using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

/// A model family's fit/predict contract. The UI, sweeps and the CLI work with any
/// family through this interface and its ParamSpecs, without knowing the family.
///
/// Inputs are numeric matrices prepared by a Pipeline (no missing values); for
/// classifiers the target holds class indices 0..K-1 (FitContext::classCount = K)
/// and predict() returns class indices. Every call returns errors as values.
class Estimator
{
public:
    virtual ~Estimator() = default;

    /// The registry id ("ridge", "logreg", ...).
    virtual QString id() const = 0;
    virtual Task task() const = 0;
    /// The hyperparameter schema of this family.
    virtual QList<ParamSpec> params() const = 0;
    /// Whether fit and predict take NaN as "missing" (histogram boosting routes
    /// missing values itself); the others need imputed input. Infinities never pass.
    virtual bool acceptsMissingValues() const { return false; }

    /// The current values (all of them, typed).
    const ParamValues &paramValues() const { return m_values; }
    /// Validates and sets hyperparameters; names not given keep their value.
    /// "C must be > 0, got -1" and unknown names are errors; nothing changes then.
    Base::Status setParams(const ParamValues &values);

    /// Fits on X (n × p) and y (n). A stop request ends it with
    /// FitContext::stoppedMessage().
    Base::Status fit(const Matrix &X, const Vector &y, FitContext &context);
    /// Class indices (classifiers) or values (regressors), one per row of X.
    Base::Result<Vector> predict(const Matrix &X) const;
    /// Classifiers: n × K class probabilities, rows summing to 1.
    Base::Result<Matrix> predictProba(const Matrix &X) const;

    /// Impurity-based importance of each feature (trees and ensembles: the total
    /// impurity decrease it brought, weighted by samples, normalised to sum 1, as
    /// scikit-learn's feature_importances_). Default: an error naming the family;
    /// permutation importance (core/eval) works for every family.
    virtual Base::Result<Vector> featureImportances() const;

    bool isFitted() const { return m_fitted; }
    Eigen::Index featureCount() const { return m_featureCount; }
    int classCount() const { return m_classCount; }

    /// Writes the fitted model (id, parameters and state) in Tandem's versioned
    /// binary model format; load() restores a model that predicts bit-identically.
    Base::Status save(QIODevice &device) const;
    static Base::Result<std::unique_ptr<Estimator>> load(QIODevice &device);

    /// Format version written first in every saved model.
    static constexpr quint32 formatVersion = 1;

protected:
    Estimator() = default;
    /// Call once from the concrete constructor: sets every parameter to its default.
    void initParams();

    virtual Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) = 0;
    virtual Base::Result<Vector> predictImpl(const Matrix &X) const = 0;
    /// Default: "<id> does not predict probabilities".
    virtual Base::Result<Matrix> predictProbaImpl(const Matrix &X) const;
    virtual void writeState(QDataStream &out) const = 0;
    virtual Base::Status readState(QDataStream &in) = 0;
    /// Called by load() after readState(): whether the state read agrees with the
    /// saved feature and class counts (weights per feature, outputs per class,
    /// class indices in range), so that a damaged file is refused instead of
    /// reading out of bounds when the model predicts.
    virtual Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const = 0;
    /// The error checkLoadedState() returns: "the model file is damaged (<what>)".
    Base::Error inconsistentState(const QString &what) const;

    double paramDouble(const QString &name) const { return m_values.value(name).toDouble(); }
    qint64 paramInt(const QString &name) const { return m_values.value(name).toLongLong(); }
    QString paramChoice(const QString &name) const { return m_values.value(name).toString(); }
    bool paramBool(const QString &name) const { return m_values.value(name).toBool(); }

private:
    Base::Status checkPredictInput(const Matrix &X) const;
    Base::Status checkValues(const Matrix &X) const;

    ParamValues m_values;
    bool m_fitted = false;
    Eigen::Index m_featureCount = 0;
    int m_classCount = 0;
};

/// Models write their state with these (see BinaryFormat.h).
using BinaryFormat::readMatrix;
using BinaryFormat::readVector;
using BinaryFormat::writeMatrix;
using BinaryFormat::writeVector;

} // namespace Tandem::Learn
