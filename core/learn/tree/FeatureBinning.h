// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Estimator.h"

#include <QtGlobal>

#include <functional>
#include <vector>

class QDataStream;

namespace Tandem::Learn {

/// One feature value quantised to a bin: 0..binCount-1 for values, missingBin for NaN.
using BinCode = quint8;
constexpr BinCode missingBin = 255;
/// At most this many value bins per feature (code 255 is kept for missing).
constexpr int maxValueBins = 255;

/// Every feature of a matrix as bin codes, column-major: codes[f * rows + i].
struct BinnedMatrix {
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    std::vector<BinCode> codes;

    const BinCode *column(Eigen::Index feature) const { return codes.data() + feature * rows; }
};

/// The quantisation of each feature into at most 255 ordered bins, which tree
/// builders (trees, forests, gradient boosting) scan as histograms instead of
/// sorting values.
///
/// A numeric feature with at most maxBins distinct values gets one bin per value,
/// and the threshold between two bins is the midpoint of the two values (computed
/// as scikit-learn's CART does: a/2 + b/2, or a when that rounds up to b), so that
/// splits on bins are exactly CART's splits. A feature with more distinct values
/// gets quantile edges as HistGradientBoosting's _find_binning_thresholds: the
/// midpoint percentiles at 100·k/maxBins of a seeded subsample of at most 200,000
/// rows; equal edges (heavy ties) are merged, so there may be fewer bins.
/// A value x goes to the first bin b with x <= threshold(f, b), else the last.
///
/// A categorical feature (categoryCounts[f] = C > 0) maps code c to bin c. With
/// more than maxBins categories it falls back to numeric binning of the codes
/// (isCategorical() is then false): an ordinal split is still better than an error.
/// Codes outside 0..C-1 are binned as missing.
class FeatureBinning
{
public:
    /// maxBins in 2..255; NaN is missing. Errors name the problem (bad maxBins,
    /// wrong number of category counts) or are FitContext::stoppedMessage() once
    /// `stopRequested` (asked between features) returned true. Features are
    /// binned in parallel.
    static Base::Result<FeatureBinning> fit(const Matrix &X, const std::vector<int> &categoryCounts, int maxBins,
        quint64 seed, int threads, const std::function<bool()> &stopRequested = {});

    int featureCount() const { return int(m_features.size()); }
    /// Value bins of feature f (missing excluded), >= 1.
    int binCount(int feature) const { return m_features[size_t(feature)].binCount; }
    bool isCategorical(int feature) const { return m_features[size_t(feature)].categorical; }
    /// x <= threshold(f, b) goes to bins <= b; b in 0..binCount-2 (categorical: b + 0.5).
    double threshold(int feature, int bin) const;
    /// Whether every bin of a numeric feature holds one distinct training value.
    bool hasExactBins(int feature) const { return !m_features[size_t(feature)].values.empty(); }
    /// The training value of bin b when hasExactBins(f).
    double binValue(int feature, int bin) const { return m_features[size_t(feature)].values[size_t(bin)]; }
    BinCode binOf(int feature, double value) const;
    /// The threshold of a split of numeric feature f between non-empty bins
    /// leftBin < rightBin (the bins between them empty): with exact bins CART's
    /// midpoint of the two bins' values, else threshold(f, leftBin).
    double splitThreshold(int feature, int leftBin, int rightBin) const;

    /// Once `stopRequested` (asked between features) returned true, the codes of
    /// the features not binned yet are unspecified: the caller stops too.
    BinnedMatrix transform(const Matrix &X, int threads, const std::function<bool()> &stopRequested = {}) const;

    void writeState(QDataStream &out) const;
    Base::Status readState(QDataStream &in);

private:
    struct Feature {
        bool categorical = false;
        int binCount = 1;
        /// Numeric: binCount - 1 increasing edges.
        std::vector<double> thresholds;
        /// Numeric with one bin per distinct value: those values, increasing.
        std::vector<double> values;
    };

    static Feature fitNumeric(std::vector<double> &values, int maxBins);

    std::vector<Feature> m_features;
};

} // namespace Tandem::Learn
