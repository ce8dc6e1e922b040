// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/PredictionDrift.h"

#include "core/data/Column.h"

#include <vector>

namespace Tandem::Drift {
namespace {

Data::Column labelColumn(const QString &name, const QStringList &labels)
{
    Data::MissingMask missing;
    for (qsizetype row = 0; row < labels.size(); ++row) {
        if (labels.at(row).isEmpty())
            missing.setMissing(row);
    }
    return Data::Column::text(name, labels, missing);
}

} // namespace

Base::Result<FeatureDrift> predictionDrift(std::span<const double> reference, std::span<const double> current,
    const FeatureDriftOptions &options, const QString &name)
{
    const auto referenceColumn = Data::Column::numeric(name, std::vector<double>(reference.begin(), reference.end()));
    const auto currentColumn = Data::Column::numeric(name, std::vector<double>(current.begin(), current.end()));
    return featureDrift(referenceColumn, currentColumn, options);
}

Base::Result<FeatureDrift> predictionDrift(
    const QStringList &reference, const QStringList &current, const FeatureDriftOptions &options, const QString &name)
{
    return featureDrift(labelColumn(name, reference), labelColumn(name, current), options);
}

} // namespace Tandem::Drift
