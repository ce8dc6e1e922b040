// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/Downsample.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace Tandem::Plot {
namespace {

/// Appends kept indices, writing a gap index only between two kept points and
/// never two in a row.
class Emitter
{
public:
    explicit Emitter(IndexList &out) : m_out(out) { }

    void point(std::int64_t index)
    {
        if (m_pendingGap >= 0) {
            m_out.push_back(m_pendingGap);
            m_pendingGap = -1;
        }
        m_out.push_back(index);
    }

    void gap(std::int64_t index)
    {
        if (!m_out.empty() && m_pendingGap < 0)
            m_pendingGap = index;
    }

private:
    IndexList &m_out;
    std::int64_t m_pendingGap = -1;
};

/// The first, last, lowest and highest drawable point of a stretch of one column.
struct ColumnPart {
    std::int64_t first = -1, last = -1, lowest = -1, highest = -1;
    double low = 0.0, high = 0.0;

    bool empty() const { return first < 0; }

    void add(std::int64_t index, double y)
    {
        if (first < 0) {
            first = lowest = highest = index;
            low = high = y;
        } else if (y < low) {
            low = y;
            lowest = index;
        } else if (y > high) {
            high = y;
            highest = index;
        }
        last = index;
    }

    void emit(Emitter &emitter) const
    {
        if (empty())
            return;
        std::array<std::int64_t, 4> kept {first, lowest, highest, last};
        std::sort(kept.begin(), kept.end());
        const auto end = std::unique(kept.begin(), kept.end());
        for (auto it = kept.begin(); it != end; ++it)
            emitter.point(*it);
    }
};

/// Every drawable point of `range`, with its gaps.
void emitAll(std::span<const double> xs, std::span<const double> ys, IndexRange range, Scales scales, Emitter &emitter)
{
    for (std::int64_t i = range.begin; i < range.end; ++i) {
        if (!std::isfinite(toAxisSpace(xs[i], scales.x)))
            continue;
        if (isDrawable(ys[i], scales.y))
            emitter.point(i);
        else
            emitter.gap(i);
    }
}

/// LTTB over the gap-free stretch [begin, end) keeping `budget` >= 2 points.
void lttbStretch(std::span<const double> xs, std::span<const double> ys, std::int64_t begin, std::int64_t end,
    std::int64_t budget, Scales scales, Emitter &emitter)
{
    const std::int64_t length = end - begin;
    const auto tx = [&](std::int64_t i) { return toAxisSpace(xs[i], scales.x); };
    const auto ty = [&](std::int64_t i) { return toAxisSpace(ys[i], scales.y); };
    emitter.point(begin);
    if (budget > 2) {
        const double every = double(length - 2) / double(budget - 2);
        std::int64_t kept = begin;
        for (std::int64_t bucket = 0; bucket < budget - 2; ++bucket) {
            const std::int64_t averageBegin = begin + std::int64_t(std::floor(double(bucket + 1) * every)) + 1;
            const std::int64_t averageEnd
                = begin + std::min(std::int64_t(std::floor(double(bucket + 2) * every)) + 1, length);
            double averageX = 0.0, averageY = 0.0;
            for (std::int64_t i = averageBegin; i < averageEnd; ++i) {
                averageX += tx(i);
                averageY += ty(i);
            }
            const double count = double(std::max<std::int64_t>(averageEnd - averageBegin, 1));
            averageX /= count;
            averageY /= count;

            const std::int64_t from = begin + std::int64_t(std::floor(double(bucket) * every)) + 1;
            const std::int64_t to = begin + std::int64_t(std::floor(double(bucket + 1) * every)) + 1;
            const double keptX = tx(kept), keptY = ty(kept);
            double largest = -1.0;
            std::int64_t chosen = from;
            for (std::int64_t i = from; i < to; ++i) {
                const double area
                    = std::abs((keptX - averageX) * (ty(i) - keptY) - (keptX - tx(i)) * (averageY - keptY)) * 0.5;
                if (area > largest) {
                    largest = area;
                    chosen = i;
                }
            }
            emitter.point(chosen);
            kept = chosen;
        }
    }
    if (length > 1)
        emitter.point(end - 1);
}

} // namespace

IndexRange visibleRange(std::span<const double> xs, double xMin, double xMax)
{
    if (xMin > xMax)
        std::swap(xMin, xMax);
    const auto n = std::int64_t(xs.size());
    const std::int64_t firstInside = std::lower_bound(xs.begin(), xs.end(), xMin) - xs.begin();
    const std::int64_t pastInside = std::upper_bound(xs.begin(), xs.end(), xMax) - xs.begin();
    return {std::max<std::int64_t>(firstInside - 1, 0), std::min(pastInside + 1, n)};
}

IndexList largestTriangleThreeBuckets(
    std::span<const double> xs, std::span<const double> ys, std::int64_t threshold, Scales scales)
{
    IndexList out;
    Emitter emitter(out);
    const auto n = std::int64_t(std::min(xs.size(), ys.size()));
    if (n <= threshold) {
        emitAll(xs, ys, {0, n}, scales, emitter);
        return out;
    }
    threshold = std::max<std::int64_t>(threshold, 2);

    // Gap-free stretches, and how many points they hold together.
    struct Stretch {
        std::int64_t begin, end, gapBefore;
    };
    std::vector<Stretch> stretches;
    std::int64_t drawable = 0, gap = -1, start = -1;
    for (std::int64_t i = 0; i <= n; ++i) {
        const bool skipped = i < n && !std::isfinite(toAxisSpace(xs[i], scales.x));
        const bool ok = i < n && !skipped && isDrawable(ys[i], scales.y);
        if (ok) {
            if (start < 0)
                start = i;
            ++drawable;
            continue;
        }
        if (skipped && start < 0)
            continue;
        if (start >= 0) {
            stretches.push_back({start, i, gap});
            start = -1;
            gap = -1;
        }
        if (i < n && gap < 0)
            gap = i;
    }

    for (const Stretch &stretch : stretches) {
        if (stretch.gapBefore >= 0)
            emitter.gap(stretch.gapBefore);
        const std::int64_t length = stretch.end - stretch.begin;
        std::int64_t budget = std::int64_t(double(length) * double(threshold) / double(drawable));
        budget = std::max(budget, std::min<std::int64_t>(length, 2));
        if (budget >= length) {
            for (std::int64_t i = stretch.begin; i < stretch.end; ++i)
                emitter.point(i);
        } else {
            lttbStretch(xs, ys, stretch.begin, stretch.end, budget, scales, emitter);
        }
    }
    return out;
}

IndexList minMaxPerColumn(
    std::span<const double> xs, std::span<const double> ys, IndexRange range, const ColumnGrid &grid, Scales scales)
{
    IndexList out;
    Emitter emitter(out);
    range.begin = std::max<std::int64_t>(range.begin, 0);
    range.end = std::min<std::int64_t>(range.end, std::int64_t(std::min(xs.size(), ys.size())));
    const int columns = std::max(grid.columns, 1);
    if (range.size() <= 4 * std::int64_t(columns)) {
        emitAll(xs, ys, range, scales, emitter);
        return out;
    }

    const double left = toAxisSpace(grid.xMin, scales.x), right = toAxisSpace(grid.xMax, scales.x);
    const double width = std::isfinite(left) && std::isfinite(right) && right > left ? right - left : 0.0;

    int column = -1;
    ColumnPart before, after; // around the column's first gap
    std::int64_t firstGap = -1, trailingGap = -1;
    const auto flush = [&]() {
        before.emit(emitter);
        if (firstGap >= 0)
            emitter.gap(firstGap);
        after.emit(emitter);
        if (trailingGap >= 0)
            emitter.gap(trailingGap);
        before = after = ColumnPart();
        firstGap = trailingGap = -1;
    };
    for (std::int64_t i = range.begin; i < range.end; ++i) {
        const double x = toAxisSpace(xs[i], scales.x);
        if (!std::isfinite(x))
            continue;
        const double position
            = width > 0.0 ? std::clamp(std::floor((x - left) / width * columns), 0.0, double(columns - 1)) : 0.0;
        if (int(position) != column) {
            flush();
            column = int(position);
        }
        if (isDrawable(ys[i], scales.y)) {
            (firstGap >= 0 ? after : before).add(i, ys[i]);
            trailingGap = -1;
        } else {
            if (firstGap < 0)
                firstGap = i;
            else if (trailingGap < 0 && !after.empty())
                trailingGap = i;
        }
    }
    flush();
    return out;
}

} // namespace Tandem::Plot
