// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/TreeBuilder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace Tandem::Learn {
namespace {

/// scikit-learn's EPSILON: nodes this pure are leaves.
constexpr double impurityEpsilon = std::numeric_limits<double>::epsilon();
/// Nodes with fewer rows list their occupied bins while filling instead of
/// scanning all 256 (cheaper than clearing and scanning bins × classes).
constexpr qint32 smallNodeRows = 256;
constexpr int binSlots = 256;
/// Nodes with fewer rows read the row-major copy of the codes.
constexpr qint32 rowMajorNodeRows = 4096;

struct PendingNode {
    qint32 start = 0;
    qint32 end = 0;
    /// The node's candidate features: m_candidates[candidatesBegin, candidatesEnd).
    qint32 candidatesBegin = 0;
    qint32 candidatesEnd = 0;
    int depth = 0;
    int parent = -1;
    int parentFeature = -1;
    bool isLeft = false;
};

double xLogX(double x)
{
    return x > 0.0 ? x * std::log(x) : 0.0;
}

} // namespace

TreeBuilder::TreeBuilder(const TreeTrainingData &data, const TreeSettings &settings)
    : m_data(data), m_settings(settings), m_width(data.classCount > 0 ? data.classCount : 2)
{
    m_histogram.assign(size_t(binSlots * m_width), 0.0);
    m_binRows.assign(binSlots, 0);
    m_nodeTotals.resize(size_t(m_width));
    m_left.resize(size_t(m_width));
    m_values.resize(size_t(std::max(data.classCount, 1)));
    m_occupied.reserve(binSlots);
    m_order.reserve(binSlots);
    m_scores.resize(binSlots);
    m_constantHere.assign(size_t(data.binned->cols), 0);
}

TreeBuilder::NodeStats TreeBuilder::nodeStats(qint32 start, qint32 end, double *values)
{
    NodeStats stats;
    std::fill(m_nodeTotals.begin(), m_nodeTotals.end(), 0.0);
    if (m_data.classCount > 0) {
        for (qint32 i = start; i < end; ++i)
            m_nodeTotals[size_t(m_labels[size_t(i)])] += m_weights[size_t(i)];
        for (const double total : m_nodeTotals)
            stats.weight += total;
        double impurity = m_settings.criterion == TreeSettings::Criterion::Gini ? 1.0 : 0.0;
        for (int k = 0; k < m_data.classCount; ++k) {
            const double share = m_nodeTotals[size_t(k)] / stats.weight;
            values[k] = share;
            if (m_settings.criterion == TreeSettings::Criterion::Gini)
                impurity -= share * share;
            else if (share > 0.0)
                impurity -= share * std::log2(share);
        }
        stats.impurity = impurity;
    } else {
        double weightedSum = 0.0;
        for (qint32 i = start; i < end; ++i) {
            stats.weight += m_weights[size_t(i)];
            weightedSum += m_weights[size_t(i)] * m_targets[size_t(i)];
        }
        const double mean = weightedSum / stats.weight;
        double squares = 0.0;
        for (qint32 i = start; i < end; ++i) {
            const double deviation = m_targets[size_t(i)] - mean;
            squares += m_weights[size_t(i)] * deviation * deviation;
        }
        m_nodeTotals[0] = stats.weight;
        m_nodeTotals[1] = weightedSum;
        values[0] = mean;
        stats.impurity = squares / stats.weight;
    }
    m_nodeWeight = stats.weight;
    return stats;
}

void TreeBuilder::fillHistogram(int feature, qint32 start, qint32 end)
{
    const qint32 *rows = m_rows.data();
    const double *weights = m_weights.data();
    double *histogram = m_histogram.data();
    quint32 *binRows = m_binRows.data();
    const int width = m_width;
    m_occupied.clear();
    const auto fill = [&](auto &&addRow) {
        // Scattered rows: their codes row by row share cache lines across the
        // features tried. Dense rows: one column streams best.
        const bool scattered = end - start < rowMajorNodeRows;
        const BinCode *codes = scattered ? m_data.rowMajorCodes + feature : m_data.binned->column(feature);
        const size_t stride = scattered ? size_t(m_data.binned->cols) : 1;
        if (end - start < smallNodeRows) {
            for (qint32 i = start; i < end; ++i) {
                const int bin = codes[size_t(rows[i]) * stride];
                addRow(bin, i);
                if (binRows[bin]++ == 0)
                    m_occupied.push_back(bin);
            }
            std::sort(m_occupied.begin(), m_occupied.end());
        } else {
            for (qint32 i = start; i < end; ++i) {
                const int bin = codes[size_t(rows[i]) * stride];
                addRow(bin, i);
                ++binRows[bin];
            }
            for (int bin = 0; bin < binSlots; ++bin) {
                if (binRows[bin] > 0)
                    m_occupied.push_back(bin);
            }
        }
    };
    if (m_data.classCount > 0) {
        const qint32 *labels = m_labels.data();
        fill([&](int bin, qint32 i) { histogram[bin * width + labels[i]] += weights[i]; });
    } else {
        const double *targets = m_targets.data();
        fill([&](int bin, qint32 i) {
            histogram[2 * bin] += weights[i];
            histogram[2 * bin + 1] += weights[i] * targets[i];
        });
    }
}

void TreeBuilder::clearHistogram()
{
    for (const int bin : m_occupied) {
        std::fill_n(m_histogram.begin() + bin * m_width, m_width, 0.0);
        m_binRows[size_t(bin)] = 0;
    }
}

double TreeBuilder::proxy(const double *left, double leftWeight) const
{
    // Larger is better; equal to minus the children's weighted impurity up to
    // terms that are the same for every cut of the node.
    const double rightWeight = m_nodeWeight - leftWeight;
    switch (m_settings.criterion) {
    case TreeSettings::Criterion::Gini: {
        double leftSquares = 0.0, rightSquares = 0.0;
        for (int k = 0; k < m_width; ++k) {
            const double right = m_nodeTotals[size_t(k)] - left[k];
            leftSquares += left[k] * left[k];
            rightSquares += right * right;
        }
        return leftSquares / leftWeight + rightSquares / rightWeight;
    }
    case TreeSettings::Criterion::Entropy: {
        double sum = -xLogX(leftWeight) - xLogX(rightWeight);
        for (int k = 0; k < m_width; ++k)
            sum += xLogX(left[k]) + xLogX(m_nodeTotals[size_t(k)] - left[k]);
        return sum;
    }
    case TreeSettings::Criterion::SquaredError: {
        const double rightSum = m_nodeTotals[1] - left[1];
        return left[1] * left[1] / leftWeight + rightSum * rightSum / rightWeight;
    }
    }
    return 0.0;
}

int TreeBuilder::bestCut(int firstCut, int lastCut, qint32 rowCount, double &bestProxy) const
{
    std::fill(m_left.begin(), m_left.end(), 0.0);
    const bool classification = m_data.classCount > 0;
    const qint32 minLeaf = m_settings.minSamplesLeaf;
    double leftWeight = 0.0;
    qint32 leftRows = 0;
    int best = -1;
    for (int position = 0; position <= lastCut; ++position) {
        const int bin = m_order[size_t(position)];
        const double *counts = m_histogram.data() + bin * m_width;
        for (int k = 0; k < m_width; ++k)
            m_left[size_t(k)] += counts[k];
        leftRows += qint32(m_binRows[size_t(bin)]);
        if (position < firstCut || leftRows < minLeaf)
            continue;
        if (rowCount - leftRows < minLeaf)
            break;
        if (classification) {
            leftWeight = 0.0;
            for (int k = 0; k < m_width; ++k)
                leftWeight += m_left[size_t(k)];
        } else {
            leftWeight = m_left[0];
        }
        const double value = proxy(m_left.data(), leftWeight);
        if (best < 0 || value > bestProxy) {
            best = position;
            bestProxy = value;
        }
    }
    return best;
}

bool TreeBuilder::tryFeature(int feature, qint32 start, qint32 end, Base::SeededRandom &random, Split &best)
{
    fillHistogram(feature, start, end);
    if (m_occupied.size() < 2) {
        clearHistogram();
        return false;
    }
    const qint32 rowCount = end - start;
    const int lastCut = int(m_occupied.size()) - 2;
    const auto consider = [&](int cut, double value, auto &&describe) {
        if (cut >= 0 && (best.feature < 0 || value > best.proxy)) {
            best.proxy = value;
            best.feature = feature;
            best.goesLeft.fill(false);
            describe(cut);
        }
    };
    double value = 0.0;
    if (!m_data.binning->isCategorical(feature)) {
        m_order = m_occupied;
        int drawnBin = -1;
        int cut = -1;
        if (m_settings.randomThresholds) {
            const int lowest = m_occupied.front(), highest = m_occupied.back();
            drawnBin = lowest + int(random.bounded(quint64(highest - lowest)));
            const int position
                = int(std::upper_bound(m_occupied.begin(), m_occupied.end(), drawnBin) - m_occupied.begin()) - 1;
            cut = bestCut(position, position, rowCount, value);
        } else {
            cut = bestCut(0, lastCut, rowCount, value);
        }
        consider(cut, value, [&](int c) {
            const int leftBin = m_order[size_t(c)], rightBin = m_order[size_t(c + 1)];
            best.categorical = false;
            best.threshold = drawnBin >= 0 ? m_data.binning->threshold(feature, drawnBin)
                                           : m_data.binning->splitThreshold(feature, leftBin, rightBin);
            std::fill_n(best.goesLeft.begin(), leftBin + 1, true);
        });
    } else {
        const auto describeSet = [&](int c) {
            best.categorical = true;
            for (int position = 0; position <= c; ++position)
                best.goesLeft[size_t(m_order[size_t(position)])] = true;
        };
        if (m_settings.randomThresholds) {
            m_order = m_occupied;
            random.shuffle(m_order);
            const int position = int(random.bounded(quint64(lastCut + 1)));
            const int cut = bestCut(position, position, rowCount, value);
            consider(cut, value, describeSet);
        } else {
            // One ordering per class share (two classes: class 1's), or by mean target.
            const int orderings = m_data.classCount > 2 ? m_data.classCount : 1;
            for (int ordering = 0; ordering < orderings; ++ordering) {
                for (const int bin : m_occupied) {
                    const double *h = m_histogram.data() + bin * m_width;
                    if (m_data.classCount == 0) {
                        m_scores[size_t(bin)] = h[1] / h[0];
                    } else {
                        const double total = std::accumulate(h, h + m_width, 0.0);
                        m_scores[size_t(bin)] = h[m_data.classCount > 2 ? ordering : 1] / total;
                    }
                }
                m_order = m_occupied;
                std::sort(m_order.begin(), m_order.end(), [this](int a, int b) {
                    return m_scores[size_t(a)] < m_scores[size_t(b)]
                        || (m_scores[size_t(a)] == m_scores[size_t(b)] && a < b);
                });
                const int cut = bestCut(0, lastCut, rowCount, value);
                consider(cut, value, describeSet);
            }
        }
    }
    clearHistogram();
    return true;
}

qint32 TreeBuilder::partition(const Split &split, qint32 start, qint32 end)
{
    // Stable: rows stay in increasing order, so that the histogram passes read
    // each feature column forwards (prefetched) rather than at random.
    const BinCode *column = m_data.binned->column(split.feature);
    const bool classification = m_data.classCount > 0;
    qint32 left = start;
    size_t right = 0;
    for (qint32 i = start; i < end; ++i) {
        const auto from = size_t(i);
        if (split.goesLeft[column[m_rows[from]]]) {
            const auto to = size_t(left++);
            m_rows[to] = m_rows[from];
            m_weights[to] = m_weights[from];
            if (classification)
                m_labels[to] = m_labels[from];
            else
                m_targets[to] = m_targets[from];
        } else {
            m_spareRows[right] = m_rows[from];
            m_spareWeights[right] = m_weights[from];
            if (classification)
                m_spareLabels[right] = m_labels[from];
            else
                m_spareTargets[right] = m_targets[from];
            ++right;
        }
    }
    std::copy_n(m_spareRows.begin(), right, m_rows.begin() + left);
    std::copy_n(m_spareWeights.begin(), right, m_weights.begin() + left);
    if (classification)
        std::copy_n(m_spareLabels.begin(), right, m_labels.begin() + left);
    else
        std::copy_n(m_spareTargets.begin(), right, m_targets.begin() + left);
    return left;
}

bool TreeBuilder::build(const std::vector<quint32> &sampleCounts, Base::SeededRandom &random, FittedTree &tree,
    const std::function<bool(double)> &keepGoing)
{
    const Eigen::Index n = m_data.binned->rows;
    const Vector &y = *m_data.targets;
    const bool classification = m_data.classCount > 0;
    m_rows.resize(size_t(n));
    m_weights.resize(size_t(n));
    m_spareRows.resize(size_t(n));
    m_spareWeights.resize(size_t(n));
    if (classification) {
        m_labels.resize(size_t(n));
        m_spareLabels.resize(size_t(n));
    } else {
        m_targets.resize(size_t(n));
        m_spareTargets.resize(size_t(n));
    }
    qint32 count = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const quint32 times = sampleCounts.empty() ? 1 : sampleCounts[size_t(i)];
        if (times == 0)
            continue;
        m_rows[size_t(count)] = qint32(i);
        m_weights[size_t(count)] = double(times) * (m_data.rowWeights.empty() ? 1.0 : m_data.rowWeights[size_t(i)]);
        if (classification)
            m_labels[size_t(count)] = qint32(y[i]);
        else
            m_targets[size_t(count)] = y[i];
        ++count;
    }

    const int featureCount = int(m_data.binned->cols);
    tree = FittedTree(std::max(m_data.classCount, 1), featureCount);
    // Features found constant in a node are constant in its descendants: each node
    // passes on the list of the others. The lists live in one arena used as a
    // stack: when a node is taken, no pending node refers past its own list.
    m_candidates.resize(size_t(featureCount));
    std::iota(m_candidates.begin(), m_candidates.end(), 0);
    std::vector<PendingNode> pending {{0, count, 0, featureCount, 0, -1, -1, false}};
    double rootWeight = 1.0;
    qint64 settledRows = 0;
    while (!pending.empty()) {
        if (!keepGoing(double(settledRows) / double(std::max(count, 1))))
            return false;
        const PendingNode node = pending.back();
        pending.pop_back();
        m_candidates.resize(size_t(node.candidatesEnd));
        const qint32 rowCount = node.end - node.start;
        NodeStats stats = nodeStats(node.start, node.end, m_values.data());
        if (node.parent < 0)
            rootWeight = stats.weight;
        else
            tree.addImpurityDecrease(node.parentFeature, -stats.weight * stats.impurity / rootWeight);

        bool leaf = rowCount < m_settings.minSamplesSplit || rowCount < 2 * m_settings.minSamplesLeaf
            || (m_settings.maxDepth > 0 && node.depth >= m_settings.maxDepth) || stats.impurity <= impurityEpsilon;
        Split best;
        m_foundConstant.clear();
        if (!leaf) {
            // Fisher–Yates over the candidates, in place, until enough were tried.
            int tried = 0;
            for (qint32 j = node.candidatesBegin; j < node.candidatesEnd && tried < m_settings.maxFeatures; ++j) {
                const auto drawn = j + qint32(random.bounded(quint64(node.candidatesEnd - j)));
                std::swap(m_candidates[size_t(j)], m_candidates[size_t(drawn)]);
                const int feature = m_candidates[size_t(j)];
                if (tryFeature(feature, node.start, node.end, random, best))
                    ++tried;
                else
                    m_foundConstant.push_back(feature);
            }
            leaf = best.feature < 0;
        }
        qint32 middle = node.start;
        if (!leaf) {
            middle = partition(best, node.start, node.end);
            if (m_settings.minImpurityDecrease > 0.0) {
                const NodeStats left = nodeStats(node.start, middle, m_values.data());
                const NodeStats right = nodeStats(middle, node.end, m_values.data());
                const double improvement = stats.weight / rootWeight
                    * (stats.impurity - right.weight / stats.weight * right.impurity
                        - left.weight / stats.weight * left.impurity);
                if (improvement + impurityEpsilon < m_settings.minImpurityDecrease) {
                    leaf = true;
                    stats = nodeStats(node.start, node.end, m_values.data());
                }
            }
        }
        int id = 0;
        if (leaf) {
            id = tree.addLeaf(m_values.data());
            settledRows += rowCount;
        } else {
            FittedTree::CategorySet set {};
            if (best.categorical) {
                for (int bin = 0; bin < binSlots; ++bin) {
                    if (best.goesLeft[size_t(bin)])
                        set[size_t(bin >> 6)] |= quint64(1) << (bin & 63);
                }
            }
            id = best.categorical ? tree.addCategoricalSplit(best.feature, set)
                                  : tree.addSplit(best.feature, best.threshold);
            tree.addImpurityDecrease(best.feature, stats.weight * stats.impurity / rootWeight);
            qint32 candidatesBegin = node.candidatesBegin, candidatesEnd = node.candidatesEnd;
            if (!m_foundConstant.empty()) {
                for (const int feature : m_foundConstant)
                    m_constantHere[size_t(feature)] = 1;
                candidatesBegin = qint32(m_candidates.size());
                for (qint32 j = node.candidatesBegin; j < node.candidatesEnd; ++j) {
                    if (const int feature = m_candidates[size_t(j)]; !m_constantHere[size_t(feature)])
                        m_candidates.push_back(feature);
                }
                candidatesEnd = qint32(m_candidates.size());
                for (const int feature : m_foundConstant)
                    m_constantHere[size_t(feature)] = 0;
            }
            pending.push_back(
                {middle, node.end, candidatesBegin, candidatesEnd, node.depth + 1, id, best.feature, false});
            pending.push_back(
                {node.start, middle, candidatesBegin, candidatesEnd, node.depth + 1, id, best.feature, true});
        }
        if (node.parent >= 0)
            tree.setChild(node.parent, node.isLeft, id);
    }
    return true;
}

} // namespace Tandem::Learn
