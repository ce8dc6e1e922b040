// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/PredictionColumns.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Drift {
namespace {

using Data::Column;
using Data::ColumnType;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool isNumber(ColumnType type)
{
    return type == ColumnType::Numeric || type == ColumnType::Integer || type == ColumnType::Boolean;
}

/// The cells of a column as numbers, NaN where missing.
Eigen::VectorXd numbers(const Column &column)
{
    Eigen::VectorXd values(column.size());
    for (qint64 row = 0; row < column.size(); ++row)
        values[row] = column.isMissing(row) ? nan : column.toDouble(row);
    return values;
}

Eigen::VectorXd classIndices(const Column &column, const QHash<QString, int> &index)
{
    Eigen::VectorXd values(column.size());
    for (qint64 row = 0; row < column.size(); ++row)
        values[row] = column.isMissing(row) ? nan : double(index.value(column.toString(row)));
    return values;
}

Base::Status checkPredictions(const Column &predicted, const Column &truth, const char *side)
{
    if (predicted.size() != truth.size())
        return Base::Error(QStringLiteral("The %1 prediction column '%2' has %3 rows, its truth %4")
                               .arg(QLatin1String(side), predicted.name())
                               .arg(predicted.size())
                               .arg(truth.size()));
    for (qint64 row = 0; row < predicted.size(); ++row) {
        if (predicted.isMissing(row))
            return Base::Error(QStringLiteral("The %1 prediction column '%2' has no value in row %3")
                                   .arg(QLatin1String(side), predicted.name())
                                   .arg(row + 1));
    }
    return {};
}

} // namespace

Base::Result<LabelledSides> labelledSides(const Column &referenceTruth, const Column &referencePredicted,
    const Column &currentTruth, const Column &currentPredicted, Learn::Task task)
{
    if (const Base::Status ok = checkPredictions(referencePredicted, referenceTruth, "reference"); !ok)
        return ok.error();
    if (const Base::Status ok = checkPredictions(currentPredicted, currentTruth, "current"); !ok)
        return ok.error();
    LabelledSides sides;
    if (task == Learn::Task::Regression) {
        for (const Column *column : {&referenceTruth, &referencePredicted, &currentTruth, &currentPredicted}) {
            if (!isNumber(column->type()))
                return Base::Error(QStringLiteral("Column '%1' is %2: regression needs numbers")
                                       .arg(column->name(), Data::columnTypeName(column->type())));
        }
        sides.reference = {numbers(referenceTruth), numbers(referencePredicted), {}, 0};
        sides.current = {numbers(currentTruth), numbers(currentPredicted), {}, 0};
        return sides;
    }
    QSet<QString> distinct;
    for (const Column *column : {&referenceTruth, &referencePredicted, &currentTruth, &currentPredicted}) {
        for (qint64 row = 0; row < column->size(); ++row) {
            if (!column->isMissing(row))
                distinct.insert(column->toString(row));
        }
    }
    QStringList labels(distinct.cbegin(), distinct.cend());
    std::sort(labels.begin(), labels.end());
    QHash<QString, int> index;
    for (int i = 0; i < labels.size(); ++i)
        index.insert(labels.at(i), i);
    if (labels.size() < 2)
        return Base::Error(QStringLiteral("Column '%1' holds fewer than 2 classes").arg(referenceTruth.name()));
    const int classCount = int(labels.size());
    sides.reference = {classIndices(referenceTruth, index), classIndices(referencePredicted, index), {}, classCount};
    sides.current = {classIndices(currentTruth, index), classIndices(currentPredicted, index), {}, classCount};
    sides.classes = labels;
    return sides;
}

} // namespace Tandem::Drift
