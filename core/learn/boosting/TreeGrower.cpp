// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/TreeGrower.h"

#include <algorithm>
#include <numeric>
#include <queue>

namespace Tandem::Learn::Boosting {
namespace {

/// Below this many bin additions a node's histogram is built on one thread:
/// starting threads would cost more than they save.
constexpr qint64 minParallelWork = 1 << 14;
/// Rows per block when a large node's rows are gathered or partitioned in parallel
/// (fixed, so the result never depends on the thread count).
constexpr qint64 rowBlock = 1 << 13;

} // namespace

TreeGrower::TreeGrower(const FeatureGroups &data, const GrowerSettings &settings, WorkerPool &pool)
    : m_data(data), m_settings(settings), m_workers(pool), m_pool(data.histogramSize())
{ }

qint32 TreeGrower::newTreeNode()
{
    m_tree.nodes.emplace_back();
    return qint32(m_tree.nodes.size() - 1);
}

void TreeGrower::gather(qint64 begin, qint64 end)
{
    const auto gatherBlock = [&](Eigen::Index block) {
        const qint64 first = begin + block * rowBlock, last = std::min(end, first + rowBlock);
        for (qint64 i = first; i < last; ++i) {
            prefetch(m_pairs + m_rows[size_t(std::min(i + prefetchDistance, last - 1))]);
            m_ordered[size_t(i)] = m_pairs[m_rows[size_t(i)]];
        }
    };
    const qint64 blocks = (end - begin + rowBlock - 1) / rowBlock;
    m_workers.forEachBlock(blocks, gatherBlock);
}

void TreeGrower::makeLeaf(OpenNode &node)
{
    m_tree.nodes[size_t(node.treeNode)].value = m_settings.learningRate
        * leafValue(node.sums.gradient, node.sums.hessian, m_settings.constraints.l2Regularization);
    m_leaves.push_back({node.treeNode, node.begin, node.end});
    m_pool.release(node.histogram);
    node.histogram = nullptr;
}

bool TreeGrower::computeNodes(
    OpenNode *build, OpenNode *derived, const HistogramBin *parent, const std::vector<OpenNode *> &search)
{
    const auto &features = m_data.features();
    const size_t featureCount = features.size();
    m_featureSplits.assign(featureCount * search.size(), Split {});
    const GradientPair *ordered = nullptr;
    if (build && build->end - build->begin == m_data.rows()) {
        ordered = m_pairs; // every row, ascending: already in row order
    } else if (build) {
        gather(build->begin, build->end);
        ordered = m_ordered.data() + build->begin;
    }
    const auto task = [&](Eigen::Index g) {
        const FeatureGroups::Group &group = m_data.groups()[size_t(g)];
        if (build)
            buildGroupHistogram(m_data, int(g), m_rows.data() + build->begin, ordered, build->end - build->begin,
                {build->sums.gradient, build->sums.hessian, build->sums.count}, build->histogram);
        if (derived)
            subtractGroupHistogram(m_data, int(g), parent, build->histogram, derived->histogram);
        for (size_t s = 0; s < search.size(); ++s) {
            for (int f = group.firstFeature; f < group.firstFeature + group.width; ++f) {
                const FeatureGroups::Feature &feature = features[size_t(f)];
                m_featureSplits[s * featureCount + size_t(f)] = findFeatureSplit(
                    feature, f, search[s]->histogram + feature.offset, search[s]->sums, m_settings.constraints);
            }
        }
    };
    const qint64 rows = build ? build->end - build->begin : 0;
    const qint64 work = rows * qint64(featureCount) + m_data.histogramSize() * qint64(search.size() + 1);
    if (!m_workers.forEachBlock(Eigen::Index(m_data.groups().size()), task, *m_stop, work >= minParallelWork))
        return false;
    for (size_t s = 0; s < search.size(); ++s) {
        Split &best = search[s]->split;
        best = Split {};
        for (size_t f = 0; f < featureCount; ++f) {
            const Split &candidate = m_featureSplits[s * featureCount + f];
            if (candidate.valid() && (!best.valid() || candidate.gain > best.gain))
                best = candidate;
        }
    }
    return true;
}

qint64 TreeGrower::partition(const OpenNode &node)
{
    const Split &split = node.split;
    const FeatureGroups::Feature &feature = m_data.features()[size_t(split.feature)];
    // By the given codes (value bins, missingCode): one feature's are contiguous there.
    quint8 goesLeft[256];
    for (unsigned code = 0; code < 256; ++code)
        goesLeft[code]
            = split.goesLeft(code == m_data.missingCode() ? unsigned(feature.bins) : code, unsigned(feature.bins));
    const quint8 *codes = m_data.column(split.feature);

    // Stable in blocks: each block reads its codes once, writing its left rows
    // forward from its start in m_scratch and its right rows backward from its
    // end; then every block copies both runs to offsets from the counts of the
    // blocks before it (the right run reversed back).
    const qint64 blocks = (node.end - node.begin + rowBlock - 1) / rowBlock;
    std::vector<qint64> leftCounts(size_t(blocks) + 1, 0);
    const auto blockRange = [&](Eigen::Index block) {
        const qint64 first = node.begin + block * rowBlock;
        return std::pair {first, std::min(node.end, first + rowBlock)};
    };
    m_workers.forEachBlock(blocks, [&](Eigen::Index block) {
        const auto [first, last] = blockRange(block);
        qint64 left = first, right = last - 1;
        for (qint64 i = first; i < last; ++i) {
            prefetch(codes + m_rows[size_t(std::min(i + prefetchDistance, last - 1))]);
            // Branch-free: which side a row takes is unpredictable.
            const qint32 row = m_rows[size_t(i)];
            const qint64 isLeft = goesLeft[codes[row]];
            m_scratch[size_t(isLeft ? left : right)] = row;
            left += isLeft;
            right -= 1 - isLeft;
        }
        leftCounts[size_t(block) + 1] = left - first;
    });
    std::partial_sum(leftCounts.begin(), leftCounts.end(), leftCounts.begin());
    const qint64 middle = node.begin + leftCounts.back();
    m_workers.forEachBlock(blocks, [&](Eigen::Index block) {
        const auto [first, last] = blockRange(block);
        const qint64 lefts = leftCounts[size_t(block) + 1] - leftCounts[size_t(block)];
        const auto scratch = m_scratch.begin() + first;
        std::copy(scratch, scratch + lefts, m_rows.begin() + node.begin + leftCounts[size_t(block)]);
        std::reverse_copy(scratch + lefts, scratch + (last - first),
            m_rows.begin() + middle + (first - node.begin) - leftCounts[size_t(block)]);
    });
    return middle;
}

void TreeGrower::addGains(std::vector<double> &gainPerColumn) const
{
    for (const auto &[feature, gain] : m_gains)
        gainPerColumn[size_t(m_data.features()[size_t(feature)].column)] += gain;
}

bool TreeGrower::grow(std::vector<qint32> rows, const GradientPair *pairs, const std::function<bool()> &stop)
{
    m_rows = std::move(rows);
    m_scratch.resize(m_rows.size());
    m_ordered.resize(m_rows.size());
    m_pairs = pairs;
    m_stop = &stop;
    m_tree = BoostedTree {};
    m_leaves.clear();
    m_gains.clear();

    const SplitConstraints &constraints = m_settings.constraints;
    OpenNode root;
    root.end = qint64(m_rows.size());
    root.treeNode = newTreeNode();
    // Summed in fixed blocks, added in block order: the same bits on any thread count.
    const qint64 blocks = (root.end + rowBlock - 1) / rowBlock;
    std::vector<NodeSums> partial(static_cast<size_t>(blocks));
    m_workers.forEachBlock(blocks, [&](Eigen::Index block) {
        const qint64 first = block * rowBlock, last = std::min(root.end, first + rowBlock);
        NodeSums &sums = partial[size_t(block)];
        for (qint64 i = first; i < last; ++i) {
            sums.gradient += pairs[m_rows[size_t(i)]].gradient;
            sums.hessian += pairs[m_rows[size_t(i)]].hessian;
        }
    });
    for (const NodeSums &sums : partial) {
        root.sums.gradient += sums.gradient;
        root.sums.hessian += sums.hessian;
    }
    root.sums.count = quint32(m_rows.size());
    if (root.sums.count < 2 * constraints.minSamplesLeaf || root.sums.hessian < constraints.minHessian
        || m_data.features().empty()) {
        makeLeaf(root);
        return true;
    }
    root.histogram = m_pool.acquire();
    if (!computeNodes(&root, nullptr, nullptr, {&root})) {
        m_pool.release(root.histogram);
        return false;
    }

    // Open nodes, best gain first; ties by tree node index, so growth is deterministic.
    std::vector<OpenNode> open;
    const auto worse = [&open](size_t a, size_t b) {
        const double ga = open[a].split.gain, gb = open[b].split.gain;
        return ga < gb || (ga == gb && open[a].treeNode > open[b].treeNode);
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(worse)> heap(worse);
    const auto openOrLeaf = [&](OpenNode &node) {
        if (node.split.valid()) {
            open.push_back(node);
            heap.push(open.size() - 1);
        } else {
            makeLeaf(node);
        }
    };
    openOrLeaf(root);

    int leafCount = 1;
    bool stopped = false;
    while (!heap.empty()) {
        if (stop && stop()) {
            stopped = true;
            break;
        }
        OpenNode parent = open[heap.top()];
        heap.pop();
        const Split &split = parent.split;
        const FeatureGroups::Feature &feature = m_data.features()[size_t(split.feature)];
        const qint64 middle = partition(parent);

        OpenNode left, right;
        left.begin = parent.begin;
        left.end = middle;
        right.begin = middle;
        right.end = parent.end;
        left.sums = split.left;
        right.sums = split.right;
        left.depth = right.depth = parent.depth + 1;
        left.treeNode = newTreeNode();
        right.treeNode = newTreeNode();

        TreeNode &node = m_tree.nodes[size_t(parent.treeNode)];
        node.feature = feature.column;
        node.left = left.treeNode;
        node.right = right.treeNode;
        node.bin = quint8(split.bin);
        // A feature never missing at fit sends missing values to the larger side (scikit-learn's rule).
        node.missingLeft = feature.hasMissing ? split.missingLeft : split.left.count > split.right.count;
        if (split.categorical) {
            node.categorySet = qint32(m_tree.categorySets.size());
            m_tree.categorySets.push_back(split.leftCategories);
        }
        m_gains.emplace_back(split.feature, split.gain);
        ++leafCount;

        const bool full = leafCount >= m_settings.maxLeafNodes;
        const bool deep = m_settings.maxDepth > 0 && left.depth >= m_settings.maxDepth;
        const bool splitLeft = !full && !deep && left.sums.count >= 2 * constraints.minSamplesLeaf;
        const bool splitRight = !full && !deep && right.sums.count >= 2 * constraints.minSamplesLeaf;
        if (splitLeft || splitRight) {
            OpenNode &small = left.sums.count <= right.sums.count ? left : right;
            OpenNode &large = &small == &left ? right : left;
            const bool splitSmall = &small == &left ? splitLeft : splitRight;
            const bool splitLarge = &large == &left ? splitLeft : splitRight;
            small.histogram = m_pool.acquire();
            if (splitLarge)
                large.histogram = m_pool.acquire();
            std::vector<OpenNode *> search;
            if (splitLeft)
                search.push_back(&left);
            if (splitRight)
                search.push_back(&right);
            if (!computeNodes(&small, splitLarge ? &large : nullptr, parent.histogram, search)) {
                m_pool.release(small.histogram);
                m_pool.release(large.histogram);
                m_pool.release(parent.histogram);
                stopped = true;
                break;
            }
            if (!splitSmall)
                small.split = Split {};
            if (!splitLarge)
                large.split = Split {};
        }
        m_pool.release(parent.histogram);
        openOrLeaf(left);
        openOrLeaf(right);
        if (full)
            break;
    }
    // Whatever is still open becomes a leaf.
    while (!heap.empty()) {
        makeLeaf(open[heap.top()]);
        heap.pop();
    }
    return !stopped;
}

} // namespace Tandem::Learn::Boosting
