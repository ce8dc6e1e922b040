// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/boosting/FeatureGroups.h"
#include "core/learn/boosting/Histogram.h"

#include <array>
#include <limits>

namespace Tandem::Learn::Boosting {

/// Gradient, hessian and row sums of a node or one side of a split.
struct NodeSums {
    double gradient = 0.0;
    double hessian = 0.0;
    quint32 count = 0;
};

/// A set of bin codes 0..255 (the categories sent left by a categorical split).
using CodeSet = std::array<quint64, 4>;

inline bool contains(const CodeSet &set, unsigned code)
{
    return (set[code >> 6] >> (code & 63)) & 1u;
}

inline void insert(CodeSet &set, unsigned code)
{
    set[code >> 6] |= quint64(1) << (code & 63);
}

/// The best split of a node found so far.
struct Split {
    /// Loss decrease GL²/(HL+λ) + GR²/(HR+λ) - G²/(H+λ); a split is valid when > 0.
    double gain = -std::numeric_limits<double>::infinity();
    int feature = -1; ///< index into FeatureGroups::features()
    /// Numeric: value bins <= bin go left.
    int bin = 0;
    bool missingLeft = false;
    bool categorical = false;
    /// Categorical: the value bins (category codes) that go left.
    CodeSet leftCategories {};
    NodeSums left;
    NodeSums right;

    bool valid() const { return feature >= 0 && gain > 0.0; }
    /// Whether a row with this renumbered code (missing = the feature's bin count) goes left.
    bool goesLeft(unsigned code, unsigned missingCode) const
    {
        if (code == missingCode)
            return missingLeft;
        return categorical ? contains(leftCategories, code) : int(code) <= bin;
    }
};

/// The constraints every split respects (scikit-learn's HistGradientBoosting).
struct SplitConstraints {
    double l2Regularization = 0.0;
    quint32 minSamplesLeaf = 20;
    /// Each side needs at least this hessian sum (scikit-learn's min_hessian_to_split).
    double minHessian = 1e-3;
};

/// -G / (H + λ): the Newton step of a leaf (before shrinkage).
double leafValue(double gradient, double hessian, double l2Regularization);

/// The best split of one feature from the node's histogram of it (bins + 1
/// slots, missing last), or an invalid Split when none satisfies the constraints.
///
/// Numeric: thresholds between value bins, scanned left to right with missing
/// values going right, then (when the node has missing values) right to left
/// with missing values going left; the better wins, the first on ties. With
/// missing values, "all values left, missing right" is a candidate too.
/// Categorical (LightGBM's and scikit-learn's method): the categories holding
/// at least 10 rows, the missing "category" included, sorted by
/// gradient / (hessian + 10); every prefix up to half of them, from either end,
/// is a candidate left set. Rarer categories go right.
Split findFeatureSplit(const FeatureGroups::Feature &feature, int featureIndex, const HistogramBin *histogram,
    const NodeSums &node, const SplitConstraints &constraints);

} // namespace Tandem::Learn::Boosting
