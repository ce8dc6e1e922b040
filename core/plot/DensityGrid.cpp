// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/DensityGrid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Plot {

double DensityGrid::columnPosition(double x) const
{
    const double left = toAxisSpace(m_spec.xMin, m_spec.scales.x);
    const double right = toAxisSpace(m_spec.xMax, m_spec.scales.x);
    return (toAxisSpace(x, m_spec.scales.x) - left) / (right - left) * m_spec.columns;
}

double DensityGrid::rowPosition(double y) const
{
    const double bottom = toAxisSpace(m_spec.yMin, m_spec.scales.y);
    const double top = toAxisSpace(m_spec.yMax, m_spec.scales.y);
    return (toAxisSpace(y, m_spec.scales.y) - bottom) / (top - bottom) * m_spec.rows;
}

DensityGrid DensityGrid::build(
    std::span<const double> xs, std::span<const double> ys, const GridSpec &spec, PointIndex index)
{
    DensityGrid grid;
    grid.m_spec = spec;
    grid.m_spec.columns = std::max(spec.columns, 1);
    grid.m_spec.rows = std::max(spec.rows, 1);
    const std::size_t cells = std::size_t(grid.m_spec.columns) * std::size_t(grid.m_spec.rows);
    grid.m_counts.assign(cells, 0);

    // Two passes (count, then place) sort the points into cells without a copy per cell.
    const std::size_t n = std::min(xs.size(), ys.size());
    std::vector<std::int32_t> cellOfPoint(index == PointIndex::Build ? n : 0, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const double c = grid.columnPosition(xs[i]), r = grid.rowPosition(ys[i]);
        if (!(c >= 0.0 && r >= 0.0 && c <= grid.m_spec.columns && r <= grid.m_spec.rows))
            continue; // outside, NaN, or not on a log axis
        // The top and right edges belong to the last cell.
        const int column = std::min(int(c), grid.m_spec.columns - 1), row = std::min(int(r), grid.m_spec.rows - 1);
        const std::size_t cell = grid.cellOf(column, row);
        if (index == PointIndex::Build)
            cellOfPoint[i] = std::int32_t(cell);
        ++grid.m_counts[cell];
        ++grid.m_total;
    }
    for (std::size_t c = 0; c < cells; ++c)
        grid.m_maxCount = std::max(grid.m_maxCount, grid.m_counts[c]);
    if (index == PointIndex::None)
        return grid;

    grid.m_cellStart.assign(cells + 1, 0);
    for (std::size_t c = 0; c < cells; ++c)
        grid.m_cellStart[c + 1] = grid.m_cellStart[c] + grid.m_counts[c];
    grid.m_points.resize(std::size_t(grid.m_cellStart[cells]));
    std::vector<std::int64_t> next(grid.m_cellStart.begin(), grid.m_cellStart.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (cellOfPoint[i] >= 0)
            grid.m_points[std::size_t(next[std::size_t(cellOfPoint[i])]++)] = std::int64_t(i);
    }
    return grid;
}

std::span<const std::int64_t> DensityGrid::pointsIn(int column, int row) const
{
    if (!hasPointIndex())
        return {};
    const std::size_t cell = cellOf(column, row);
    return std::span<const std::int64_t>(m_points).subspan(
        std::size_t(m_cellStart[cell]), std::size_t(m_cellStart[cell + 1] - m_cellStart[cell]));
}

std::optional<std::pair<int, int>> DensityGrid::cellAt(double x, double y) const
{
    const double c = columnPosition(x), r = rowPosition(y);
    if (!(c >= 0.0 && r >= 0.0 && c <= m_spec.columns && r <= m_spec.rows))
        return std::nullopt;
    return std::pair {std::min(int(c), m_spec.columns - 1), std::min(int(r), m_spec.rows - 1)};
}

std::optional<std::int64_t> DensityGrid::nearest(
    std::span<const double> xs, std::span<const double> ys, double x, double y, int radiusCells) const
{
    if (!hasPointIndex())
        return std::nullopt;
    const double c = columnPosition(x), r = rowPosition(y);
    if (!std::isfinite(c) || !std::isfinite(r))
        return std::nullopt;
    const int centreColumn = int(std::floor(c)), centreRow = int(std::floor(r));
    std::optional<std::int64_t> best;
    double bestDistance = double(radiusCells) * double(radiusCells);
    for (int row = std::max(centreRow - radiusCells, 0); row <= std::min(centreRow + radiusCells, m_spec.rows - 1);
         ++row) {
        for (int column = std::max(centreColumn - radiusCells, 0);
             column <= std::min(centreColumn + radiusCells, m_spec.columns - 1); ++column) {
            for (std::int64_t index : pointsIn(column, row)) {
                const double dc = columnPosition(xs[std::size_t(index)]) - c;
                const double dr = rowPosition(ys[std::size_t(index)]) - r;
                const double distance = dc * dc + dr * dr;
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    best = index;
                }
            }
        }
    }
    return best;
}

} // namespace Tandem::Plot
