// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/Column.h"
#include "core/drift/FeatureDrift.h"

#include <QStringList>

#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Drift {

class DriftReport;

struct SketchOptions {
    /// Equal-width bins of a numeric feature's histograms.
    int bins = 30;
    /// Points of each empirical CDF (numeric features).
    int ecdfPoints = 256;
    /// Categories shown of a categorical feature: the most frequent on both sides
    /// together; the rest are summed as otherLabel().
    int categories = 20;
};

/// A feature's two distributions as charts show them, beside the bins its tests
/// used (FeatureDistribution, the reference's deciles, which make the reference
/// look flat): for numeric features histograms over equal-width bins spanning
/// both samples and their empirical CDFs, for categorical features the counts of
/// the most frequent categories.
struct FeatureSketch {
    FeatureKind kind = FeatureKind::Numeric;
    /// Numeric: bin edges, one more than the counts; the last bin holds its upper edge.
    std::vector<double> edges;
    /// Categorical: one label per count.
    QStringList labels;
    std::vector<qint64> reference;
    std::vector<qint64> current;
    /// Numeric: each side's ECDF at up to SketchOptions::ecdfPoints values, x
    /// ascending and distinct, y the share of that side's values <= x.
    std::vector<double> referenceEcdfX, referenceEcdfY;
    std::vector<double> currentEcdfX, currentEcdfY;

    /// Counts over their side's total: each side sums to 1 (all 0 without values).
    std::vector<double> referenceShares() const;
    std::vector<double> currentShares() const;

    /// "(other)": the categories beyond SketchOptions::categories.
    static QString otherLabel();
};

/// The sketch of one compared feature (`drift` says how it was compared).
FeatureSketch sketchFeature(const Data::Column &reference, const Data::Column &current, const FeatureDrift &drift,
    const SketchOptions &options = {});

/// The sketch of every feature of `report`, in its order, up to `threads` at once
/// (0: one per core). A stop returns DriftReport::cancelledMessage().
Base::Result<std::vector<FeatureSketch>> sketchFeatures(const Data::Dataset &reference, const Data::Dataset &current,
    const DriftReport &report, const SketchOptions &options, int threads, const Base::Progress &progress);

} // namespace Tandem::Drift
