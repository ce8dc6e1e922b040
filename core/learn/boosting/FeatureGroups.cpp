// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/FeatureGroups.h"

#include "core/learn/optim/RowBlocks.h"

#include <algorithm>

namespace Tandem::Learn::Boosting {
namespace {

constexpr int minGroups = 4;

} // namespace

FeatureGroups::FeatureGroups(const quint8 *codes, Eigen::Index rows, const std::vector<int> &binCounts,
    const std::vector<bool> &categorical, quint8 missingCode, int threads)
    : m_codes(codes), m_rows(rows), m_missingCode(missingCode)
{
    for (size_t column = 0; column < binCounts.size(); ++column) {
        const quint8 *values = codes + qint64(column) * rows;
        const bool hasMissing = std::find(values, values + rows, missingCode) != values + rows;
        if (binCounts[column] < 2 && !hasMissing)
            continue; // a constant feature never splits
        Feature feature;
        feature.column = int(column);
        feature.bins = binCounts[column];
        feature.categorical = categorical[column];
        feature.hasMissing = hasMissing;
        feature.offset = m_histogramSize;
        m_histogramSize += feature.bins + 1;
        m_features.push_back(feature);
    }

    // At least four groups, so that a few threads share the work; at most 16 codes
    // per row, so that a group's histograms (16 × 256 bins) stay in the L2 cache.
    // The grouping must not depend on the thread count: a group is sparse or dense
    // by its features, and the two sum the skipped bin differently.
    const int featureCount = int(m_features.size());
    const int width = std::clamp((featureCount + minGroups - 1) / minGroups, 1, maxGroupWidth);
    for (int first = 0; first < featureCount; first += width) {
        Group group;
        group.firstFeature = first;
        group.width = std::min(width, featureCount - first);
        for (int slot = 0; slot < group.width; ++slot) {
            m_features[size_t(first + slot)].group = int(m_groups.size());
            m_features[size_t(first + slot)].slot = slot;
        }
        m_groups.push_back(std::move(group));
    }

    Optim::forEachBlock(threads, Eigen::Index(m_groups.size()),
        [&](Eigen::Index g) {
            Group &group = m_groups[size_t(g)];
            qint64 others = 0;
            for (int slot = 0; slot < group.width; ++slot) {
                Feature &feature = m_features[size_t(group.firstFeature + slot)];
                const quint8 *values = codes + qint64(feature.column) * rows;
                std::vector<qint64> counts(256, 0);
                for (Eigen::Index i = 0; i < rows; ++i)
                    ++counts[values[i]];
                const auto most = std::max_element(counts.begin(), counts.end()) - counts.begin();
                feature.mostFrequent = quint8(most == missingCode ? feature.bins : most);
                others += rows - counts[size_t(most)];
            }
            // Sparse pays off only when most codes can be skipped: measured on
            // Fashion-MNIST (half the pixels 0), dense and sparse take the same time.
            group.sparse = others * 4 < qint64(rows) * group.width && others < (qint64(1) << 32);
            const auto renumbered = [&](const Feature &feature, Eigen::Index i) {
                const quint8 value = codes[qint64(feature.column) * rows + i];
                return value == missingCode ? quint8(feature.bins) : value;
            };
            if (!group.sparse) {
                group.codes.resize(size_t(rows * group.width));
                for (int slot = 0; slot < group.width; ++slot) {
                    const Feature &feature = m_features[size_t(group.firstFeature + slot)];
                    quint8 *out = group.codes.data() + slot;
                    for (Eigen::Index i = 0; i < rows; ++i)
                        out[i * group.width] = renumbered(feature, i);
                }
                return;
            }
            group.rowStart.resize(size_t(rows) + 1);
            group.entries.reserve(size_t(others));
            for (Eigen::Index i = 0; i < rows; ++i) {
                group.rowStart[size_t(i)] = quint32(group.entries.size());
                for (int slot = 0; slot < group.width; ++slot) {
                    const Feature &feature = m_features[size_t(group.firstFeature + slot)];
                    const quint8 code = renumbered(feature, i);
                    if (code != feature.mostFrequent)
                        group.entries.push_back(quint16(slot << 8 | code));
                }
            }
            group.rowStart[size_t(rows)] = quint32(group.entries.size());
        },
        {});
}

} // namespace Tandem::Learn::Boosting
