// SPDX-License-Identifier: GPL-3.0-or-later
// The Kolmogorov–Smirnov distributions and the two-sample test against scipy 1.10.1:
// scipy.stats.kstwo.sf, scipy.special.smirnov and scipy.stats.ks_2samp.
#include "DriftTestSupport.h"

#include "core/drift/KolmogorovDistribution.h"
#include "core/drift/KolmogorovSmirnov.h"

#include <QTest>

using namespace Tandem::Drift;
using DriftFixtures::close;
using DriftFixtures::describe;
using DriftFixtures::sorted;

namespace {

struct DistributionCase {
    qint64 n;
    double d;
    double kstwoSf; // scipy.stats.kstwo.sf(d, n)
    double smirnov; // scipy.special.smirnov(n, d)
    const char *branch;
};

// One case per branch of the computation.
const DistributionCase distributionCases[] = {
    {1, 0.3, 1.0, 0.7, "n = 1"},
    {5, 0.09, 1.0, 0.8729576551, "n d <= 1/2"},
    {5, 0.15, 0.9988, 0.7376490625000001, "Ruben-Gambino below 1/n, n <= 140"},
    {400, 0.002, 1.0, 0.9955613501473178, "Ruben-Gambino below 1/n, n > 140"},
    {10, 0.95, 1.9531250000000172e-13, 9.765625000000086e-14, "Ruben-Gambino near 1"},
    {20, 0.6, 2.0483011649719853e-07, 1.0241505824859927e-07, "d >= 1/2"},
    {50, 0.1, 0.6623112704658186, 0.34490701996888, "Durbin matrix, n <= 140"},
    {50, 0.2, 0.03143877776953241, 0.01571942744940561, "Pomeranz"},
    {137, 0.08, 0.32699455355625384, 0.16420459795092837, "Pomeranz near n = 140"},
    {100, 0.3, 1.7719869892662917e-08, 8.859934946331458e-09, "Smirnov, n <= 140"},
    {1000, 0.02, 0.8108971656895577, 0.44342498843949424, "Durbin matrix, n > 140"},
    {1000, 0.04, 0.07933956059000224, 0.03967222345491756, "Pelz-Good"},
    {5000, 0.025, 0.0037948405200437306, 0.0018974202600218653, "Smirnov, upper tail"},
    {250000, 0.002, 0.26964259864783624, 0.13515495629803137, "Pelz-Good, n = 250000"},
    {250000, 0.003, 0.02217349052208376, 0.01108674526104188, "Smirnov, n = 250000"},
    {250000, 0.012, 1.0650742570684224e-31, 5.325371285342112e-32, "tiny p-value"},
    {90000, 0.0009, 0.9999995561964805, 0.8638123981597756, "Durbin matrix, n = 90000"},
    {3000, 0.4, 0.0, 0.0, "underflow"},
    {2000000, 0.001, 0.03660662431970485, 0.018303432023617325, "approximation above 10^6"},
};

/// scipy computes these in double-double or long double; ours agree to ~1e-12.
constexpr double distributionTolerance = 1e-10;
/// The p-values of ks_2samp: exact sums and the distributions above.
constexpr double ksTolerance = 1e-10;

} // namespace

class TestDriftKolmogorov : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void distributions_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(distributionCases)); ++i)
            QTest::newRow(distributionCases[i].branch) << i;
    }
    void distributions()
    {
        QFETCH(int, index);
        const DistributionCase &c = distributionCases[index];
        const double two = kolmogorovSf(c.n, c.d);
        QVERIFY2(close(two, c.kstwoSf, distributionTolerance), describe("kstwo.sf", two, c.kstwoSf));
        const double one = smirnovSf(c.n, c.d);
        QVERIFY2(close(one, c.smirnov, distributionTolerance), describe("smirnov", one, c.smirnov));
    }

    void distributionDomain()
    {
        QVERIFY(std::isnan(kolmogorovSf(0, 0.5)));
        QVERIFY(std::isnan(kolmogorovSf(10, std::nan(""))));
        QCOMPARE(kolmogorovSf(10, 0.0), 1.0);
        QCOMPARE(kolmogorovSf(10, 1.0), 0.0);
        QVERIFY(std::isnan(smirnovSf(10, 1.5)));
        QCOMPARE(smirnovSf(10, 0.0), 1.0);
    }

    // ks_2samp(a, b) and ks_2samp(a, b, method=...): statistic and p-value.
    void twoSample_data()
    {
        QTest::addColumn<std::vector<double>>("a");
        QTest::addColumn<std::vector<double>>("b");
        QTest::addColumn<int>("method");
        QTest::addColumn<double>("statistic");
        QTest::addColumn<double>("pValue");
        QTest::addColumn<int>("used");

        const int autoMethod = int(KsMethod::Auto);
        const int exact = int(KsMethod::Exact);
        const int asymptotic = int(KsMethod::Asymptotic);
        const auto u1 = DriftFixtures::fractions(12000, 0.6180339887498949);
        const auto u2 = DriftFixtures::fractions(15000, 0.41421356237309515, 1.05, 0.02);
        const auto u3 = DriftFixtures::fractions(12000, 0.7548776662466927, 1.0, 0.01);
        const std::vector<double> u1Head(u1.begin(), u1.begin() + 3000);
        const std::vector<double> u2Head(u2.begin(), u2.begin() + 3500);

        QTest::newRow("12 vs 15, exact (ties)") << DriftFixtures::sampleA << DriftFixtures::sampleB << autoMethod
                                                << 0.4666666666666667 << 0.07834531571239069 << exact;
        QTest::newRow("12 vs 15, asymptotic") << DriftFixtures::sampleA << DriftFixtures::sampleB << asymptotic
                                              << 0.4666666666666666 << 0.06458807009105183 << asymptotic;
        QTest::newRow("12 vs 12, exact (square)") << DriftFixtures::sampleA << DriftFixtures::sampleC << autoMethod
                                                  << 0.4166666666666667 << 0.2557751845677543 << exact;
        QTest::newRow("12 vs 12, asymptotic") << DriftFixtures::sampleA << DriftFixtures::sampleC << asymptotic
                                              << 0.41666666666666663 << 0.1862916881001373 << asymptotic;
        QTest::newRow("3000 vs 3500, exact")
            << u1Head << u2Head << autoMethod << 0.0668095238095238 << 1.031201845773815e-06 << exact;
        QTest::newRow("12000 vs 15000, auto is asymptotic")
            << u1 << u2 << autoMethod << 0.06681666666666675 << 2.5328345737405285e-26 << asymptotic;
        QTest::newRow("12000 vs 15000, exact")
            << u1 << u2 << exact << 0.06681666666666666 << 2.5810986985720945e-26 << exact;
        QTest::newRow("12000 vs 12000, auto")
            << u1 << u3 << autoMethod << 0.010250000000000092 << 0.5504963089326909 << asymptotic;
        QTest::newRow("12000 vs 12000, exact") << u1 << u3 << exact << 0.01025 << 0.5540167124166598 << exact;
    }
    void twoSample()
    {
        QFETCH(std::vector<double>, a);
        QFETCH(std::vector<double>, b);
        QFETCH(int, method);
        QFETCH(double, statistic);
        QFETCH(double, pValue);
        QFETCH(int, used);
        const KsResult result = ksTwoSample(sorted(a), sorted(b), KsMethod(method));
        QVERIFY2(close(result.statistic, statistic, 1e-14), describe("D", result.statistic, statistic));
        QVERIFY2(close(result.pValue, pValue, ksTolerance), describe("p", result.pValue, pValue));
        QCOMPARE(int(result.method), used);
        // The test is symmetric.
        const KsResult swapped = ksTwoSample(sorted(b), sorted(a), KsMethod(method));
        QCOMPARE(swapped.statistic, result.statistic);
        QVERIFY2(close(swapped.pValue, result.pValue, 1e-12), describe("swapped p", swapped.pValue, result.pValue));
    }

    void identicalAndDisjoint()
    {
        const auto a = sorted(DriftFixtures::sampleA);
        const KsResult same = ksTwoSample(a, a);
        QCOMPARE(same.statistic, 0.0);
        QCOMPARE(same.pValue, 1.0);
        std::vector<double> above = a;
        for (double &value : above)
            value += 100.0;
        const KsResult apart = ksTwoSample(a, above);
        QCOMPARE(apart.statistic, 1.0);
        // scipy: 2 / C(24, 12) = 7.396023010506791e-07.
        QVERIFY2(close(apart.pValue, 7.396023010506791e-07, ksTolerance),
            describe("p", apart.pValue, 7.396023010506791e-07));
    }

    void emptySample()
    {
        const KsResult result = ksTwoSample({}, sorted(DriftFixtures::sampleA));
        QVERIFY(std::isnan(result.statistic));
        QVERIFY(std::isnan(result.pValue));
    }
};

QTEST_APPLESS_MAIN(TestDriftKolmogorov)
#include "tst_drift_kolmogorov.moc"
