// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/FeatureGroups.h"

#include "core/learn/optim/RowBlocks.h"

#include <algorithm>

namespace Tandem::Learn::Boosting {

FeatureGroups::FeatureGroups(const quint8 *codes, Eigen::Index rows, const std::vector<int> &binCounts,
    const std::vector<bool> &categorical, quint8 missingCode, int threads)
    : m_rows(rows)
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

    // Enough groups to keep every thread busy, at most 32 codes (half a cache line) per row.
    const int featureCount = int(m_features.size());
    const int perThread = (featureCount + std::max(threads, 1) - 1) / std::max(threads, 1);
    const int width = std::clamp(perThread, 1, 32);
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
            group.codes.resize(size_t(rows * group.width));
            for (int slot = 0; slot < group.width; ++slot) {
                const Feature &feature = m_features[size_t(group.firstFeature + slot)];
                const quint8 *values = codes + qint64(feature.column) * rows;
                const quint8 missing = quint8(feature.bins);
                quint8 *out = group.codes.data() + slot;
                for (Eigen::Index i = 0; i < rows; ++i)
                    out[i * group.width] = values[i] == missingCode ? missing : values[i];
            }
        },
        {});
}

} // namespace Tandem::Learn::Boosting
