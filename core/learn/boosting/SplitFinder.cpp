// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/SplitFinder.h"

#include <algorithm>
#include <vector>

namespace Tandem::Learn::Boosting {
namespace {

/// Categories with fewer rows are not ordered (too noisy) and go right; also the
/// smoothing of the ordering ratio. scikit-learn's MIN_CAT_SUPPORT.
constexpr double categorySupport = 10.0;
/// At most this many categories on the left, as scikit-learn's MAX_CAT_THRESHOLD.
constexpr size_t maxLeftCategories = 32;

double score(double gradient, double hessian, double l2)
{
    return gradient * gradient / (hessian + l2);
}

/// The two sides' checks and gain; false when the candidate breaks a constraint.
bool evaluate(const NodeSums &left, const NodeSums &node, const SplitConstraints &constraints, double nodeScore,
    NodeSums &right, double &gain)
{
    right = {node.gradient - left.gradient, node.hessian - left.hessian, node.count - left.count};
    if (left.count < constraints.minSamplesLeaf || right.count < constraints.minSamplesLeaf)
        return false;
    if (left.hessian < constraints.minHessian || right.hessian < constraints.minHessian)
        return false;
    gain = score(left.gradient, left.hessian, constraints.l2Regularization)
        + score(right.gradient, right.hessian, constraints.l2Regularization) - nodeScore;
    return true;
}

void add(NodeSums &sums, const HistogramBin &bin)
{
    sums.gradient += bin.gradient;
    sums.hessian += bin.hessian;
    sums.count += bin.count;
}

/// add() for a bin without rows: its sums are 0 unless a subtraction left
/// rounding residue. Skipping exact zeros keeps the scan over a deep node's
/// mostly empty bins off the chain of dependent additions (and x + 0 is x).
void addEmpty(NodeSums &sums, const HistogramBin &bin)
{
    if (bin.gradient != 0.0 || bin.hessian != 0.0) {
        sums.gradient += bin.gradient;
        sums.hessian += bin.hessian;
    }
}

Split numericSplit(const FeatureGroups::Feature &feature, const HistogramBin *histogram, const NodeSums &node,
    const SplitConstraints &constraints, double nodeScore, Split best)
{
    const int bins = feature.bins;
    const bool missing = histogram[bins].count > 0;
    NodeSums left, right;
    double gain = 0.0;
    // Missing values right; with missing values also "every value left".
    const int end = bins - 1 + (missing ? 1 : 0);
    for (int b = 0; b < end; ++b) {
        if (histogram[b].count == 0 && b > 0) {
            addEmpty(left, histogram[b]);
            continue; // the same partition as the previous threshold
        }
        add(left, histogram[b]);
        if (node.count - left.count < constraints.minSamplesLeaf)
            break; // and so for every later threshold
        if (!evaluate(left, node, constraints, nodeScore, right, gain) || !(gain > best.gain))
            continue;
        best.gain = gain;
        best.bin = b;
        best.missingLeft = false;
        best.left = left;
        best.right = right;
    }
    if (!missing)
        return best;
    // Missing values left: scan from the right, `right` holding bins > b.
    NodeSums above;
    for (int b = bins - 2; b >= 0; --b) {
        if (histogram[b + 1].count == 0) {
            addEmpty(above, histogram[b + 1]);
            continue;
        }
        add(above, histogram[b + 1]);
        if (node.count - above.count < constraints.minSamplesLeaf)
            break; // and so for every lower threshold
        const NodeSums below {node.gradient - above.gradient, node.hessian - above.hessian, node.count - above.count};
        if (!evaluate(below, node, constraints, nodeScore, right, gain) || !(gain > best.gain))
            continue;
        best.gain = gain;
        best.bin = b;
        best.missingLeft = true;
        best.left = below;
        best.right = right;
    }
    return best;
}

Split categoricalSplit(const FeatureGroups::Feature &feature, const HistogramBin *histogram, const NodeSums &node,
    const SplitConstraints &constraints, double nodeScore, Split best)
{
    struct Category {
        int code;
        double ratio;
    };
    std::vector<Category> used;
    used.reserve(size_t(feature.bins) + 1);
    for (int code = 0; code <= feature.bins; ++code) {
        const HistogramBin &bin = histogram[code];
        if (double(bin.count) >= categorySupport)
            used.push_back({code, bin.gradient / (bin.hessian + categorySupport)});
    }
    std::stable_sort(used.begin(), used.end(), [](const Category &a, const Category &b) { return a.ratio < b.ratio; });
    const size_t maxLeft = std::min(maxLeftCategories, (used.size() + 1) / 2);
    size_t bestPrefix = 0;
    bool bestFromEnd = false;
    for (const bool fromEnd : {false, true}) {
        NodeSums left, right;
        double gain = 0.0;
        for (size_t i = 0; i < maxLeft; ++i) {
            add(left, histogram[used[fromEnd ? used.size() - 1 - i : i].code]);
            if (!evaluate(left, node, constraints, nodeScore, right, gain) || !(gain > best.gain))
                continue;
            best.gain = gain;
            best.left = left;
            best.right = right;
            bestPrefix = i + 1;
            bestFromEnd = fromEnd;
        }
    }
    if (bestPrefix == 0)
        return best;
    best.categorical = true;
    best.missingLeft = false;
    best.leftCategories = {};
    for (size_t i = 0; i < bestPrefix; ++i) {
        const int code = used[bestFromEnd ? used.size() - 1 - i : i].code;
        if (code == feature.bins)
            best.missingLeft = true;
        else
            insert(best.leftCategories, unsigned(code));
    }
    return best;
}

} // namespace

double leafValue(double gradient, double hessian, double l2Regularization)
{
    // scikit-learn adds 1e-15 so that an empty-hessian leaf does not divide by 0.
    return -gradient / (hessian + l2Regularization + 1e-15);
}

Split findFeatureSplit(const FeatureGroups::Feature &feature, int featureIndex, const HistogramBin *histogram,
    const NodeSums &node, const SplitConstraints &constraints)
{
    const double nodeScore = score(node.gradient, node.hessian, constraints.l2Regularization);
    Split none;
    none.gain = 0.0; // only loss decreases count
    Split best = feature.categorical ? categoricalSplit(feature, histogram, node, constraints, nodeScore, none)
                                     : numericSplit(feature, histogram, node, constraints, nodeScore, none);
    if (best.gain <= 0.0)
        return Split {};
    best.feature = featureIndex;
    return best;
}

} // namespace Tandem::Learn::Boosting
