// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/drift/FeatureDrift.h"

#include <QString>
#include <QStringList>

#include <span>

namespace Tandem::Drift {

/// The drift of a model's predictions between reference and current data: the
/// same comparison as a feature's (featureDrift), on the predictions. Where the
/// predictions come from (a run's model, a bundle, a column of logged
/// predictions) is the caller's business.

/// Predicted numbers: regression outputs or one class's probability; compared as
/// a numeric feature (NaN counts as missing). The result is named `name`.
Base::Result<FeatureDrift> predictionDrift(std::span<const double> reference, std::span<const double> current,
    const FeatureDriftOptions &options = {}, const QString &name = QStringLiteral("prediction"));

/// Predicted classes, as labels; compared as a categorical feature (the predicted
/// class distribution). An empty label counts as missing.
Base::Result<FeatureDrift> predictionDrift(const QStringList &reference, const QStringList &current,
    const FeatureDriftOptions &options = {}, const QString &name = QStringLiteral("prediction"));

} // namespace Tandem::Drift
