// SPDX-License-Identifier: GPL-3.0-or-later
// The Anderson–Darling k-sample test (midrank) against
// scipy.stats.anderson_ksamp([a, b], midrank=True) of scipy 1.10.1: the statistic
// and the interpolated significance level, its caps, ties, and the test as a drift
// test of a feature.
#include "DriftTestSupport.h"

#include "core/drift/AndersonDarling.h"
#include "core/drift/FeatureDrift.h"

#include <QTest>

#include <cmath>

using namespace Tandem::Drift;
using DriftFixtures::close;
using DriftFixtures::describe;
using DriftFixtures::fractions;
using DriftFixtures::sorted;

namespace {

std::vector<double> powered(std::vector<double> values, double exponent)
{
    for (double &value : values)
        value = std::pow(value, exponent);
    return values;
}

/// i % modulus * step for i = 1..n: integers with many ties.
std::vector<double> residues(int n, int step, int modulus)
{
    std::vector<double> values;
    for (int i = 1; i <= n; ++i)
        values.push_back(double((i * step) % modulus));
    return values;
}

} // namespace

class TestAndersonDarling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void againstScipy_data()
    {
        QTest::addColumn<std::vector<double>>("a");
        QTest::addColumn<std::vector<double>>("b");
        QTest::addColumn<double>("statistic");
        QTest::addColumn<double>("pValue");
        // a = np.fmod(np.arange(1, 51) * 0.6180339887498949, 1.0)
        // b = np.fmod(np.arange(1, 41) * 0.41421356237309515, 1.0) * 1.1 + 0.08
        const std::vector<double> a = fractions(50, 0.6180339887498949);
        const std::vector<double> b = fractions(40, 0.41421356237309515, 1.1, 0.08);
        QTest::newRow("interpolated") << a << b << 1.5504821773098427 << 0.07447740630449226;
        // (np.arange(1, 61) % 7), (np.arange(1, 46) * 3 % 9): ties within and across.
        QTest::newRow("ties") << residues(60, 1, 7) << residues(45, 3, 9) << 2.6975323282322132 << 0.025602319944312737;
        // b + 0.8: far apart, floored at 0.001.
        std::vector<double> shifted = b;
        for (double &value : shifted)
            value += 0.8;
        QTest::newRow("floored") << a << shifted << 43.980022109960075 << 0.001;
        // The same sample twice: capped at 0.25.
        QTest::newRow("capped") << a << a << -1.3382446802628123 << 0.25;
        // 2,000 and 1,500 values, the second bent by a power of 1.09.
        QTest::newRow("larger") << fractions(2000, 0.6180339887498949)
                                << powered(fractions(1500, 0.7548776662466927), 1.09) << 2.1762405176170234
                                << 0.041348166904652935;
        QTest::newRow("four values") << std::vector<double> {1.0, 2.0} << std::vector<double> {3.0, 2.5}
                                     << 1.5427784316797186 << 0.07502559142197437;
    }
    void againstScipy()
    {
        QFETCH(std::vector<double>, a);
        QFETCH(std::vector<double>, b);
        QFETCH(double, statistic);
        QFETCH(double, pValue);
        const AndersonDarlingResult result = andersonDarlingTwoSample(sorted(a), sorted(b));
        QVERIFY2(close(result.statistic, statistic, 1e-10), describe("statistic", result.statistic, statistic));
        QVERIFY2(close(result.pValue, pValue, 1e-10), describe("p-value", result.pValue, pValue));
        // The test is symmetric in its samples.
        const AndersonDarlingResult swapped = andersonDarlingTwoSample(sorted(b), sorted(a));
        QVERIFY(close(swapped.statistic, result.statistic, 1e-12));
    }

    void undefined()
    {
        const std::vector<double> some {1.0, 2.0, 3.0};
        QVERIFY(std::isnan(andersonDarlingTwoSample(some, {}).pValue));
        QVERIFY(std::isnan(
            andersonDarlingTwoSample(std::vector<double> {2.0, 2.0}, std::vector<double> {2.0, 2.0}).statistic));
        QVERIFY(std::isnan(andersonDarlingTwoSample(std::vector<double> {1.0}, std::vector<double> {2.0, 3.0}).pValue));
    }

    // As a feature's test: chosen by name, numeric only, a p-value below 0.05 drifts.
    void asADriftTest()
    {
        QCOMPARE(driftTestFromName(QStringLiteral("anderson")), std::optional(DriftTest::AndersonDarling));
        QCOMPARE(driftTestFromName(QStringLiteral("anderson_darling")), std::optional(DriftTest::AndersonDarling));
        QVERIFY(isPValue(DriftTest::AndersonDarling));
        QCOMPARE(defaultThreshold(DriftTest::AndersonDarling), 0.05);
        QVERIFY(!appliesTo(DriftTest::AndersonDarling, FeatureKind::Categorical));

        const auto reference = Tandem::Data::Column::numeric(QStringLiteral("x"), fractions(2000, 0.6180339887498949));
        const auto current
            = Tandem::Data::Column::numeric(QStringLiteral("x"), powered(fractions(1500, 0.7548776662466927), 1.09));
        FeatureDriftOptions options;
        options.choice.test = DriftTest::AndersonDarling;
        const auto drift = featureDrift(reference, current, options);
        QVERIFY2(drift.ok(), qPrintable(drift.error().toString()));
        QCOMPARE(drift->outcome.test, DriftTest::AndersonDarling);
        QVERIFY(close(drift->outcome.score, 0.041348166904652935, 1e-10));
        QVERIFY(close(drift->outcome.statistic, 2.1762405176170234, 1e-10));
        QVERIFY(drift->outcome.drifted);

        const auto categorical = Tandem::Data::Column::text(QStringLiteral("c"), QStringList {QStringLiteral("a")});
        QVERIFY(!checkChoice(QStringLiteral("c"), categorical.type(), options.choice).ok());
    }
};

QTEST_GUILESS_MAIN(TestAndersonDarling)
#include "tst_drift_anderson.moc"
