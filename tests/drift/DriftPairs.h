// SPDX-License-Identifier: GPL-3.0-or-later
// Generated reference/current pairs for the drift analysis and report tests:
// numeric features drawn alike on both sides but for the ones shifted.
#pragma once

#include "core/base/SeededRandom.h"
#include "core/data/Dataset.h"

#include <QStringList>

#include <cmath>
#include <numbers>

namespace Tandem::Testing {

inline std::shared_ptr<const Data::Dataset> datasetOf(std::vector<Data::Column> columns)
{
    Data::DatasetBuilder builder;
    for (Data::Column &column : columns)
        builder.addColumn(std::move(column));
    auto dataset = builder.build();
    if (!dataset.ok())
        qFatal("%s", qPrintable(dataset.error().message));
    return dataset.value();
}

/// Normal draws by Box–Muller from the seeded stream.
inline double normalDraw(Base::SeededRandom &random)
{
    const double u = 1.0 - random.uniform();
    const double v = random.uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}

/// Rows of `names` (numeric, N(0, 1)), a categorical "colour" (a, b, c) and a
/// numeric "time" (the row number); the features in `shifted` get mean + 1.5
/// from row `shiftFrom` on, and "colour" a new category "d" in 10 % of those
/// rows when `newCategory`.
inline std::shared_ptr<const Data::Dataset> driftSide(const QStringList &names, int rows, quint64 seed,
    const QStringList &shifted = {}, int shiftFrom = 0, bool newCategory = false)
{
    Base::SeededRandom random(seed);
    std::vector<Data::Column> columns;
    for (const QString &name : names) {
        std::vector<double> values;
        for (int row = 0; row < rows; ++row)
            values.push_back(normalDraw(random) + (shifted.contains(name) && row >= shiftFrom ? 1.5 : 0.0));
        columns.push_back(Data::Column::numeric(name, std::move(values)));
    }
    std::vector<qint32> colour;
    std::vector<double> time;
    for (int row = 0; row < rows; ++row) {
        const double u = random.uniform();
        colour.push_back(newCategory && row >= shiftFrom && u < 0.1 ? 3 : qint32(random.bounded(3)));
        time.push_back(double(row));
    }
    columns.push_back(Data::Column::categorical(QStringLiteral("colour"), std::move(colour),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    columns.push_back(Data::Column::numeric(QStringLiteral("time"), std::move(time)));
    return datasetOf(std::move(columns));
}

} // namespace Tandem::Testing
