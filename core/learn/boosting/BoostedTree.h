// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/boosting/SplitFinder.h"

#include <QtGlobal>

#include <vector>

class QDataStream;

namespace Tandem::Learn::Boosting {

/// One node of a boosted tree: a split on bin codes, or a leaf.
struct TreeNode {
    double value = 0.0; ///< leaf: the shrunk Newton step added to the raw score
    qint32 feature = -1; ///< column of X; -1 for a leaf
    qint32 left = 0;
    qint32 right = 0;
    qint32 categorySet = -1; ///< categorical: index of the left category set
    quint8 bin = 0; ///< numeric: value bins <= bin go left
    bool missingLeft = false;

    bool isLeaf() const { return feature < 0; }
};

/// A fitted regression tree of gradient boosting, traversed on bin codes
/// (FeatureBinning's: value bins 0.., missing = missingCode). Node 0 is the root.
class BoostedTree
{
public:
    std::vector<TreeNode> nodes;
    std::vector<CodeSet> categorySets;

    /// The leaf value of one row whose codes are `codes[f * stride + row]`.
    double predictBinned(const quint8 *codes, qint64 stride, qint64 row, quint8 missingCode) const
    {
        const TreeNode *node = &nodes[0];
        while (!node->isLeaf()) {
            const quint8 code = codes[node->feature * stride + row];
            bool left;
            if (code == missingCode)
                left = node->missingLeft;
            else if (node->categorySet >= 0)
                left = contains(categorySets[size_t(node->categorySet)], code);
            else
                left = code <= node->bin;
            node = &nodes[size_t(left ? node->left : node->right)];
        }
        return node->value;
    }

    void write(QDataStream &out) const;
    /// Checks the structure too (children in range, features < featureCount).
    Base::Status read(QDataStream &in, int featureCount);
};

} // namespace Tandem::Learn::Boosting
