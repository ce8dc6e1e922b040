// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/Estimator.h"

#include "core/learn/BinaryFormat.h"
#include "core/learn/Registry.h"

#include <QDataStream>
#include <QIODevice>

#include <cmath>
#include <limits>

namespace Tandem::Learn {
namespace {

const BinaryFormat::Magic magic = {'T', 'N', 'D', 'M', 'M', 'O', 'D', 'L'};

Base::Status streamStatus(const QDataStream &stream, const char *what)
{
    if (stream.status() != QDataStream::Ok)
        return Base::Error(QStringLiteral("the model file is truncated or damaged (%1)").arg(QLatin1String(what)));
    return {};
}

} // namespace

Base::Status Estimator::setParams(const ParamValues &values)
{
    ParamValues merged = m_values;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        merged.insert(it.key(), it.value());
    auto validated = validateValues(params(), merged);
    if (!validated.ok())
        return validated.error();
    m_values = std::move(validated).value();
    return {};
}

void Estimator::initParams()
{
    m_values = defaultValues(params());
}

Base::Status Estimator::fit(const Matrix &X, const Vector &y, FitContext &context)
{
    if (X.rows() == 0)
        return Base::Error(QStringLiteral("cannot fit %1 on no rows").arg(id()));
    if (X.rows() != y.size())
        return Base::Error(QStringLiteral("X has %1 rows but y has %2 values").arg(X.rows()).arg(y.size()));
    if (const Base::Status status = checkValues(X); !status.ok())
        return status;
    if (!y.allFinite())
        return Base::Error(QStringLiteral("the target holds missing or infinite values"));
    if (!context.categoryCounts.empty() && context.categoryCounts.size() != size_t(X.cols()))
        return Base::Error(QStringLiteral("%1 category counts given for %2 features")
                               .arg(context.categoryCounts.size())
                               .arg(X.cols()));
    if (task() == Task::Classification) {
        if (context.classCount < 1)
            return Base::Error(QStringLiteral("%1 needs the number of classes").arg(id()));
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            if (y[i] < 0 || y[i] >= context.classCount || y[i] != std::floor(y[i]))
                return Base::Error(QStringLiteral("class labels must be indices 0..%1, found %2 at row %3")
                                       .arg(context.classCount - 1)
                                       .arg(y[i])
                                       .arg(i + 1));
        }
    }
    m_fitted = false;
    const Base::Status status = fitImpl(X, y, context);
    if (!status.ok())
        return status;
    m_fitted = true;
    m_featureCount = X.cols();
    m_classCount = task() == Task::Classification ? context.classCount : 0;
    return {};
}

Base::Status Estimator::checkPredictInput(const Matrix &X) const
{
    if (!m_fitted)
        return Base::Error(QStringLiteral("%1 is not fitted yet").arg(id()));
    if (X.cols() != m_featureCount)
        return Base::Error(
            QStringLiteral("%1 was fitted on %2 features, got %3").arg(id()).arg(m_featureCount).arg(X.cols()));
    return checkValues(X);
}

Base::Error Estimator::inconsistentState(const QString &what) const
{
    return Base::Error(
        QStringLiteral("the model file is damaged (%1 of %2 disagrees with its header)").arg(what, id()));
}

Base::Result<Vector> Estimator::featureImportances() const
{
    return Base::Error(QStringLiteral("%1 has no impurity-based feature importances").arg(id()));
}

Base::Status Estimator::checkValues(const Matrix &X) const
{
    if (acceptsMissingValues()) {
        // NaN is "missing" here; infinities are still refused.
        if ((X.array().abs() == std::numeric_limits<double>::infinity()).any())
            return Base::Error(QStringLiteral("the data holds infinite values"));
        return {};
    }
    if (!X.allFinite())
        return Base::Error(QStringLiteral("the data holds missing or infinite values: impute them first"));
    return {};
}

Base::Result<Vector> Estimator::predict(const Matrix &X) const
{
    if (const Base::Status status = checkPredictInput(X); !status.ok())
        return status.error();
    return predictImpl(X);
}

Base::Result<Matrix> Estimator::predictProba(const Matrix &X) const
{
    if (const Base::Status status = checkPredictInput(X); !status.ok())
        return status.error();
    return predictProbaImpl(X);
}

Base::Result<Matrix> Estimator::predictProbaImpl(const Matrix &) const
{
    return Base::Error(QStringLiteral("%1 does not predict probabilities").arg(id()));
}

Base::Status Estimator::save(QIODevice &device) const
{
    if (!m_fitted)
        return Base::Error(QStringLiteral("%1 is not fitted yet: nothing to save").arg(id()));
    QDataStream out(&device);
    BinaryFormat::prepare(out);
    BinaryFormat::writeHeader(out, magic, formatVersion);
    out << id() << m_values << qint64(m_featureCount) << qint32(m_classCount);
    writeState(out);
    if (out.status() != QDataStream::Ok)
        return Base::Error(QStringLiteral("cannot write the model: %1").arg(device.errorString()));
    return {};
}

Base::Result<std::unique_ptr<Estimator>> Estimator::load(QIODevice &device)
{
    QDataStream in(&device);
    BinaryFormat::prepare(in);
    if (const Base::Status header = BinaryFormat::readHeader(in, magic, formatVersion, QStringLiteral("model file"));
        !header.ok())
        return header.error();
    QString modelId;
    ParamValues values;
    qint64 featureCount = 0;
    qint32 classCount = 0;
    in >> modelId;
    if (const Base::Status status = BinaryFormat::readParamValues(in, values); !status.ok())
        return status.error();
    in >> featureCount >> classCount;
    if (const Base::Status status = streamStatus(in, "header"); !status.ok())
        return status.error();
    auto created = Registry::instance().create(modelId, values);
    if (!created.ok())
        return created.error();
    std::unique_ptr<Estimator> estimator = std::move(created).value();
    if (const Base::Status status = estimator->readState(in); !status.ok())
        return status.error();
    if (const Base::Status status = streamStatus(in, "model state"); !status.ok())
        return status.error();
    const bool classifier = estimator->task() == Task::Classification;
    if (featureCount < 1 || featureCount > BinaryFormat::maxStoredElements || classCount < 0
        || (classCount > 0) != classifier)
        return estimator->inconsistentState(QStringLiteral("feature or class count"));
    if (const Base::Status status = estimator->checkLoadedState(Eigen::Index(featureCount), int(classCount));
        !status.ok())
        return status.error();
    estimator->m_fitted = true;
    estimator->m_featureCount = featureCount;
    estimator->m_classCount = classCount;
    return estimator;
}

} // namespace Tandem::Learn
