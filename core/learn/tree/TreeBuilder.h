// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/SeededRandom.h"
#include "core/learn/tree/FeatureBinning.h"
#include "core/learn/tree/FittedTree.h"

#include <functional>
#include <vector>

namespace Tandem::Learn {

/// How one tree grows: the tree families' hyperparameters, resolved for the data.
struct TreeSettings {
    enum class Criterion : quint8 { Gini, Entropy, SquaredError };
    Criterion criterion = Criterion::Gini;
    int maxDepth = 0; ///< 0: unlimited
    int minSamplesSplit = 2;
    int minSamplesLeaf = 1;
    int maxFeatures = 1; ///< non-constant features tried per node, 1..p
    double minImpurityDecrease = 0.0;
    /// Extra trees: one random cut per tried feature instead of the best one.
    bool randomThresholds = false;
};

/// The training set all trees of a fit share (not owned).
struct TreeTrainingData {
    const FeatureBinning *binning = nullptr;
    const BinnedMatrix *binned = nullptr;
    /// The same codes row by row (rowMajorCodes[i * cols + f]), read for small nodes.
    const BinCode *rowMajorCodes = nullptr;
    const Vector *targets = nullptr; ///< class indices, or values
    int classCount = 0; ///< 0 for regression
    /// Per training row (class weights); empty: 1 each.
    std::vector<double> rowWeights;
};

/// Grows CART trees on binned features: per node, per tried feature, a histogram
/// of class weights (or of weight and weighted target) over the feature's bins,
/// scanned for the best cut. Small nodes only touch their occupied bins. Rows
/// live in one index array partitioned in place, with their labels and weights
/// alongside, and every buffer is reused from tree to tree: one builder per thread.
///
/// Features are tried in a random order until maxFeatures non-constant ones were
/// (constant ones do not count, as scikit-learn). Among equal-gain cuts the first
/// tried wins. A categorical feature is split into two sets of categories: its
/// categories ordered by mean target (regression), by the proportion of class 1
/// (two classes) or, for more classes, by each class's proportion in turn, and the
/// best prefix of an ordering goes left; categories absent from the node go right.
/// With randomThresholds, a numeric cut is a bin boundary drawn uniformly between
/// the node's smallest and largest bin, and a categorical cut a random prefix of
/// the node's categories in random order.
class TreeBuilder
{
public:
    TreeBuilder(const TreeTrainingData &data, const TreeSettings &settings);

    /// Grows one tree on the rows with sampleCounts[i] > 0, row i weighing
    /// sampleCounts[i] times its row weight (empty: every row once). keepGoing
    /// receives the fraction of rows settled in leaves at every node; when it
    /// returns false the build stops and returns false.
    bool build(const std::vector<quint32> &sampleCounts, Base::SeededRandom &random, FittedTree &tree,
        const std::function<bool(double)> &keepGoing);

private:
    struct NodeStats {
        double weight = 0.0;
        double impurity = 0.0;
    };
    struct Split {
        double proxy = 0.0;
        int feature = -1;
        bool categorical = false;
        double threshold = 0.0;
        std::array<bool, 256> goesLeft {};
    };

    /// Weight, impurity and (into `values`) the leaf values of rows [start, end).
    NodeStats nodeStats(qint32 start, qint32 end, double *values);
    /// Fills the histogram of feature f over rows [start, end) and lists its
    /// occupied bins in increasing order.
    void fillHistogram(int feature, qint32 start, qint32 end);
    void clearHistogram();
    /// The best cut of m_order[0..cut] | rest for cut in [firstCut, lastCut];
    /// returns the cut, or -1 when no cut leaves min_samples_leaf rows on each side.
    int bestCut(int firstCut, int lastCut, qint32 rowCount, double &proxy) const;
    double proxy(const double *left, double leftWeight) const;
    /// Tries feature f on rows [start, end); false when f is constant there.
    bool tryFeature(int feature, qint32 start, qint32 end, Base::SeededRandom &random, Split &best);
    /// Moves the rows going left to the front of [start, end), keeping their order; returns the boundary.
    qint32 partition(const Split &split, qint32 start, qint32 end);

    const TreeTrainingData &m_data;
    TreeSettings m_settings;
    int m_width = 1; ///< histogram entries per bin: classes, or (weight, weighted target)

    std::vector<qint32> m_rows;
    std::vector<qint32> m_labels;
    std::vector<double> m_targets;
    std::vector<double> m_weights;
    /// Where partition() parks the rows going right.
    std::vector<qint32> m_spareRows;
    std::vector<qint32> m_spareLabels;
    std::vector<double> m_spareTargets;
    std::vector<double> m_spareWeights;
    std::vector<int> m_candidates; ///< arena of the pending nodes' candidate features
    std::vector<int> m_foundConstant;
    std::vector<char> m_constantHere;

    std::vector<double> m_histogram; ///< 256 × m_width
    std::vector<quint32> m_binRows; ///< rows per bin
    std::vector<int> m_occupied; ///< occupied bins, increasing
    std::vector<int> m_order; ///< the bin order being scanned
    std::vector<double> m_scores;
    std::vector<double> m_nodeTotals; ///< m_width sums over the node
    double m_nodeWeight = 0.0;
    mutable std::vector<double> m_left;
    std::vector<double> m_values;
};

} // namespace Tandem::Learn
