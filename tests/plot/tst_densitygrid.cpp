// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/DensityGrid.h"

#include <QTest>

#include <limits>
#include <random>

using namespace Tandem::Plot;

class TestDensityGrid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsPointsPerCell()
    {
        // A 2 x 2 grid over [0, 2] x [0, 2]; the top and right edges belong to the last cells.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> xs {0.5, 1.5, 1.5, 2.0, 0.1, 3.0, nan, 0.5};
        const std::vector<double> ys {0.5, 0.5, 1.5, 2.0, 1.9, 1.0, 1.0, -0.1};
        const DensityGrid grid = DensityGrid::build(xs, ys, {0.0, 2.0, 0.0, 2.0, 2, 2, {}});
        QCOMPARE(grid.count(0, 0), 1u);
        QCOMPARE(grid.count(1, 0), 1u);
        QCOMPARE(grid.count(1, 1), 2u);
        QCOMPARE(grid.count(0, 1), 1u);
        QCOMPARE(grid.total(), std::int64_t(5)); // outside, NaN and below are left out
        QCOMPARE(grid.maxCount(), 2u);
        const auto topRight = grid.pointsIn(1, 1);
        QCOMPARE(std::vector<std::int64_t>(topRight.begin(), topRight.end()), (std::vector<std::int64_t> {2, 3}));
        QCOMPARE(grid.cellAt(0.2, 1.2), (std::optional<std::pair<int, int>>({0, 1})));
        QVERIFY(!grid.cellAt(2.5, 1.0));

        // Counts alone: the same counts, no points to look up.
        const DensityGrid counts
            = DensityGrid::build(xs, ys, {0.0, 2.0, 0.0, 2.0, 2, 2, {}}, DensityGrid::PointIndex::None);
        QVERIFY(!counts.hasPointIndex());
        QCOMPARE(counts.count(1, 1), 2u);
        QCOMPARE(counts.total(), std::int64_t(5));
        QCOMPARE(counts.maxCount(), 2u);
        QVERIFY(counts.pointsIn(1, 1).empty());
        QVERIFY(!counts.nearest(xs, ys, 1.5, 1.5, 2));
    }

    void logAxesBinByRatio()
    {
        const std::vector<double> xs {1.0, 9.0, 10.0, 99.0, 0.0};
        const std::vector<double> ys {1.0, 1.0, 1.0, 1.0, 1.0};
        const DensityGrid grid
            = DensityGrid::build(xs, ys, {1.0, 100.0, 0.0, 2.0, 2, 1, {AxisScale::Log10, AxisScale::Linear}});
        QCOMPARE(grid.count(0, 0), 2u);
        QCOMPARE(grid.count(1, 0), 2u);
        QCOMPARE(grid.total(), std::int64_t(4));
    }

    void nearestMatchesBruteForce()
    {
        std::mt19937 random(7);
        std::normal_distribution<double> normal(0.0, 1.0);
        std::vector<double> xs(200000), ys(200000);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            xs[i] = normal(random);
            ys[i] = 10.0 * normal(random);
        }
        const GridSpec spec {-4.0, 4.0, -40.0, 40.0, 400, 300, {}};
        const DensityGrid grid = DensityGrid::build(xs, ys, spec);
        for (const auto &[qx, qy] : {std::pair {0.0, 0.0}, {1.23, -7.7}, {-3.1, 25.0}, {3.9, 39.0}}) {
            // Distances in cell units: x over 8/400, y over 80/300.
            const double cx = 8.0 / 400, cy = 80.0 / 300;
            std::int64_t best = -1;
            double bestDistance = 9.0; // radius 3 cells
            for (std::size_t i = 0; i < xs.size(); ++i) {
                if (xs[i] < spec.xMin || xs[i] > spec.xMax || ys[i] < spec.yMin || ys[i] > spec.yMax)
                    continue;
                const double dx = (xs[i] - qx) / cx, dy = (ys[i] - qy) / cy;
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = std::int64_t(i);
                }
            }
            const auto found = grid.nearest(xs, ys, qx, qy, 3);
            QCOMPARE(found.value_or(-1), best);
        }
    }
};

QTEST_APPLESS_MAIN(TestDensityGrid)
#include "tst_densitygrid.moc"
