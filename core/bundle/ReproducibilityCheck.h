// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"

#include <QList>
#include <QString>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Bundle {

class Bundle;

/// One thing a reproducibility check compared.
struct CheckItem {
    QString name; ///< "dataset fingerprint", "metric accuracy", "model"
    bool matched = false;
    QString expected; ///< what the bundle recorded
    QString found; ///< what the data gave now
};

struct CheckReport {
    QList<CheckItem> items;
    bool allMatched() const;
};

/// Rebuilds a bundle from its RunSpec on `data` and compares: the data's
/// fingerprint with the training data's; each recorded metric with the same
/// evaluation run again (Eval::crossValidate, the spec's seed); and the refitted
/// pipeline and model (fitModel, the bundle's fit scope) with the bundled ones,
/// byte for byte. A mismatch is a result, not an error: errors are only for a
/// bundle without a RunSpec, or data the spec cannot run on.
Base::Result<CheckReport> checkBundle(
    const Bundle &bundle, const Data::Dataset &data, int threads, const Base::Progress &progress);

} // namespace Tandem::Bundle
