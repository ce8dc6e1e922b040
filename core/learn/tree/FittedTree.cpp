// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/FittedTree.h"

#include "core/learn/BinaryFormat.h"

#include <QDataStream>

#include <algorithm>

namespace Tandem::Learn {

FittedTree::FittedTree(int valueWidth, int featureCount)
    : m_valueWidth(valueWidth), m_impurityDecrease(size_t(featureCount), 0.0)
{ }

int FittedTree::leafCount() const
{
    return int(std::count_if(m_nodes.begin(), m_nodes.end(), [](const TreeNode &n) { return n.feature < 0; }));
}

int FittedTree::depth() const
{
    // Children always come after their parent in depth-first order.
    std::vector<int> depths(m_nodes.size(), 0);
    int deepest = 0;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        deepest = std::max(deepest, depths[i]);
        if (m_nodes[i].feature >= 0) {
            depths[size_t(m_nodes[i].left)] = depths[i] + 1;
            depths[size_t(m_nodes[i].right)] = depths[i] + 1;
        }
    }
    return deepest;
}

int FittedTree::addLeaf(const double *values)
{
    TreeNode node;
    node.left = qint32(m_values.size());
    m_values.insert(m_values.end(), values, values + m_valueWidth);
    m_nodes.push_back(node);
    return int(m_nodes.size()) - 1;
}

int FittedTree::addSplit(int feature, double threshold)
{
    TreeNode node;
    node.feature = feature;
    node.threshold = threshold;
    m_nodes.push_back(node);
    return int(m_nodes.size()) - 1;
}

int FittedTree::addCategoricalSplit(int feature, const CategorySet &goesLeft)
{
    const int index = addSplit(feature, 0.0);
    m_nodes.back().categorySet = qint32(m_categorySets.size());
    m_categorySets.push_back(goesLeft);
    return index;
}

void FittedTree::setChild(int node, bool left, int child)
{
    (left ? m_nodes[size_t(node)].left : m_nodes[size_t(node)].right) = child;
}

void FittedTree::write(QDataStream &out) const
{
    out << quint32(m_nodes.size());
    for (const TreeNode &n : m_nodes)
        out << n.threshold << n.feature << n.left << n.right << n.categorySet;
    out << quint32(m_values.size());
    for (const double v : m_values)
        out << v;
    out << quint32(m_categorySets.size());
    for (const CategorySet &set : m_categorySets)
        out << set[0] << set[1] << set[2] << set[3];
    for (const double v : m_impurityDecrease)
        out << v;
}

Base::Status FittedTree::read(QDataStream &in, int valueWidth, int featureCount)
{
    const auto damaged = [] { return Base::Error(QStringLiteral("the model file is truncated or damaged (tree)")); };
    const auto readCount = [&in](quint32 &count) {
        in >> count;
        return in.status() == QDataStream::Ok && qint64(count) <= BinaryFormat::maxStoredElements / 8;
    };
    if (!BinaryFormat::holds(in, featureCount, sizeof(double)))
        return damaged();
    *this = FittedTree(valueWidth, featureCount);
    quint32 nodeCount = 0, valueCount = 0, setCount = 0;
    // A node is a double and four int32s; a set four words.
    if (!readCount(nodeCount) || nodeCount == 0 || !BinaryFormat::holds(in, nodeCount, 24))
        return damaged();
    m_nodes.resize(nodeCount);
    for (TreeNode &n : m_nodes)
        in >> n.threshold >> n.feature >> n.left >> n.right >> n.categorySet;
    if (!readCount(valueCount) || !BinaryFormat::holds(in, valueCount, sizeof(double)))
        return damaged();
    m_values.resize(valueCount);
    for (double &v : m_values)
        in >> v;
    if (!readCount(setCount) || !BinaryFormat::holds(in, setCount, 32))
        return damaged();
    m_categorySets.resize(setCount);
    for (CategorySet &set : m_categorySets)
        in >> set[0] >> set[1] >> set[2] >> set[3];
    for (double &v : m_impurityDecrease)
        in >> v;
    if (in.status() != QDataStream::Ok)
        return damaged();
    // Every index must stay inside the arrays, and children must follow their
    // parent (depth-first), so that prediction always ends at a leaf.
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const TreeNode &n = m_nodes[i];
        const bool ok = n.feature < 0 ? n.left >= 0 && qint64(n.left) + valueWidth <= qint64(m_values.size())
                                      : n.feature < featureCount && n.left > qint32(i) && n.right > qint32(i)
                && n.left < qint32(nodeCount) && n.right < qint32(nodeCount) && n.categorySet < qint32(setCount);
        if (!ok)
            return damaged();
    }
    return {};
}

} // namespace Tandem::Learn
