// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/FeatureBinning.h"

#include "core/base/SeededRandom.h"
#include "core/learn/FitContext.h"
#include "core/learn/optim/RowBlocks.h"

#include <QDataStream>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace Tandem::Learn {
namespace {

/// Quantile edges come from at most this many rows (as HistGradientBoosting).
constexpr Eigen::Index maxSubsampleRows = 200000;
/// Integer-valued columns spanning at most this many values are counted, not sorted.
constexpr double maxCountedSpan = 65536;

/// The distinct values of a column (increasing) and how often each occurs.
struct DistinctValues {
    std::vector<double> values;
    std::vector<Eigen::Index> counts;
};

DistinctValues distinctValues(std::vector<double> &column)
{
    DistinctValues distinct;
    if (column.empty())
        return distinct;
    const auto [lowest, highest] = std::minmax_element(column.begin(), column.end());
    const double low = *lowest, span = *highest - *lowest;
    const bool integral = span < maxCountedSpan
        && std::all_of(column.begin(), column.end(), [](double v) { return v == std::floor(v); });
    if (integral) {
        // Pixels, counts and codes: a counting pass instead of a sort.
        std::vector<Eigen::Index> tally(size_t(span) + 1, 0);
        for (const double v : column)
            ++tally[size_t(v - low)];
        for (size_t k = 0; k < tally.size(); ++k) {
            if (tally[k] > 0) {
                distinct.values.push_back(low + double(k));
                distinct.counts.push_back(tally[k]);
            }
        }
        return distinct;
    }
    std::sort(column.begin(), column.end());
    for (const double v : column) {
        if (!distinct.values.empty() && distinct.values.back() == v) {
            ++distinct.counts.back();
        } else {
            distinct.values.push_back(v);
            distinct.counts.push_back(1);
        }
    }
    return distinct;
}

/// scikit-learn's CART threshold between two consecutive values.
double midpoint(double below, double above)
{
    double threshold = below / 2.0 + above / 2.0;
    if (threshold == above || std::isinf(threshold))
        threshold = below;
    return threshold;
}

/// numpy.percentile(..., method="midpoint") of the values described by `distinct`
/// (cumulative: running totals of its counts), for each of the given percentiles.
std::vector<double> midpointPercentiles(const DistinctValues &distinct, int maxBins)
{
    std::vector<Eigen::Index> cumulative(distinct.counts.size());
    std::partial_sum(distinct.counts.begin(), distinct.counts.end(), cumulative.begin());
    const Eigen::Index total = cumulative.back();
    // The value at sorted position `index` (0-based).
    const auto valueAt = [&](Eigen::Index index) {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), index);
        return distinct.values[size_t(it - cumulative.begin())];
    };
    std::vector<double> edges;
    edges.reserve(size_t(maxBins - 1));
    for (int k = 1; k < maxBins; ++k) {
        const double position = double(k) / double(maxBins) * double(total - 1);
        const auto below = Eigen::Index(std::floor(position));
        const auto above = Eigen::Index(std::ceil(position));
        const double a = valueAt(below), b = valueAt(above);
        // numpy's lerp at t = 0.5 (b - (b - a) * 0.5), 0 on whole positions.
        edges.push_back(below == above ? a : b - (b - a) * 0.5);
    }
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    return edges;
}

/// binOf() for a whole numeric column, fast: a table for whole numbers near the
/// edges (pixels, counts), else a uniform grid over the edges' range that gives
/// the first edge of the value's cell, then a branch-free binary search over the
/// few edges sharing that cell. Same results as std::lower_bound on the edges:
/// the cell of a value is monotone in it, so edges in earlier cells are below the
/// value and edges in later cells above it.
class NumericLookup
{
public:
    explicit NumericLookup(const std::vector<double> &thresholds)
    {
        // Padded with +infinity: a window may reach past the last edge.
        m_padded.assign(thresholds.size() + 256, std::numeric_limits<double>::infinity());
        std::copy(thresholds.begin(), thresholds.end(), m_padded.begin());
        if (thresholds.empty())
            return;
        const double span = thresholds.back() - thresholds.front();
        const double scale = double(gridCells) / span;
        m_gridLow = thresholds.front();
        m_gridScale = std::isfinite(scale) ? scale : 0.0;
        std::vector<int> perCell(m_gridScale > 0.0 ? size_t(gridCells) : 1, 0);
        for (const double t : thresholds)
            ++perCell[size_t(cellOf(t))];
        m_cellStart.resize(perCell.size());
        int before = 0, most = 0;
        for (size_t c = 0; c < perCell.size(); ++c) {
            m_cellStart[c] = BinCode(before);
            before += perCell[c];
            most = std::max(most, perCell[c]);
        }
        while (m_window <= most)
            m_window *= 2;

        const double low = std::floor(thresholds.front()), high = std::ceil(thresholds.back());
        if (high - low + 1 > double(maxTableSize))
            return;
        m_tableStart = low;
        m_table.resize(size_t(high - low + 1));
        for (size_t k = 0; k < m_table.size(); ++k)
            m_table[k] = search(low + double(k));
    }

    BinCode binOf(double value) const
    {
        const double offset = value - m_tableStart;
        if (offset >= 0.0 && offset < double(m_table.size())) {
            const auto index = size_t(offset);
            if (double(index) == offset)
                return m_table[index];
        }
        return std::isnan(value) ? missingBin : search(value);
    }

private:
    static constexpr int maxTableSize = 4096;
    /// About eight cells per edge: quantile edges rarely share a cell.
    static constexpr int gridCells = 2048;

    /// Not NaN.
    int cellOf(double value) const
    {
        if (m_gridScale == 0.0)
            return 0;
        return int(std::clamp((value - m_gridLow) * m_gridScale, 0.0, double(gridCells - 1)));
    }

    /// The number of edges below `value`: those of earlier cells, plus those of
    /// its cell below it (at most m_window - 1 of them).
    BinCode search(double value) const
    {
        if (m_cellStart.empty())
            return 0;
        int position = m_cellStart[size_t(cellOf(value))];
        for (int step = m_window / 2; step > 0; step >>= 1)
            position += m_padded[size_t(position + step - 1)] < value ? step : 0;
        return BinCode(position);
    }

    std::vector<double> m_padded;
    std::vector<BinCode> m_cellStart;
    double m_gridLow = 0.0;
    double m_gridScale = 0.0;
    int m_window = 1;
    std::vector<BinCode> m_table;
    double m_tableStart = 0.0;
};

} // namespace

FeatureBinning::Feature FeatureBinning::fitNumeric(std::vector<double> &column, int maxBins)
{
    Feature feature;
    DistinctValues distinct = distinctValues(column);
    if (distinct.values.size() <= size_t(maxBins)) {
        for (size_t k = 1; k < distinct.values.size(); ++k)
            feature.thresholds.push_back(midpoint(distinct.values[k - 1], distinct.values[k]));
        feature.values = std::move(distinct.values);
    } else {
        feature.thresholds = midpointPercentiles(distinct, maxBins);
    }
    feature.binCount = int(feature.thresholds.size()) + 1;
    return feature;
}

Base::Result<FeatureBinning> FeatureBinning::fit(const Matrix &X, const std::vector<int> &categoryCounts, int maxBins,
    quint64 seed, int threads, const std::function<bool()> &stopRequested)
{
    if (maxBins < 2 || maxBins > maxValueBins)
        return Base::Error(
            QStringLiteral("the number of bins must be in 2..%1, got %2").arg(maxValueBins).arg(maxBins));
    if (!categoryCounts.empty() && categoryCounts.size() != size_t(X.cols()))
        return Base::Error(
            QStringLiteral("%1 category counts given for %2 features").arg(categoryCounts.size()).arg(X.cols()));

    std::vector<Eigen::Index> sampleRows;
    if (X.rows() > maxSubsampleRows) {
        // A partial Fisher–Yates shuffle picks the rows; sorted for cache-friendly reads.
        std::vector<Eigen::Index> all(size_t(X.rows()));
        std::iota(all.begin(), all.end(), Eigen::Index(0));
        Base::SeededRandom random(seed);
        for (size_t i = 0; i < size_t(maxSubsampleRows); ++i)
            std::swap(all[i], all[i + size_t(random.bounded(all.size() - i))]);
        sampleRows.assign(all.begin(), all.begin() + maxSubsampleRows);
        std::sort(sampleRows.begin(), sampleRows.end());
    }

    FeatureBinning binning;
    binning.m_features.resize(size_t(X.cols()));
    const auto fitFeature = [&](Eigen::Index f) {
        Feature &feature = binning.m_features[size_t(f)];
        const int categories = categoryCounts.empty() ? 0 : categoryCounts[size_t(f)];
        if (categories > 0 && categories <= maxBins) {
            feature.categorical = true;
            feature.binCount = categories;
            return;
        }
        std::vector<double> column;
        column.reserve(size_t(sampleRows.empty() ? X.rows() : maxSubsampleRows));
        const auto take = [&](Eigen::Index row) {
            if (const double v = X(row, f); !std::isnan(v))
                column.push_back(v);
        };
        if (sampleRows.empty()) {
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                take(i);
        } else {
            for (const Eigen::Index i : sampleRows)
                take(i);
        }
        feature = fitNumeric(column, maxBins);
    };
    if (!Optim::forEachBlock(threads, X.cols(), fitFeature, stopRequested))
        return Base::Error(FitContext::stoppedMessage());
    return binning;
}

double FeatureBinning::threshold(int feature, int bin) const
{
    const Feature &f = m_features[size_t(feature)];
    if (f.categorical)
        return double(bin) + 0.5;
    return f.thresholds[size_t(bin)];
}

double FeatureBinning::splitThreshold(int feature, int leftBin, int rightBin) const
{
    if (hasExactBins(feature))
        return midpoint(binValue(feature, leftBin), binValue(feature, rightBin));
    return threshold(feature, leftBin);
}

BinCode FeatureBinning::binOf(int feature, double value) const
{
    const Feature &f = m_features[size_t(feature)];
    if (std::isnan(value))
        return missingBin;
    if (f.categorical) {
        if (value < 0 || value >= double(f.binCount))
            return missingBin;
        return BinCode(value);
    }
    return BinCode(std::lower_bound(f.thresholds.begin(), f.thresholds.end(), value) - f.thresholds.begin());
}

BinnedMatrix FeatureBinning::transform(const Matrix &X, int threads, const std::function<bool()> &stopRequested) const
{
    BinnedMatrix binned;
    binned.rows = X.rows();
    binned.cols = X.cols();
    binned.codes.resize(size_t(X.rows() * X.cols()));
    const auto binFeature = [&](Eigen::Index f) {
        BinCode *codes = binned.codes.data() + f * X.rows();
        const double *column = X.col(f).data();
        const Feature &feature = m_features[size_t(f)];
        if (feature.categorical) {
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                codes[i] = binOf(int(f), column[i]);
            return;
        }
        const NumericLookup lookup(feature.thresholds);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            codes[i] = lookup.binOf(column[i]);
    };
    Optim::forEachBlock(threads, X.cols(), binFeature, stopRequested);
    return binned;
}

void FeatureBinning::writeState(QDataStream &out) const
{
    const auto writeDoubles = [&out](const std::vector<double> &values) {
        out << quint32(values.size());
        for (const double v : values)
            out << v;
    };
    out << quint32(m_features.size());
    for (const Feature &f : m_features) {
        out << f.categorical << qint32(f.binCount);
        writeDoubles(f.thresholds);
        writeDoubles(f.values);
    }
}

Base::Status FeatureBinning::readState(QDataStream &in)
{
    const auto damaged = [] { return Base::Error(QStringLiteral("the model file is truncated or damaged (binning)")); };
    const auto readDoubles = [&in](std::vector<double> &values) {
        quint32 size = 0;
        in >> size;
        if (in.status() != QDataStream::Ok || size > quint32(maxValueBins)
            || !BinaryFormat::holds(in, qint64(size), sizeof(double)))
            return false;
        values.resize(size);
        for (double &v : values)
            in >> v;
        return in.status() == QDataStream::Ok;
    };
    quint32 count = 0;
    in >> count;
    // Each feature takes at least a bool, a bin count and two sizes.
    if (in.status() != QDataStream::Ok || qint64(count) > BinaryFormat::maxStoredElements
        || !BinaryFormat::holds(in, qint64(count), 1 + 4 + 4 + 4))
        return damaged();
    std::vector<Feature> features(count);
    for (Feature &f : features) {
        qint32 bins = 0;
        in >> f.categorical >> bins;
        f.binCount = bins;
        if (!readDoubles(f.thresholds) || !readDoubles(f.values) || bins < 1 || bins > maxValueBins)
            return damaged();
        const bool consistent = f.categorical
            ? f.thresholds.empty() && f.values.empty()
            : f.thresholds.size() + 1 == size_t(bins) && (f.values.empty() || f.values.size() == size_t(bins));
        // The lookup that bins values relies on finite thresholds in increasing order, as fit makes them.
        const bool ordered
            = std::all_of(f.thresholds.begin(), f.thresholds.end(), [](double t) { return std::isfinite(t); })
            && std::adjacent_find(f.thresholds.begin(), f.thresholds.end(), std::greater_equal<double>())
                == f.thresholds.end();
        if (!consistent || !ordered)
            return damaged();
    }
    m_features = std::move(features);
    return {};
}

} // namespace Tandem::Learn
