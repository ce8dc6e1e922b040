// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/boosting/FeatureGroups.h"
#include "core/learn/boosting/Losses.h"

#include <memory>
#include <vector>

namespace Tandem::Learn::Boosting {

/// How many rows ahead loops over a node's rows prefetch what they will read by
/// row index: a deep node's rows are scattered, and without prefetching histogram
/// building waited for memory on about half its loads.
constexpr qint64 prefetchDistance = 64;

/// A hint to load `address` into the cache (a no-op where unsupported).
inline void prefetch(const void *address)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

/// The rows of one node that fall into one bin of one feature: their gradient
/// and hessian sums (double, summed in row order) and their count.
struct HistogramBin {
    double gradient = 0.0;
    double hessian = 0.0;
    quint32 count = 0;
};

/// Node histograms (FeatureGroups::histogramSize() bins each), recycled: a tree
/// keeps one per open node, and growing the next tree reuses them.
class HistogramPool
{
public:
    explicit HistogramPool(qint64 size) : m_size(size) { }

    /// A histogram with unspecified contents.
    HistogramBin *acquire();
    void release(HistogramBin *histogram);

private:
    qint64 m_size;
    std::vector<std::unique_ptr<HistogramBin[]>> m_all;
    std::vector<HistogramBin *> m_free;
};

/// The sums of all rows of a node (a sparse group's skipped codes are the rest).
struct HistogramTotals {
    double gradient = 0.0;
    double hessian = 0.0;
    quint32 count = 0;
};

/// Sets the histograms of one group's features to the sums over `rows`, whose
/// gradient pairs `ordered` holds in the same order (ordered[i] is rows[i]'s);
/// `totals` are their sums.
void buildGroupHistogram(const FeatureGroups &data, int group, const qint32 *rows, const GradientPair *ordered,
    qint64 count, const HistogramTotals &totals, HistogramBin *histogram);

/// difference = whole - part over one group's features (a sibling's histogram
/// from its parent's and the other child's).
void subtractGroupHistogram(const FeatureGroups &data, int group, const HistogramBin *whole, const HistogramBin *part,
    HistogramBin *difference);

} // namespace Tandem::Learn::Boosting
