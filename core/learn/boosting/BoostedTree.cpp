// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/BoostedTree.h"

#include "core/learn/BinaryFormat.h"

#include <QDataStream>

namespace Tandem::Learn::Boosting {

void BoostedTree::write(QDataStream &out) const
{
    out << qint32(nodes.size());
    for (const TreeNode &node : nodes)
        out << node.value << node.feature << node.left << node.right << node.categorySet << node.bin
            << node.missingLeft;
    out << qint32(categorySets.size());
    for (const CodeSet &set : categorySets)
        for (const quint64 word : set)
            out << word;
}

Base::Status BoostedTree::read(QDataStream &in, int featureCount)
{
    const auto damaged = [] { return Base::Error(QStringLiteral("the model file is truncated or damaged (tree)")); };
    qint32 nodeCount = 0;
    in >> nodeCount;
    // A node is a double, four int32s, a byte and a bool.
    if (in.status() != QDataStream::Ok || nodeCount < 1 || nodeCount > (1 << 24)
        || !BinaryFormat::holds(in, nodeCount, 8 + 16 + 2))
        return damaged();
    nodes.resize(size_t(nodeCount));
    for (TreeNode &node : nodes)
        in >> node.value >> node.feature >> node.left >> node.right >> node.categorySet >> node.bin >> node.missingLeft;
    qint32 setCount = 0;
    in >> setCount;
    if (in.status() != QDataStream::Ok || setCount < 0 || setCount > nodeCount
        || !BinaryFormat::holds(in, setCount, 32))
        return damaged();
    categorySets.resize(size_t(setCount));
    for (CodeSet &set : categorySets)
        for (quint64 &word : set)
            in >> word;
    if (in.status() != QDataStream::Ok)
        return damaged();
    // Children come after their parent, so a walk always ends at a leaf.
    for (qint32 i = 0; i < nodeCount; ++i) {
        const TreeNode &node = nodes[size_t(i)];
        if (node.isLeaf())
            continue;
        if (node.feature >= featureCount || node.left <= i || node.right <= i || node.left >= nodeCount
            || node.right >= nodeCount || node.categorySet >= setCount)
            return damaged();
    }
    return {};
}

} // namespace Tandem::Learn::Boosting
