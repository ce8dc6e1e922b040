// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Estimator.h"

#include <array>
#include <vector>

class QDataStream;

namespace Tandem::Learn {

/// One node of a fitted tree. Internal nodes send a row left when its value is
/// <= threshold (numeric split) or, for a categorical split, when its category
/// code is in the node's category set; leaves (feature < 0) point at their values.
struct TreeNode {
    double threshold = 0.0;
    qint32 feature = -1;
    qint32 left = 0; ///< internal: left child; leaf: offset of its values
    qint32 right = 0;
    qint32 categorySet = -1; ///< >= 0: index of the set of categories that go left
};

/// A fitted decision tree in flat arrays (nodes in depth-first order, root
/// first), with the per-leaf values and the impurity decrease per feature.
/// Leaves hold `valueWidth` doubles: class probabilities, or one mean.
class FittedTree
{
public:
    /// 256 bits: the category codes that go left.
    using CategorySet = std::array<quint64, 4>;

    explicit FittedTree(int valueWidth = 1, int featureCount = 0);

    int valueWidth() const { return m_valueWidth; }
    int nodeCount() const { return int(m_nodes.size()); }
    int leafCount() const;
    /// Longest root-to-leaf path in edges (a lone root has depth 0).
    int depth() const;
    const std::vector<TreeNode> &nodes() const { return m_nodes; }

    /// The values of the leaf that row `row` of X reaches.
    const double *leafValues(const Matrix &X, Eigen::Index row) const
    {
        const TreeNode *node = m_nodes.data();
        while (node->feature >= 0) {
            const double x = X(row, node->feature);
            const bool left = node->categorySet < 0 ? x <= node->threshold : inSet(node->categorySet, x);
            node = m_nodes.data() + (left ? node->left : node->right);
        }
        return m_values.data() + node->left;
    }

    /// Total weighted impurity decrease brought by each feature (not normalised).
    const std::vector<double> &impurityDecrease() const { return m_impurityDecrease; }

    // Building (TreeBuilder): nodes are appended in depth-first order.
    int addLeaf(const double *values);
    int addSplit(int feature, double threshold);
    int addCategoricalSplit(int feature, const CategorySet &goesLeft);
    void setChild(int node, bool left, int child);
    void addImpurityDecrease(int feature, double amount) { m_impurityDecrease[size_t(feature)] += amount; }

    void write(QDataStream &out) const;
    Base::Status read(QDataStream &in, int valueWidth, int featureCount);

private:
    bool inSet(qint32 set, double x) const
    {
        if (!(x >= 0.0 && x < 256.0))
            return false;
        const auto code = unsigned(x);
        return (m_categorySets[size_t(set)][code >> 6] >> (code & 63)) & 1U;
    }

    int m_valueWidth = 1;
    std::vector<TreeNode> m_nodes;
    std::vector<double> m_values;
    std::vector<CategorySet> m_categorySets;
    std::vector<double> m_impurityDecrease;
};

} // namespace Tandem::Learn
