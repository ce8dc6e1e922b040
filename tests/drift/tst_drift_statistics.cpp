// SPDX-License-Identifier: GPL-3.0-or-later
// The distances and the chi-square test against scipy 1.10.1 / numpy 1.24:
// scipy.stats.wasserstein_distance, numpy.quantile bins with numpy.searchsorted,
// scipy.spatial.distance.jensenshannon(base=2), scipy.stats.chi2_contingency.
#include "DriftTestSupport.h"

#include "core/drift/CategoryCounts.h"
#include "core/drift/ChiSquareTest.h"
#include "core/drift/DriftTest.h"
#include "core/drift/JensenShannon.h"
#include "core/drift/PopulationStability.h"
#include "core/drift/QuantileBins.h"
#include "core/drift/SortedSample.h"
#include "core/drift/Wasserstein.h"

#include <QTest>

using namespace Tandem::Drift;
using DriftFixtures::close;
using DriftFixtures::describe;
using DriftFixtures::sorted;

namespace {

constexpr double tolerance = 1e-12;

std::vector<double> u1()
{
    return DriftFixtures::fractions(12000, 0.6180339887498949);
}
std::vector<double> u2()
{
    return DriftFixtures::fractions(15000, 0.41421356237309515, 1.05, 0.02);
}

// The PSI as the benchmark's numpy side computes it (and as documented):
//   edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
//   counts = np.bincount(np.searchsorted(edges, x, side="right"), minlength=len(edges) + 1)
//   shares of bins counted on either side, zeros replaced by 1e-4, sum((c - r) * log(c / r)).

} // namespace

class TestDriftStatistics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wasserstein()
    {
        const auto a = sorted(DriftFixtures::sampleA);
        const auto b = sorted(DriftFixtures::sampleB);
        QVERIFY2(close(wassersteinDistance(a, b), 1.0123333333333333, tolerance),
            describe("W1", wassersteinDistance(a, b), 1.0123333333333333));
        QVERIFY2(close(normalizedWasserstein(a, b), 0.8626735693302533, tolerance),
            describe("normalised", normalizedWasserstein(a, b), 0.8626735693302533));
        const auto large1 = sorted(u1());
        const auto large2 = sorted(u2());
        QVERIFY2(close(wassersteinDistance(large1, large2), 0.044992981292449705, 1e-11),
            describe("W1", wassersteinDistance(large1, large2), 0.044992981292449705));
        QVERIFY2(close(normalizedWasserstein(large1, large2), 0.15587235075828973, 1e-11),
            describe("normalised", normalizedWasserstein(large1, large2), 0.15587235075828973));
        // Symmetric, zero on itself, NaN without values.
        QCOMPARE(wassersteinDistance(b, a), wassersteinDistance(a, b));
        QCOMPARE(wassersteinDistance(a, a), 0.0);
        QVERIFY(std::isnan(wassersteinDistance({}, a)));
        // A constant reference is scaled by 0.001, not by 0.
        const std::vector<double> constant(5, 2.0);
        const std::vector<double> shifted(5, 2.5);
        QCOMPARE(normalizedWasserstein(constant, shifted), 0.5 / 0.001);
    }

    void quantileBins()
    {
        const auto a = sorted(DriftFixtures::sampleA);
        const auto b = sorted(DriftFixtures::sampleB);
        const std::vector<double> edges = quantileEdges(a, 10);
        const std::vector<double> expectedEdges = {-1.1199999999999999, -0.30999999999999994, 0.09499999999999997,
            0.25200000000000006, 0.47, 0.61, 0.8129999999999998, 1.0600000000000003, 1.6400000000000001};
        QCOMPARE(edges.size(), expectedEdges.size());
        for (std::size_t i = 0; i < edges.size(); ++i)
            QVERIFY2(close(edges[i], expectedEdges[i], 1e-15), describe("edge", edges[i], expectedEdges[i]));
        QCOMPARE(binCounts(a, edges), (std::vector<qint64> {2, 1, 1, 1, 1, 0, 2, 1, 1, 2}));
        QCOMPARE(binCounts(b, edges), (std::vector<qint64> {0, 0, 1, 0, 1, 0, 3, 2, 3, 5}));
        // Repeated quantiles make one edge.
        const std::vector<double> ties = {1, 1, 1, 1, 1, 1, 1, 2, 3, 4};
        const std::vector<double> tieEdges = quantileEdges(ties, 10);
        const std::vector<double> expectedTieEdges = {1.0, 1.3, 2.2, 3.1};
        QCOMPARE(tieEdges.size(), expectedTieEdges.size());
        for (std::size_t i = 0; i < tieEdges.size(); ++i)
            QVERIFY2(
                close(tieEdges[i], expectedTieEdges[i], 1e-15), describe("edge", tieEdges[i], expectedTieEdges[i]));
        QVERIFY(quantileEdges({}, 10).empty());
    }

    void populationStability()
    {
        const auto a = sorted(DriftFixtures::sampleA);
        const auto b = sorted(DriftFixtures::sampleB);
        auto edges = quantileEdges(a, 10);
        QVERIFY2(
            close(populationStabilityIndex(binCounts(a, edges), binCounts(b, edges)), 2.609927060505177, tolerance),
            describe("psi", populationStabilityIndex(binCounts(a, edges), binCounts(b, edges)), 2.609927060505177));
        const auto large1 = sorted(u1());
        const auto large2 = sorted(u2());
        edges = quantileEdges(large1, 10);
        QCOMPARE(binCounts(large2, edges),
            (std::vector<qint64> {1143, 1429, 1429, 1428, 1430, 1427, 1428, 1428, 1430, 2428}));
        const double psi = populationStabilityIndex(binCounts(large1, edges), binCounts(large2, edges));
        QVERIFY2(close(psi, 0.03812043345226821, tolerance), describe("psi", psi, 0.03812043345226821));
        // Categories, one of them new (its reference share 0 counts as 1e-4).
        const std::vector<qint64> reference = {50, 30, 15, 5, 0};
        const std::vector<qint64> current = {40, 35, 10, 9, 6};
        QVERIFY2(close(populationStabilityIndex(reference, current), 0.456982697471724, tolerance),
            describe("psi", populationStabilityIndex(reference, current), 0.456982697471724));
        QCOMPARE(populationStabilityIndex(reference, reference), 0.0);
        QVERIFY(std::isnan(populationStabilityIndex(reference, std::vector<qint64>(5, 0))));
    }

    void jensenShannon()
    {
        const auto a = sorted(DriftFixtures::sampleA);
        const auto b = sorted(DriftFixtures::sampleB);
        auto edges = quantileEdges(a, 10);
        const double small = jensenShannonDistance(binCounts(a, edges), binCounts(b, edges));
        QVERIFY2(close(small, 0.45997588314698445, tolerance), describe("js", small, 0.45997588314698445));
        const auto large1 = sorted(u1());
        const auto large2 = sorted(u2());
        edges = quantileEdges(large1, 10);
        const double large = jensenShannonDistance(binCounts(large1, edges), binCounts(large2, edges));
        QVERIFY2(close(large, 0.08258072561221345, tolerance), describe("js", large, 0.08258072561221345));
        const std::vector<qint64> reference = {50, 30, 15, 5, 0};
        const std::vector<qint64> current = {40, 35, 10, 9, 6};
        QVERIFY2(close(jensenShannonDistance(reference, current), 0.20788340417508452, tolerance),
            describe("js", jensenShannonDistance(reference, current), 0.20788340417508452));
        QCOMPARE(jensenShannonDistance(reference, reference), 0.0);
        // Disjoint supports are 1 apart in base 2.
        QVERIFY(close(jensenShannonDistance(std::vector<qint64> {3, 0}, std::vector<qint64> {0, 7}), 1.0, 1e-15));
    }

    void chiSquare()
    {
        // chi2_contingency([[50, 30, 15, 5], [40, 35, 10, 9]], correction=False)
        ChiSquareResult result
            = chiSquareHomogeneity(std::vector<qint64> {50, 30, 15, 5}, std::vector<qint64> {40, 35, 10, 9});
        QVERIFY2(close(result.statistic, 3.456322708024837, tolerance),
            describe("chi2", result.statistic, 3.456322708024837));
        QCOMPARE(result.degreesOfFreedom, qint64(3));
        QVERIFY2(close(result.pValue, 0.3264712575474729, tolerance), describe("p", result.pValue, 0.3264712575474729));
        // A category only in the current data; one in neither is left out.
        result = chiSquareHomogeneity(
            std::vector<qint64> {50, 30, 0, 15, 5, 0}, std::vector<qint64> {40, 35, 0, 10, 9, 6});
        QVERIFY2(close(result.statistic, 9.638583638583638, tolerance),
            describe("chi2", result.statistic, 9.638583638583638));
        QCOMPARE(result.degreesOfFreedom, qint64(4));
        QVERIFY2(
            close(result.pValue, 0.04697624429950578, tolerance), describe("p", result.pValue, 0.04697624429950578));
        // 2 x 2, no Yates correction.
        result = chiSquareHomogeneity(std::vector<qint64> {30, 70}, std::vector<qint64> {45, 55});
        QVERIFY2(close(result.statistic, 4.8, tolerance), describe("chi2", result.statistic, 4.8));
        QVERIFY2(
            close(result.pValue, 0.028459736916310638, tolerance), describe("p", result.pValue, 0.028459736916310638));
        // One category: nothing to test.
        result = chiSquareHomogeneity(std::vector<qint64> {5}, std::vector<qint64> {9});
        QCOMPARE(result.statistic, 0.0);
        QCOMPARE(result.pValue, 1.0);
        QVERIFY(std::isnan(chiSquareHomogeneity(std::vector<qint64> {0, 0}, std::vector<qint64> {1, 2}).pValue));
    }

    void sortedSamples()
    {
        std::vector<double> values = {3.0, std::nan(""), 1.0, std::numeric_limits<double>::infinity(), 2.0, 1.0};
        Tandem::Data::MissingMask missing;
        missing.setMissing(4);
        const auto column = Tandem::Data::Column::numeric(QStringLiteral("x"), values, missing);
        const SortedSample sample = sortedSample(column);
        QCOMPARE(sample.values, (std::vector<double> {1.0, 1.0, 3.0}));
        QCOMPARE(sample.missing, qint64(3)); // the masked cell, NaN and infinity
        const auto integers = Tandem::Data::Column::integer(QStringLiteral("n"), {5, -2, 7});
        QCOMPARE(sortedSample(integers).values, (std::vector<double> {-2.0, 5.0, 7.0}));
        // Large columns take the radix sort: the same order as std::sort, signs,
        // zeros, subnormals and extremes included.
        std::vector<double> many = DriftFixtures::fractions(10000, 0.6180339887498949, 2e6, -1e6);
        many.insert(
            many.end(), {0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, -1.5, -1.5, 3.0});
        const SortedSample large = sortedSample(Tandem::Data::Column::numeric(QStringLiteral("big"), many));
        QCOMPARE(large.values.size(), many.size());
        std::sort(many.begin(), many.end());
        for (std::size_t i = 0; i < many.size(); ++i)
            QVERIFY2(large.values[i] == many[i], qPrintable(QString::number(i)));
        QCOMPARE(distinctValuesUpTo(sample.values, std::vector<double> {2.0, 3.0, 4.0}, 10), qint64(4));
        QCOMPARE(distinctValuesUpTo(sample.values, std::vector<double> {2.0, 3.0, 4.0}, 2), qint64(3));
    }

    void categoryCounts()
    {
        using Tandem::Data::Column;
        Tandem::Data::MissingMask missing;
        missing.setMissing(1);
        const Column reference = Column::categorical(QStringLiteral("c"), {0, -1, 1, 0, 2, 0},
            {QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("unused")},
            missing);
        // Another file, another dictionary order; "violet" is new.
        const Column current = Column::text(QStringLiteral("c"),
            QStringList {
                QStringLiteral("blue"), QStringLiteral("violet"), QStringLiteral("red"), QStringLiteral("violet")});
        const CategoryCounts counts = countCategories(reference, current);
        QCOMPARE(counts.labels,
            (QStringList {
                QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("violet")}));
        QCOMPARE(counts.reference, (std::vector<qint64> {3, 1, 1, 0}));
        QCOMPARE(counts.current, (std::vector<qint64> {1, 0, 1, 2}));
        QCOMPARE(counts.newLabels(), QStringList {QStringLiteral("violet")});
        QCOMPARE(counts.currentInNewLabels(), qint64(2));

        const Column flags = Column::boolean(QStringLiteral("b"), {1, 0, 1});
        const CategoryCounts booleans = countCategories(flags, flags);
        QCOMPARE(booleans.labels, (QStringList {QStringLiteral("false"), QStringLiteral("true")}));
        QCOMPARE(booleans.reference, (std::vector<qint64> {1, 2}));

        const CategoryCounts numbers
            = countCategories(std::vector<double> {1.0, 1.0, 2.5}, std::vector<double> {2.5, 4.0});
        QCOMPARE(numbers.labels, (QStringList {QStringLiteral("1"), QStringLiteral("2.5"), QStringLiteral("4")}));
        QCOMPARE(numbers.reference, (std::vector<qint64> {2, 1, 0}));
        QCOMPARE(numbers.current, (std::vector<qint64> {0, 1, 1}));
    }

    void testsAndDefaults()
    {
        QCOMPARE(driftTestNames(),
            (QStringList {QStringLiteral("ks"), QStringLiteral("wasserstein"), QStringLiteral("psi"),
                QStringLiteral("jensenshannon"), QStringLiteral("chisquare"), QStringLiteral("anderson")}));
        for (const DriftTest test : allDriftTests())
            QCOMPARE(driftTestFromName(driftTestName(test).toUpper()), test);
        QVERIFY(!driftTestFromName(QStringLiteral("t-test")).has_value());
        QCOMPARE(defaultThreshold(DriftTest::KolmogorovSmirnov), 0.05);
        QCOMPARE(defaultThreshold(DriftTest::Wasserstein), 0.1);
        // p-values drift below the threshold, distances at or above it.
        QVERIFY(isDrifted(DriftTest::ChiSquare, 0.049, 0.05));
        QVERIFY(!isDrifted(DriftTest::ChiSquare, 0.05, 0.05));
        QVERIFY(isDrifted(DriftTest::PopulationStability, 0.1, 0.1));
        QVERIFY(!isDrifted(DriftTest::JensenShannon, std::nan(""), 0.1));
        QVERIFY(!appliesTo(DriftTest::KolmogorovSmirnov, FeatureKind::Categorical));
        QVERIFY(!appliesTo(DriftTest::ChiSquare, FeatureKind::Numeric));
        QVERIFY(appliesTo(DriftTest::PopulationStability, FeatureKind::Categorical));

        const DefaultTestRule rule;
        QCOMPARE(rule.choose(FeatureKind::Numeric, 1000), DriftTest::KolmogorovSmirnov);
        QCOMPARE(rule.choose(FeatureKind::Numeric, 1001), DriftTest::Wasserstein);
        QCOMPARE(rule.choose(FeatureKind::Categorical, 1000), DriftTest::ChiSquare);
        QCOMPARE(rule.choose(FeatureKind::Categorical, 1001), DriftTest::JensenShannon);
    }
};

QTEST_APPLESS_MAIN(TestDriftStatistics)
#include "tst_drift_statistics.moc"
