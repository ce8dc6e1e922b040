// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/drift/DriftReport.h"
#include "core/drift/PerformanceDrift.h"

#include <QStringList>

#include <span>
#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Drift {

/// The drift of one window of current rows against the whole reference.
struct DriftWindow {
    /// The order values of its first and last rows.
    double start = 0.0;
    double end = 0.0;
    qint64 rows = 0;
    /// Per feature (WindowedDrift::features): the verdict's test on this window,
    /// and whether the feature drifted (its test or a finding).
    std::vector<TestOutcome> outcomes;
    std::vector<bool> drifted;
    double shareDrifted = 0.0;
    /// shareDrifted >= WindowedDrift::driftShare.
    bool datasetDrifted = false;
};

/// Drift over time: the current rows cut into windows along an order (a time
/// column, or the file's order), each compared with the whole reference the way
/// DriftReport compares the whole current data.
struct WindowedDrift {
    QStringList features;
    double driftShare = 0.5;
    std::vector<DriftWindow> windows;

    /// Windows whose share of drifted features reaches driftShare.
    qsizetype driftedWindowCount() const;
};

/// Cuts the current rows by `currentOrder` (one value per current row; rows
/// with a NaN order are left out) into `windows` and runs DriftReport::compute
/// on each with `options` (set DriftOptions::columns to compare the same
/// features in every window). Errors: an order of the wrong length, a bad window
/// spec, no row with an order value, and those of DriftReport::compute; a stop
/// returns DriftReport::cancelledMessage().
Base::Result<WindowedDrift> windowedDrift(const Data::Dataset &reference, const Data::Dataset &current,
    std::span<const double> currentOrder, const WindowSpec &windows, const DriftOptions &options,
    const Base::Progress &progress);

} // namespace Tandem::Drift
