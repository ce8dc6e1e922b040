// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QtGlobal>

#include <vector>

namespace Tandem::Learn::Boosting {

/// The training rows' bin codes laid out for histogram building.
///
/// Only features that can split are kept (two or more value bins, or missing
/// values). They form groups of up to 32 consecutive features; a group stores
/// its codes row-major, so that adding one row of a node to the histograms of a
/// group reads one cache line, and consecutive additions go to different
/// features (no store-to-load chain on a frequent bin, as in a column-wise pass
/// over an image's background pixels). Groups are the unit of parallel work:
/// each feature's histogram is summed by one thread in row order, so the sums
/// do not depend on the grouping or the thread count.
///
/// Codes are renumbered per feature: value bins 0..bins-1 keep theirs and
/// missing becomes `bins`, so that a feature's histogram has bins + 1 slots.
class FeatureGroups
{
public:
    struct Feature {
        int column = 0; ///< the column of X
        int bins = 1; ///< value bins (missing excluded)
        bool categorical = false;
        bool hasMissing = false; ///< any training row missing
        qint64 offset = 0; ///< first slot of this feature in a node histogram
        int group = 0;
        int slot = 0; ///< position within the group's rows
    };
    struct Group {
        int firstFeature = 0;
        int width = 0;
        std::vector<quint8> codes; ///< codes[row * width + slot]
    };

    /// `codes` column-major (rows × binCounts.size()) with `missingCode` for NaN.
    /// Threads only set the group width: more threads, narrower groups.
    FeatureGroups(const quint8 *codes, Eigen::Index rows, const std::vector<int> &binCounts,
        const std::vector<bool> &categorical, quint8 missingCode, int threads);

    Eigen::Index rows() const { return m_rows; }
    const std::vector<Feature> &features() const { return m_features; }
    const std::vector<Group> &groups() const { return m_groups; }
    /// Slots of one node histogram (all features).
    qint64 histogramSize() const { return m_histogramSize; }
    /// The renumbered code of feature f (index into features()) in one row.
    quint8 code(int feature, Eigen::Index row) const
    {
        const Feature &f = m_features[size_t(feature)];
        const Group &g = m_groups[size_t(f.group)];
        return g.codes[size_t(row * g.width + f.slot)];
    }

private:
    Eigen::Index m_rows = 0;
    std::vector<Feature> m_features;
    std::vector<Group> m_groups;
    qint64 m_histogramSize = 0;
};

} // namespace Tandem::Learn::Boosting
