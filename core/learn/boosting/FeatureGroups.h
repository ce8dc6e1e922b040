// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QtGlobal>

#include <vector>

namespace Tandem::Learn::Boosting {

/// The training rows' bin codes laid out for histogram building.
///
/// Only features that can split are kept (two or more value bins, or missing
/// values). They form groups of up to 16 consecutive features; a group stores
/// its codes row-major, so that adding one row of a node to the histograms of a
/// group reads one cache line, and consecutive additions go to different
/// features (no store-to-load chain on a frequent bin, as in a column-wise pass
/// over an image's background pixels). Groups are the unit of parallel work:
/// each feature's histogram is summed by one thread in row order, so the sums
/// do not depend on the grouping or the thread count.
///
/// Codes are renumbered per feature: value bins 0..bins-1 keep theirs and
/// missing becomes `bins`, so that a feature's histogram has bins + 1 slots.
///
/// A group whose features mostly hold their most frequent code (an image's
/// background, a sparse column) is stored sparse (as LightGBM skips the most
/// frequent bin): per row only the other codes, as (slot, code) pairs. Its
/// histograms sum those, and the most frequent code's slot is the node's sums
/// less the rest.
class FeatureGroups
{
public:
    /// The most features in one group.
    static constexpr int maxGroupWidth = 16;

    struct Feature {
        int column = 0; ///< the column of X
        int bins = 1; ///< value bins (missing excluded)
        bool categorical = false;
        bool hasMissing = false; ///< any training row missing
        qint64 offset = 0; ///< first slot of this feature in a node histogram
        int group = 0;
        int slot = 0; ///< position within the group's rows
        quint8 mostFrequent = 0; ///< renumbered code; a sparse group leaves it out
    };
    struct Group {
        int firstFeature = 0;
        int width = 0;
        bool sparse = false;
        std::vector<quint8> codes; ///< dense: codes[row * width + slot]
        std::vector<quint32> rowStart; ///< sparse: row i's pairs are entries[rowStart[i], rowStart[i + 1])
        std::vector<quint16> entries; ///< sparse: slot << 8 | code
    };

    /// `codes` column-major (rows × binCounts.size()) with `missingCode` for NaN;
    /// they must outlive this object (partitions read them: one feature's codes
    /// are contiguous there). Threads only share the work of building it.
    FeatureGroups(const quint8 *codes, Eigen::Index rows, const std::vector<int> &binCounts,
        const std::vector<bool> &categorical, quint8 missingCode, int threads);

    Eigen::Index rows() const { return m_rows; }
    const std::vector<Feature> &features() const { return m_features; }
    const std::vector<Group> &groups() const { return m_groups; }
    /// Slots of one node histogram (all features).
    qint64 histogramSize() const { return m_histogramSize; }
    /// Feature f's codes as given (column-major, missingCode for missing).
    const quint8 *column(int feature) const { return m_codes + qint64(m_features[size_t(feature)].column) * m_rows; }
    quint8 missingCode() const { return m_missingCode; }

private:
    const quint8 *m_codes = nullptr;
    Eigen::Index m_rows = 0;
    quint8 m_missingCode = 0;
    std::vector<Feature> m_features;
    std::vector<Group> m_groups;
    qint64 m_histogramSize = 0;
};

} // namespace Tandem::Learn::Boosting
