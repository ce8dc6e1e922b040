// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/Histogram.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace Tandem::Learn::Boosting {
namespace {

/// The additions of one group with its width known at compile time, so that
/// the inner loop over the group's features unrolls.
template<int Width>
void accumulate(const quint8 *codes, const qint64 *offsets, const qint32 *rows, const GradientPair *ordered,
    qint64 count, HistogramBin *histogram)
{
    for (qint64 i = 0; i < count; ++i) {
        prefetch(codes + qint64(rows[std::min(i + prefetchDistance, count - 1)]) * Width);
        const quint8 *row = codes + qint64(rows[i]) * Width;
        const double gradient = ordered[i].gradient;
        const double hessian = ordered[i].hessian;
        for (int slot = 0; slot < Width; ++slot) {
            HistogramBin &bin = histogram[offsets[slot] + row[slot]];
            bin.gradient += gradient;
            bin.hessian += hessian;
            ++bin.count;
        }
    }
}

using Accumulate
    = void (*)(const quint8 *, const qint64 *, const qint32 *, const GradientPair *, qint64, HistogramBin *);

/// accumulate<1> .. accumulate<N>, by width - 1.
template<int... Widths>
constexpr std::array<Accumulate, sizeof...(Widths)> accumulators(std::integer_sequence<int, Widths...>)
{
    return {&accumulate<Widths + 1>...};
}

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define TANDEM_WIDE_HISTOGRAM 1

/// One bin as four doubles (gradient, hessian, count, unused): with AVX2 adding
/// a row to it is one load, one addition and one store instead of three of each,
/// and building histograms is bound by its stores. The sums are the same
/// additions in the same order, so the bits do not depend on the path taken.
/// Aligned as a double only: vectors do not promise more (unaligned AVX accesses cost
/// nothing extra on aligned data).
using WideLanes = double __attribute__((vector_size(32), aligned(8)));
struct WideBin {
    WideLanes sums;
};

template<int Width>
__attribute__((target("avx2"))) void accumulateWide(const quint8 *codes, const qint64 *offsets, const qint32 *rows,
    const GradientPair *ordered, qint64 count, WideBin *histogram)
{
    for (qint64 i = 0; i < count; ++i) {
        prefetch(codes + qint64(rows[std::min(i + prefetchDistance, count - 1)]) * Width);
        const quint8 *row = codes + qint64(rows[i]) * Width;
        const WideLanes add = {ordered[i].gradient, ordered[i].hessian, 1.0, 0.0};
        for (int slot = 0; slot < Width; ++slot)
            histogram[offsets[slot] + row[slot]].sums += add;
    }
}

using AccumulateWide
    = void (*)(const quint8 *, const qint64 *, const qint32 *, const GradientPair *, qint64, WideBin *);

template<int... Widths>
constexpr std::array<AccumulateWide, sizeof...(Widths)> wideAccumulators(std::integer_sequence<int, Widths...>)
{
    return {&accumulateWide<Widths + 1>...};
}

bool hasAvx2()
{
    static const bool supported = __builtin_cpu_supports("avx2");
    return supported;
}
#endif

void accumulateSparse(const FeatureGroups::Group &group, const qint64 *offsets, const qint32 *rows,
    const GradientPair *ordered, qint64 count, HistogramBin *histogram)
{
    const quint32 *starts = group.rowStart.data();
    const quint16 *entries = group.entries.data();
    for (qint64 i = 0; i < count; ++i) {
        // Two steps: a row's start must be in cache before its entries can be prefetched.
        prefetch(starts + rows[std::min(i + prefetchDistance, count - 1)]);
        prefetch(entries + starts[rows[std::min(i + prefetchDistance / 2, count - 1)]]);
        const qint32 row = rows[i];
        const double gradient = ordered[i].gradient;
        const double hessian = ordered[i].hessian;
        for (quint32 e = starts[row]; e < starts[row + 1]; ++e) {
            HistogramBin &bin = histogram[offsets[entries[e] >> 8] + (entries[e] & 0xff)];
            bin.gradient += gradient;
            bin.hessian += hessian;
            ++bin.count;
        }
    }
}

/// The group's slot range [first, end) in a node histogram (its features are consecutive).
std::pair<qint64, qint64> groupSlots(const FeatureGroups &data, int group)
{
    const FeatureGroups::Group &g = data.groups()[size_t(group)];
    const FeatureGroups::Feature &first = data.features()[size_t(g.firstFeature)];
    const FeatureGroups::Feature &last = data.features()[size_t(g.firstFeature + g.width - 1)];
    return {first.offset, last.offset + last.bins + 1};
}

} // namespace

HistogramBin *HistogramPool::acquire()
{
    if (m_free.empty()) {
        m_all.push_back(std::make_unique<HistogramBin[]>(size_t(m_size)));
        return m_all.back().get();
    }
    HistogramBin *histogram = m_free.back();
    m_free.pop_back();
    return histogram;
}

void HistogramPool::release(HistogramBin *histogram)
{
    if (histogram)
        m_free.push_back(histogram);
}

void buildGroupHistogram(const FeatureGroups &data, int group, const qint32 *rows, const GradientPair *ordered,
    qint64 count, const HistogramTotals &totals, HistogramBin *histogram)
{
    const auto [first, end] = groupSlots(data, group);
    const FeatureGroups::Group &g = data.groups()[size_t(group)];
    qint64 offsets[FeatureGroups::maxGroupWidth];
    for (int slot = 0; slot < g.width; ++slot)
        offsets[slot] = data.features()[size_t(g.firstFeature + slot)].offset;
#ifdef TANDEM_WIDE_HISTOGRAM
    if (!g.sparse && hasAvx2()) {
        // Summed in a per-thread buffer of wide bins (slots from the group's first), then copied.
        thread_local std::vector<WideBin> wide;
        wide.assign(size_t(end - first), WideBin {});
        for (int slot = 0; slot < g.width; ++slot)
            offsets[slot] -= first;
        static constexpr auto byWidth
            = wideAccumulators(std::make_integer_sequence<int, FeatureGroups::maxGroupWidth>());
        byWidth[size_t(g.width - 1)](g.codes.data(), offsets, rows, ordered, count, wide.data());
        for (qint64 s = first; s < end; ++s) {
            const WideLanes &bin = wide[size_t(s - first)].sums;
            histogram[s] = {bin[0], bin[1], quint32(bin[2])};
        }
        return;
    }
#endif
    std::fill(histogram + first, histogram + end, HistogramBin {});
    if (g.sparse) {
        accumulateSparse(g, offsets, rows, ordered, count, histogram);
        // The skipped most frequent code of each feature holds the rest of the node.
        for (int slot = 0; slot < g.width; ++slot) {
            const FeatureGroups::Feature &feature = data.features()[size_t(g.firstFeature + slot)];
            HistogramTotals rest = totals;
            for (int b = 0; b <= feature.bins; ++b) {
                rest.gradient -= histogram[feature.offset + b].gradient;
                rest.hessian -= histogram[feature.offset + b].hessian;
                rest.count -= histogram[feature.offset + b].count;
            }
            histogram[feature.offset + feature.mostFrequent] = {rest.gradient, rest.hessian, rest.count};
        }
        return;
    }
    static constexpr auto byWidth = accumulators(std::make_integer_sequence<int, FeatureGroups::maxGroupWidth>());
    byWidth[size_t(g.width - 1)](g.codes.data(), offsets, rows, ordered, count, histogram);
}

void subtractGroupHistogram(
    const FeatureGroups &data, int group, const HistogramBin *whole, const HistogramBin *part, HistogramBin *difference)
{
    const auto [first, end] = groupSlots(data, group);
    for (qint64 s = first; s < end; ++s) {
        difference[s].gradient = whole[s].gradient - part[s].gradient;
        difference[s].hessian = whole[s].hessian - part[s].hessian;
        difference[s].count = whole[s].count - part[s].count;
    }
}

} // namespace Tandem::Learn::Boosting
