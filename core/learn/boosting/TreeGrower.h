// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/boosting/BoostedTree.h"
#include "core/learn/boosting/FeatureGroups.h"
#include "core/learn/boosting/Histogram.h"
#include "core/learn/boosting/Losses.h"
#include "core/learn/boosting/SplitFinder.h"
#include "core/learn/boosting/WorkerPool.h"

#include <functional>
#include <vector>

namespace Tandem::Learn::Boosting {

struct GrowerSettings {
    int maxLeafNodes = 31;
    int maxDepth = 0; ///< 0: unlimited
    SplitConstraints constraints;
    double learningRate = 0.1; ///< leaf values are shrunk by it
};

/// The training rows that ended in one leaf: rows()[begin, end).
struct LeafRows {
    qint32 node = 0;
    qint64 begin = 0;
    qint64 end = 0;
};

/// Grows the trees of gradient boosting leaf-wise, best first (LightGBM's and
/// scikit-learn's HistGradientBoosting's growth): the open leaf with the largest
/// gain splits next, until max_leaf_nodes leaves, max_depth, or no leaf has a
/// split with a positive gain and min_samples_leaf rows on each side. A node with
/// fewer than 2·min_samples_leaf rows stays a leaf.
///
/// Each split partitions the node's rows in place (stably, so that rows stay
/// ascending and reads stay sequential), builds the histogram of the smaller
/// child from the rows' gathered ("ordered") gradient pairs and gets the larger
/// child's by subtraction from the parent's. Histogram building and split
/// finding run over feature groups in parallel; the best split over features
/// is taken in feature order, so the tree is the same on any number of threads.
class TreeGrower
{
public:
    /// Parallel steps run on `pool`, which must outlive the grower.
    TreeGrower(const FeatureGroups &data, const GrowerSettings &settings, WorkerPool &pool);

    /// Grows one tree on `rows` (ascending indices into the data) with gradient
    /// pairs indexed by row. Returns false when `stop` asked to stop.
    bool grow(std::vector<qint32> rows, const GradientPair *pairs, const std::function<bool()> &stop);

    const BoostedTree &tree() const { return m_tree; }
    /// The rows as partitioned by the tree, and each leaf's range of them.
    const std::vector<qint32> &rows() const { return m_rows; }
    const std::vector<LeafRows> &leaves() const { return m_leaves; }
    /// Adds each split's gain to its column's entry.
    void addGains(std::vector<double> &gainPerColumn) const;

private:
    struct OpenNode {
        qint64 begin = 0;
        qint64 end = 0;
        NodeSums sums;
        int depth = 0;
        qint32 treeNode = 0;
        HistogramBin *histogram = nullptr;
        Split split;
    };

    /// Gathers the gradient pairs of rows [begin, end) into m_ordered[begin, end).
    void gather(qint64 begin, qint64 end);
    /// Builds `build`'s histogram (when not null) and, when `derive` is set, the
    /// histogram of `derived` as parent - build; then finds the best split of each
    /// node in `search`. False when stopped.
    bool computeNodes(
        OpenNode *build, OpenNode *derived, const HistogramBin *parent, const std::vector<OpenNode *> &search);
    /// Moves rows of the node going left first; returns the first right row.
    qint64 partition(const OpenNode &node);
    void makeLeaf(OpenNode &node);
    qint32 newTreeNode();

    const FeatureGroups &m_data;
    GrowerSettings m_settings;
    WorkerPool &m_workers;
    HistogramPool m_pool;
    const GradientPair *m_pairs = nullptr;
    const std::function<bool()> *m_stop = nullptr;
    std::vector<qint32> m_rows;
    std::vector<qint32> m_scratch;
    std::vector<GradientPair> m_ordered;
    std::vector<Split> m_featureSplits;
    BoostedTree m_tree;
    std::vector<LeafRows> m_leaves;
    std::vector<std::pair<int, double>> m_gains; ///< (feature index, gain) per split
};

} // namespace Tandem::Learn::Boosting
