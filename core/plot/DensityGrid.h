// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/plot/AxisScale.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace Tandem::Plot {

/// The rectangle of a plot split into cells, in the axes' own space.
struct GridSpec {
    double xMin = 0.0, xMax = 1.0;
    double yMin = 0.0, yMax = 1.0;
    int columns = 1;
    int rows = 1;
    Scales scales;
};

/// A scatter of many points as counts per cell (a 2-D histogram over the visible
/// rectangle), for drawing a density where single markers would be too many to
/// draw or to see. It also sorts the points into their cells, so the point
/// nearest to the mouse is found by looking at a few cells instead of all points.
/// Row 0 is the bottom row (lowest y), column 0 the leftmost.
class DensityGrid
{
public:
    /// Whether build() also sorts the points into their cells (for pointsIn and
    /// nearest; costs a pass and 12 bytes per point).
    enum class PointIndex { None, Build };

    DensityGrid() = default;

    /// Counts the points of (xs, ys) inside `spec`; points outside it, with a
    /// non-finite coordinate, or not positive on a log axis are not counted.
    static DensityGrid build(std::span<const double> xs, std::span<const double> ys, const GridSpec &spec,
        PointIndex index = PointIndex::Build);
    bool hasPointIndex() const { return !m_cellStart.empty(); }

    const GridSpec &spec() const { return m_spec; }
    std::uint32_t count(int column, int row) const { return m_counts[cellOf(column, row)]; }
    std::uint32_t maxCount() const { return m_maxCount; }
    /// Points counted over all cells.
    std::int64_t total() const { return m_total; }
    /// Indices of the points in one cell (empty without a point index).
    std::span<const std::int64_t> pointsIn(int column, int row) const;

    /// The cell holding (x, y) in data units, if inside the grid.
    std::optional<std::pair<int, int>> cellAt(double x, double y) const;

    /// The counted point nearest to (x, y) (data units), distance measured in cell
    /// widths and heights (so in screen terms when cells are square pixels),
    /// searching at most `radiusCells` cells away; nullopt when none is that near
    /// (always without a point index).
    std::optional<std::int64_t> nearest(
        std::span<const double> xs, std::span<const double> ys, double x, double y, int radiusCells) const;

private:
    std::size_t cellOf(int column, int row) const { return std::size_t(row) * std::size_t(m_spec.columns) + column; }
    /// Position in cell units (fractional), NaN when not drawable.
    double columnPosition(double x) const;
    double rowPosition(double y) const;

    GridSpec m_spec;
    std::vector<std::uint32_t> m_counts;
    std::vector<std::int64_t> m_cellStart; // m_points[m_cellStart[c] .. m_cellStart[c + 1]) are in cell c
    std::vector<std::int64_t> m_points;
    std::uint32_t m_maxCount = 0;
    std::int64_t m_total = 0;
};

} // namespace Tandem::Plot
