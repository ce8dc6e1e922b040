// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/plot/AxisScale.h"

#include <cstdint>
#include <span>
#include <vector>

/// Downsampling of x-sorted series before they reach a chart: a million points
/// become a few thousand that draw the same picture. Both methods return indices
/// into the input (ascending), so callers keep their own point types and the
/// values shown are always real data points.
///
/// Input contract: `xs` is finite and non-decreasing (callers sort once when the
/// data arrive); `xs` and `ys` have the same length. A point whose y cannot be
/// drawn (NaN or infinite; zero or negative on a log y axis) is a *gap*: lines
/// break there. The output keeps at most one index of each gap, only between two
/// drawable points, so a consumer splits its polyline at every index whose y is
/// not drawable. Points whose x a log axis cannot show (x <= 0) are left out.
namespace Tandem::Plot {

using IndexList = std::vector<std::int64_t>;

/// Half-open range [begin, end) of indices.
struct IndexRange {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::int64_t size() const { return end - begin; }
    friend bool operator==(const IndexRange &, const IndexRange &) = default;
};

/// The points to draw for the x-interval [xMin, xMax] of a sorted series: every
/// point inside plus one neighbour on each side, so lines run to the plot's edges.
IndexRange visibleRange(std::span<const double> xs, double xMin, double xMax);

/// Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and last
/// point and, from each of `threshold` - 2 equal-count buckets between them, the
/// point forming the largest triangle with the previously kept point and the
/// next bucket's average. Areas are measured in the axes' space (`scales`).
/// Returns every index when the series has at most `threshold` points.
/// With gaps, each gap-free stretch is downsampled on its own with a share of
/// `threshold` proportional to its length (at least its first and last point),
/// so the result holds at most `threshold` + 3 × (gaps + 1) indices.
IndexList largestTriangleThreeBuckets(
    std::span<const double> xs, std::span<const double> ys, std::int64_t threshold, Scales scales = {});

/// The pixel columns of a plot: [xMin, xMax] split into `columns` equal widths in
/// the x axis' space.
struct ColumnGrid {
    double xMin = 0.0;
    double xMax = 1.0;
    int columns = 1;
};

/// Min/max per pixel column over `range`: in each column the first, the last, the
/// lowest and the highest point, in index order, so the drawn envelope of a
/// column is exactly that of the full data and every extreme survives. Points
/// outside [xMin, xMax] count in the first or last column. A gap inside a column
/// splits it in two such groups around one gap index (narrower gaps after it in
/// the same column close: they are less than a pixel wide); at most 10 indices per
/// column. Returns every index of `range` when it holds at most 4 × columns points.
IndexList minMaxPerColumn(std::span<const double> xs, std::span<const double> ys, IndexRange range,
    const ColumnGrid &grid, Scales scales = {});

/// True when y at that point is drawable on `scale` (finite, and positive on a log axis).
inline bool isDrawable(double y, AxisScale scale)
{
    return std::isfinite(toAxisSpace(y, scale));
}

} // namespace Tandem::Plot
