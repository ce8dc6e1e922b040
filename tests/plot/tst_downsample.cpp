// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/Downsample.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

using namespace Tandem::Plot;

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> iota(std::size_t n)
{
    std::vector<double> xs(n);
    std::iota(xs.begin(), xs.end(), 0.0);
    return xs;
}

IndexList all(std::int64_t n)
{
    IndexList indices(std::size_t(n), 0);
    std::iota(indices.begin(), indices.end(), std::int64_t(0));
    return indices;
}

/// A noisy random walk with a few spikes: extremes that a naive stride would miss.
std::vector<double> walk(std::size_t n, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    std::vector<double> ys(n);
    double y = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        y += step(random);
        ys[i] = y;
    }
    ys[n / 3] += 500.0;
    ys[n / 2] -= 500.0;
    return ys;
}

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void visibleRangeKeepsOneNeighbourEachSide()
    {
        const std::vector<double> xs = iota(10);
        QCOMPARE(visibleRange(xs, 2.5, 6.5), (IndexRange {2, 8}));
        QCOMPARE(visibleRange(xs, 6.5, 2.5), (IndexRange {2, 8}));
        QCOMPARE(visibleRange(xs, 3.0, 6.0), (IndexRange {2, 8}));
        QCOMPARE(visibleRange(xs, -5.0, 100.0), (IndexRange {0, 10}));
        QCOMPARE(visibleRange(xs, 20.0, 30.0), (IndexRange {9, 10}));
    }

    void lttbHandCheckedCase()
    {
        // Worked by hand (and by the reference algorithm): buckets {1,2}, {3,4,5}, {6,7,8}.
        const std::vector<double> xs = iota(10);
        const std::vector<double> ys {0, 1, 5, 2, 2, 8, 3, 0, 4, 1};
        QCOMPARE(largestTriangleThreeBuckets(xs, ys, 5), (IndexList {0, 2, 5, 7, 9}));
    }

    void lttbIsIdentityWhenSmall()
    {
        const std::vector<double> xs = iota(50), ys = walk(50, 1);
        QCOMPARE(largestTriangleThreeBuckets(xs, ys, 50), all(50));
        QCOMPARE(largestTriangleThreeBuckets(xs, ys, 500), all(50));
    }

    void lttbIsBoundedAndKeepsEnds()
    {
        const std::size_t n = 200000;
        const std::vector<double> xs = iota(n), ys = walk(n, 2);
        for (std::int64_t threshold : {3, 10, 1000, 4000}) {
            const IndexList kept = largestTriangleThreeBuckets(xs, ys, threshold);
            QCOMPARE(std::int64_t(kept.size()), threshold);
            QCOMPARE(kept.front(), std::int64_t(0));
            QCOMPARE(kept.back(), std::int64_t(n - 1));
            QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        }
        // Spikes far above the noise form the largest triangles of their buckets.
        const IndexList kept = largestTriangleThreeBuckets(xs, ys, 1000);
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::int64_t(n / 3)));
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::int64_t(n / 2)));
    }

    void lttbBreaksAtGaps()
    {
        const std::size_t n = 10000;
        const std::vector<double> xs = iota(n);
        std::vector<double> ys = walk(n, 3);
        for (std::size_t i = 4000; i < 4010; ++i)
            ys[i] = NaN;
        ys[7000] = std::numeric_limits<double>::infinity();
        const IndexList kept = largestTriangleThreeBuckets(xs, ys, 100);
        QVERIFY(kept.size() <= 100 + 3 * 3);
        QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        // One index of each gap, each between the ends of the stretches around it.
        IndexList gaps;
        for (std::int64_t i : kept) {
            if (!std::isfinite(ys[std::size_t(i)]))
                gaps.push_back(i);
        }
        QCOMPARE(gaps, (IndexList {4000, 7000}));
        for (std::int64_t end : {0, 3999, 4010, 6999, 7001, int(n) - 1})
            QVERIFY2(std::binary_search(kept.begin(), kept.end(), std::int64_t(end)), qPrintable(QString::number(end)));
    }

    void lttbLeavesOutNonPositiveOnLogAxes()
    {
        const std::vector<double> xs {-1, 0, 1, 2, 3};
        const std::vector<double> ys {1, 1, 1, 0, 4};
        QCOMPARE(largestTriangleThreeBuckets(xs, ys, 10, {AxisScale::Log10, AxisScale::Linear}), (IndexList {2, 3, 4}));
        // y = 0 is a gap on a log y axis; a gap at the end is not written.
        QCOMPARE(largestTriangleThreeBuckets(xs, ys, 10, {AxisScale::Linear, AxisScale::Log10}),
            (IndexList {0, 1, 2, 3, 4}));
        const std::vector<double> tail {1, 1, 1, 4, 0};
        QCOMPARE(
            largestTriangleThreeBuckets(xs, tail, 10, {AxisScale::Linear, AxisScale::Log10}), (IndexList {0, 1, 2, 3}));
    }

    void minMaxHandCheckedCase()
    {
        const std::vector<double> xs = iota(12);
        // Columns of [0, 11] in two: x 0..5 and x 6..11.
        std::vector<double> ys {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
        QCOMPARE(minMaxPerColumn(xs, ys, {0, 12}, {0.0, 11.0, 2}), (IndexList {0, 1, 5, 6, 11}));
        // A gap in the second column: its two sides each keep their first, last and extremes.
        ys[8] = NaN;
        QCOMPARE(minMaxPerColumn(xs, ys, {0, 12}, {0.0, 11.0, 2}), (IndexList {0, 1, 5, 6, 7, 8, 9, 11}));
    }

    void minMaxIsIdentityWhenSmall()
    {
        const std::vector<double> xs = iota(40), ys = walk(40, 4);
        QCOMPARE(minMaxPerColumn(xs, ys, {0, 40}, {0.0, 39.0, 10}), all(40));
        // Gaps stay as one index each, never first or last.
        const std::vector<double> gappy {NaN, 1, NaN, NaN, 2, NaN};
        QCOMPARE(minMaxPerColumn(iota(6), gappy, {0, 6}, {0.0, 5.0, 10}), (IndexList {1, 2, 4}));
    }

    void minMaxKeepsEveryColumnsExtremes()
    {
        const std::size_t n = 1000000;
        const int columns = 777;
        const std::vector<double> xs = iota(n);
        std::vector<double> ys = walk(n, 5);
        for (std::size_t i = 123456; i < 123470; ++i)
            ys[i] = NaN;
        const double xMin = 1000.0, xMax = 900000.0;
        const IndexRange range = visibleRange(xs, xMin, xMax);
        const IndexList kept = minMaxPerColumn(xs, ys, range, {xMin, xMax, columns});
        QVERIFY(kept.size() <= std::size_t(10 * columns));
        QVERIFY(std::adjacent_find(kept.begin(), kept.end(), std::greater_equal<>()) == kept.end());
        QCOMPARE(kept.front(), range.begin);
        QCOMPARE(kept.back(), range.end - 1);

        // Brute force: the lowest and highest y of every column are kept.
        std::vector<double> low(columns, std::numeric_limits<double>::infinity()), high(columns, -low[0]);
        const auto columnOf = [&](std::int64_t i) {
            return std::clamp(int(std::floor((xs[std::size_t(i)] - xMin) / (xMax - xMin) * columns)), 0, columns - 1);
        };
        for (std::int64_t i = range.begin; i < range.end; ++i) {
            const double y = ys[std::size_t(i)];
            if (std::isfinite(y)) {
                low[std::size_t(columnOf(i))] = std::min(low[std::size_t(columnOf(i))], y);
                high[std::size_t(columnOf(i))] = std::max(high[std::size_t(columnOf(i))], y);
            }
        }
        std::vector<double> keptLow(columns, std::numeric_limits<double>::infinity()), keptHigh(columns, -keptLow[0]);
        int gaps = 0;
        for (std::int64_t i : kept) {
            const double y = ys[std::size_t(i)];
            if (!std::isfinite(y)) {
                ++gaps;
                continue;
            }
            keptLow[std::size_t(columnOf(i))] = std::min(keptLow[std::size_t(columnOf(i))], y);
            keptHigh[std::size_t(columnOf(i))] = std::max(keptHigh[std::size_t(columnOf(i))], y);
        }
        QCOMPARE(keptLow, low);
        QCOMPARE(keptHigh, high);
        QCOMPARE(gaps, 1);
        // The spikes are the global extremes.
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::int64_t(n / 3)));
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::int64_t(n / 2)));
    }

    void minMaxOnLogAxisUsesLogColumns()
    {
        // x = 1..1000 on a log axis in 3 columns: decades [1,10), [10,100), [100,1000].
        std::vector<double> xs, ys;
        for (int i = 1; i <= 1000; ++i) {
            xs.push_back(i);
            ys.push_back(i % 7);
        }
        const IndexList kept
            = minMaxPerColumn(xs, ys, {0, 1000}, {1.0, 1000.0, 3}, {AxisScale::Log10, AxisScale::Linear});
        // First decade: x 1..9 (indices 0..8): first 0 (y 1), lowest 6 (x 7, y 0), highest 5 (x 6, y 6), last 8.
        QCOMPARE(IndexList(kept.begin(), kept.begin() + 4), (IndexList {0, 5, 6, 8}));
        QVERIFY(kept.size() <= 12);
    }
};

QTEST_APPLESS_MAIN(TestDownsample)
#include "tst_downsample.moc"
