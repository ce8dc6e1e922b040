// SPDX-License-Identifier: GPL-3.0-or-later
// Significance tests against scipy 1.10.1: the corrected resampled t-test (statistic
// with numpy, p with scipy.stats.t.sf), McNemar (scipy.stats.binomtest and chi2.sf),
// Friedman (scipy.stats.friedmanchisquare, f.sf), Nemenyi (studentized_range with
// df = inf). Reference values computed once with /usr/bin/python3, kept as numbers.
#include "EvalTestSupport.h"

#include "core/eval/CorrectedTTest.h"
#include "core/eval/FriedmanTest.h"
#include "core/eval/McNemarTest.h"
#include "core/eval/WinTieLoss.h"

using namespace Tandem::Eval;

namespace {

/// The statistics are a few operations on the inputs; the p-values carry the
/// distributions' ~1e-14 and scipy's studentized range's ~1e-12.
constexpr double tolerance = 1e-10;

#define SIG_COMPARE(actual, expected)                                                                                  \
    do {                                                                                                               \
        const double a_ = (actual);                                                                                    \
        const double e_ = (expected);                                                                                  \
        QVERIFY2(EvalTest::close(a_, e_, tolerance), EvalTest::describe(#actual, a_, e_).constData());                 \
    } while (false)

/// Accuracy of two models on the same 10 folds.
const QList<double> tenFoldsA {0.9333, 0.9600, 0.9467, 0.9733, 0.9200, 0.9600, 0.9867, 0.9333, 0.9467, 0.9600};
const QList<double> tenFoldsB {0.9200, 0.9467, 0.9600, 0.9467, 0.9067, 0.9333, 0.9733, 0.9333, 0.9200, 0.9467};

/// A table shaped like Demšar's (2006) Table 6: 14 datasets × 4 models, AUC, with
/// ties (the dataset where every model scores 1, two that tie two models).
Eigen::MatrixXd fourteenByFour()
{
    Eigen::MatrixXd scores(14, 4);
    scores << 0.763, 0.768, 0.771, 0.798, //
        0.599, 0.591, 0.590, 0.569, //
        0.954, 0.971, 0.968, 0.967, //
        0.628, 0.661, 0.654, 0.657, //
        0.882, 0.888, 0.886, 0.898, //
        0.936, 0.931, 0.916, 0.931, //
        0.661, 0.668, 0.609, 0.685, //
        0.583, 0.583, 0.563, 0.625, //
        0.775, 0.838, 0.866, 0.875, //
        1.000, 1.000, 1.000, 1.000, //
        0.940, 0.962, 0.965, 0.962, //
        0.619, 0.666, 0.614, 0.669, //
        0.972, 0.981, 0.975, 0.975, //
        0.957, 0.978, 0.946, 0.970;
    return scores;
}

/// 6 datasets × 5 models, a loss (lower is better), no ties.
Eigen::MatrixXd sixByFiveLosses()
{
    Eigen::MatrixXd scores(6, 5);
    scores << 0.31, 0.29, 0.35, 0.40, 0.28, //
        0.22, 0.25, 0.27, 0.30, 0.21, //
        0.45, 0.41, 0.47, 0.52, 0.43, //
        0.12, 0.14, 0.13, 0.19, 0.11, //
        0.36, 0.33, 0.39, 0.44, 0.34, //
        0.28, 0.26, 0.31, 0.35, 0.27;
    return scores;
}

} // namespace

class TestSignificance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void correctedTTest_data()
    {
        QTest::addColumn<QList<double>>("first");
        QTest::addColumn<QList<double>>("second");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("meanDifference");
        QTest::addColumn<double>("stdDifference");
        QTest::addColumn<double>("statistic");
        QTest::addColumn<double>("df");
        QTest::addColumn<double>("pValue");

        QTest::newRow("10-fold") << tenFoldsA << tenFoldsB << kFoldTestTrainRatio(10) << 0.013329999999999998
                                 << 0.012563001233781668 << 2.309304496754104 << 9.0 << 0.04628916373055296;
        // 2-fold repeated 5 times: n_test/n_train = 1.
        QTest::newRow("5x2") << QList<double> {0.81, 0.79, 0.83, 0.80, 0.78, 0.82, 0.80, 0.81, 0.79, 0.84}
                             << QList<double> {0.78, 0.80, 0.79, 0.77, 0.76, 0.80, 0.79, 0.78, 0.77, 0.80}
                             << kFoldTestTrainRatio(2) << 0.022999999999999986 << 0.014944341180973252
                             << 1.4674209647039413 << 9.0 << 0.17631735155679587;
        // 5-fold repeated 3 times, an error measure.
        QTest::newRow("5-fold x3") << QList<double> {3.10, 2.95, 3.40, 3.05, 3.22, 3.01, 3.18, 3.30, 2.99, 3.12, 3.25,
            3.08, 3.15, 2.97, 3.20}
                                   << QList<double> {3.05, 2.99, 3.31, 3.07, 3.10, 3.02, 3.20, 3.21, 2.95, 3.14, 3.19,
                                          3.01, 3.16, 2.90, 3.18}
                                   << kFoldTestTrainRatio(5) << 0.032666666666666684 << 0.05035114790387704
                                   << 1.152906982998916 << 14.0 << 0.26825397041691357;
        // Without the correction it is scipy.stats.ttest_rel, which finds a difference
        // the corrected test does not trust as much.
        QTest::newRow("uncorrected") << tenFoldsA << tenFoldsB << 0.0 << 0.013329999999999998 << 0.012563001233781668
                                     << 3.355341643738397 << 9.0 << 0.008451483645361376;
    }

    void correctedTTest()
    {
        QFETCH(QList<double>, first);
        QFETCH(QList<double>, second);
        QFETCH(double, ratio);
        QFETCH(double, meanDifference);
        QFETCH(double, stdDifference);
        QFETCH(double, statistic);
        QFETCH(double, df);
        QFETCH(double, pValue);
        const auto result = correctedResampledTTest(first, second, ratio);
        EVAL_REQUIRE_OK(result);
        QCOMPARE(result->pairs, first.size());
        SIG_COMPARE(result->meanDifference, meanDifference);
        SIG_COMPARE(result->stdDifference, stdDifference);
        SIG_COMPARE(result->statistic, statistic);
        QCOMPARE(result->degreesOfFreedom, df);
        SIG_COMPARE(result->pValue, pValue);
        // Swapping the runs flips the sign, not the p-value.
        const auto swapped = correctedResampledTTest(second, first, ratio);
        EVAL_REQUIRE_OK(swapped);
        SIG_COMPARE(swapped->statistic, -statistic);
        SIG_COMPARE(swapped->pValue, pValue);
    }

    void correctedTTestEdges()
    {
        QCOMPARE(kFoldTestTrainRatio(5), 0.25);
        QVERIFY(std::isnan(kFoldTestTrainRatio(1)));
        // A fold without a score (an undefined ROC AUC) leaves the pair out.
        QList<double> withGap = tenFoldsA;
        withGap[3] = std::nan("");
        const auto gap = correctedResampledTTest(withGap, tenFoldsB, kFoldTestTrainRatio(10));
        EVAL_REQUIRE_OK(gap);
        QCOMPARE(gap->pairs, 9);
        QCOMPARE(gap->degreesOfFreedom, 8.0);
        // Identical scores: no evidence of a difference.
        const auto same = correctedResampledTTest(tenFoldsA, tenFoldsA, 0.25);
        EVAL_REQUIRE_OK(same);
        QCOMPARE(same->statistic, 0.0);
        QCOMPARE(same->pValue, 1.0);
        // The same gain on every fold.
        QList<double> shifted;
        for (double value : tenFoldsA)
            shifted.append(value - 0.015625);
        const auto constant = correctedResampledTTest(tenFoldsA, shifted, 0.25);
        EVAL_REQUIRE_OK(constant);
        QVERIFY(std::isinf(constant->statistic) && constant->statistic > 0.0);
        QCOMPARE(constant->pValue, 0.0);

        const auto lengths = correctedResampledTTest({0.1, 0.2, 0.3}, {0.1, 0.2}, 0.5);
        QVERIFY(!lengths.ok());
        QVERIFY2(lengths.error().message.contains(QStringLiteral("3 and 2")), qPrintable(lengths.error().message));
        const auto single = correctedResampledTTest({0.1, std::nan("")}, {0.2, 0.3}, 0.5);
        QVERIFY(!single.ok());
        QVERIFY2(single.error().message.contains(QStringLiteral("at least two")), qPrintable(single.error().message));
        QVERIFY(!correctedResampledTTest(tenFoldsA, tenFoldsB, -1.0).ok());
    }

    void mcnemar_data()
    {
        QTest::addColumn<qint64>("b");
        QTest::addColumn<qint64>("c");
        QTest::addColumn<double>("exactP");
        QTest::addColumn<double>("chiSquare");
        QTest::addColumn<double>("chiSquareP");
        QTest::newRow("3,12") << qint64(3) << qint64(12) << 0.03515625 << 4.266666666666667 << 0.03886710381241731;
        QTest::newRow("0,5") << qint64(0) << qint64(5) << 0.0625 << 3.2 << 0.07363827012030258;
        QTest::newRow("7,7") << qint64(7) << qint64(7) << 1.0 << 0.07142857142857142 << 0.7892680261342813;
        QTest::newRow("12,12") << qint64(12) << qint64(12) << 1.0 << 0.041666666666666664 << 0.8382564863858263;
        QTest::newRow("1,23") << qint64(1) << qint64(23) << 2.9802322387695312e-06 << 18.375 << 1.814227956331882e-05;
        QTest::newRow("30,15") << qint64(30) << qint64(15) << 0.035697803555194696 << 4.355555555555555
                               << 0.036888425707049914;
        QTest::newRow("40,41") << qint64(40) << qint64(41) << 1.0 << 0.0 << 1.0;
        QTest::newRow("100,60") << qint64(100) << qint64(60) << 0.001953728034064355 << 9.50625 << 0.002047732153668759;
        QTest::newRow("25,0") << qint64(25) << qint64(0) << 5.960464477539063e-08 << 23.04 << 1.5866563039511885e-06;
    }

    void mcnemar()
    {
        QFETCH(qint64, b);
        QFETCH(qint64, c);
        QFETCH(double, exactP);
        QFETCH(double, chiSquare);
        QFETCH(double, chiSquareP);
        const McNemarResult exact = mcnemarExactTest(b, c);
        QCOMPARE(exact.method, McNemarMethod::ExactBinomial);
        QCOMPARE(exact.statistic, double(std::min(b, c)));
        SIG_COMPARE(exact.pValue, exactP);
        const McNemarResult approximate = mcnemarChiSquareTest(b, c);
        QCOMPARE(approximate.method, McNemarMethod::ChiSquareCorrected);
        SIG_COMPARE(approximate.statistic, chiSquare);
        SIG_COMPARE(approximate.pValue, chiSquareP);
        // The automatic choice: exact below 25 discordant rows.
        const McNemarResult chosen = mcnemarTest(b, c);
        QCOMPARE(chosen.method, b + c < 25 ? McNemarMethod::ExactBinomial : McNemarMethod::ChiSquareCorrected);
        QCOMPARE(chosen.pValue, b + c < 25 ? exact.pValue : approximate.pValue);
        QCOMPARE(chosen.onlyFirstCorrect, b);
        QCOMPARE(chosen.onlySecondCorrect, c);
    }

    void mcnemarWithoutDisagreement()
    {
        QCOMPARE(mcnemarTest(0, 0).pValue, 1.0);
        QCOMPARE(mcnemarChiSquareTest(0, 0).pValue, 1.0);
        QVERIFY(std::isnan(mcnemarTest(-1, 3).pValue));
    }

    void ranks()
    {
        Eigen::MatrixXd scores(2, 4);
        scores << 0.9, 0.8, 0.9, 0.7, //
            0.5, std::nan(""), 0.5, 0.5;
        const Eigen::MatrixXd higher = rankWithinRows(scores, true);
        QCOMPARE(higher(0, 0), 1.5);
        QCOMPARE(higher(0, 1), 3.0);
        QCOMPARE(higher(0, 2), 1.5);
        QCOMPARE(higher(0, 3), 4.0);
        QCOMPARE(higher(1, 0), 2.0);
        QVERIFY(std::isnan(higher(1, 1)));
        const Eigen::MatrixXd lower = rankWithinRows(scores, false);
        QCOMPARE(lower(0, 3), 1.0);
        QCOMPARE(lower(0, 1), 2.0);
        QCOMPARE(lower(0, 0), 3.5);
    }

    // Ties in rows: scipy's tie-corrected statistic.
    void friedmanWithTies()
    {
        const auto result = friedmanTest(fourteenByFour(), true);
        EVAL_REQUIRE_OK(result);
        QCOMPARE(result->datasets, 14);
        QCOMPARE(result->models, 4);
        EVAL_COMPARE_VECTORS(
            result->averageRanks, Eigen::Vector4d(3.142857142857143, 2.0, 2.9285714285714284, 1.9285714285714286));
        SIG_COMPARE(result->chiSquare, 10.952380952380956);
        SIG_COMPARE(result->chiSquarePValue, 0.011986176325417788);
        SIG_COMPARE(result->imanDavenport, 4.585889570552149);
        SIG_COMPARE(result->imanDavenportPValue, 0.007628838730725733);
    }

    void nemenyiWithTies()
    {
        const auto friedman = friedmanTest(fourteenByFour(), true);
        EVAL_REQUIRE_OK(friedman);
        const auto at05 = nemenyiTest(friedman->averageRanks, 14, 0.05);
        EVAL_REQUIRE_OK(at05);
        SIG_COMPARE(at05->qAlpha, 2.569031772546482);
        SIG_COMPARE(at05->criticalDifference, 1.2535591471176057);
        const double expected[4][4] = {{1.0, 0.08867270928888271, 0.9716864713022134, 0.06168325891240056},
            {0.08867270928888271, 1.0, 0.22669688602641525, 0.9988823439818528},
            {0.9716864713022134, 0.22669688602641525, 1.0, 0.17005163566434356},
            {0.06168325891240056, 0.9988823439818528, 0.17005163566434356, 1.0}};
        for (int i = 0; i < 4; ++i) {
            for (int j = 0; j < 4; ++j)
                SIG_COMPARE(at05->pValues(i, j), expected[i][j]);
        }
        // At 0.05 the ranks span 1.21 < CD: one line over all four, best first.
        QCOMPARE(at05->groups, QList<QList<int>>({{3, 1, 2, 0}}));
        QVERIFY(!at05->differ(0, 3));

        // At 0.10 CD = 1.118: model 0 (rank 3.14) differs from 3 and 1 (1.93, 2.00).
        const auto at10 = nemenyiTest(friedman->averageRanks, 14, 0.10);
        EVAL_REQUIRE_OK(at10);
        SIG_COMPARE(at10->qAlpha, 2.2913414968880566);
        SIG_COMPARE(at10->criticalDifference, 1.1180601669815278);
        QCOMPARE(at10->groups, QList<QList<int>>({{3, 1, 2}, {2, 0}}));
        QVERIFY(at10->differ(0, 3) && at10->differ(0, 1) && !at10->differ(0, 2) && !at10->differ(1, 3));
    }

    void friedmanAndNemenyiOnLosses()
    {
        const auto friedman = friedmanTest(sixByFiveLosses(), false);
        EVAL_REQUIRE_OK(friedman);
        Eigen::VectorXd ranks(5);
        ranks << 2.6666666666666665, 2.0, 3.8333333333333335, 5.0, 1.5;
        EVAL_COMPARE_VECTORS(friedman->averageRanks, ranks);
        SIG_COMPARE(friedman->chiSquare, 19.33333333333333);
        SIG_COMPARE(friedman->chiSquarePValue, 0.0006758475314619707);
        SIG_COMPARE(friedman->imanDavenport, 20.714285714285687);
        SIG_COMPARE(friedman->imanDavenportPValue, 6.996333316301397e-07);

        const auto nemenyi = nemenyiTest(friedman->averageRanks, 6, 0.05);
        EVAL_REQUIRE_OK(nemenyi);
        SIG_COMPARE(nemenyi->criticalDifference, 2.490105924516947);
        const double upper[] = {0.9495099579462872, 0.7048094108968719, 0.07871935254183215, 0.7048094108968722,
            0.26185819565021906, 0.008987365203960151, 0.9822460311764949, 0.7048094108968722, 0.07871935254183215,
            0.001190634908643906};
        int at = 0;
        for (int i = 0; i < 5; ++i) {
            for (int j = i + 1; j < 5; ++j)
                SIG_COMPARE(nemenyi->pValues(i, j), upper[at++]);
        }
        QCOMPARE(nemenyi->groups, QList<QList<int>>({{4, 1, 0, 2}, {0, 2, 3}}));
    }

    void friedmanEdges()
    {
        Eigen::MatrixXd allTied = Eigen::MatrixXd::Constant(3, 3, 0.5);
        const auto tied = friedmanTest(allTied, true);
        EVAL_REQUIRE_OK(tied);
        QCOMPARE(tied->chiSquare, 0.0);
        QCOMPARE(tied->chiSquarePValue, 1.0);
        // Every dataset ranks the models alike: F_F is infinite.
        Eigen::MatrixXd agree(3, 3);
        agree << 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.95, 0.85, 0.75;
        const auto unanimous = friedmanTest(agree, true);
        EVAL_REQUIRE_OK(unanimous);
        QCOMPARE(unanimous->chiSquare, 6.0);
        QVERIFY(std::isinf(unanimous->imanDavenport));
        QCOMPARE(unanimous->imanDavenportPValue, 0.0);

        QVERIFY(!friedmanTest(Eigen::MatrixXd::Ones(1, 3), true).ok());
        Eigen::MatrixXd gap = agree;
        gap(1, 2) = std::nan("");
        const auto missing = friedmanTest(gap, true);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("model 3 has none on dataset 2")),
            qPrintable(missing.error().message));
        QVERIFY(!nemenyiTest(Eigen::VectorXd::Ones(1), 5).ok());
        QVERIFY(!nemenyiTest(Eigen::VectorXd::Ones(3), 5, 1.5).ok());
    }

    void winTieLoss()
    {
        // Model 0 beats 1 (significantly), ties 2; 1 and 2 were not compared.
        const QList<PairwiseTest> tests {{0, 1, 0.02, 0.01}, {2, 0, 0.01, 0.30}};
        const WinTieLossMatrix higher(3, tests, 0.05, true);
        QCOMPARE(higher.size(), 3);
        QCOMPARE(higher.cell(0, 1).outcome, PairOutcome::Win);
        QCOMPARE(higher.cell(1, 0).outcome, PairOutcome::Loss);
        QCOMPARE(higher.cell(1, 0).meanDifference, -0.02);
        QCOMPARE(higher.cell(1, 0).pValue, 0.01);
        QCOMPARE(higher.cell(0, 2).outcome, PairOutcome::Tie);
        QCOMPARE(higher.cell(1, 2).outcome, PairOutcome::NotCompared);
        QCOMPARE(higher.cell(0, 0).outcome, PairOutcome::NotCompared);
        const WinTieLossMatrix::Totals first = higher.totals(0);
        QCOMPARE(first.wins, 1);
        QCOMPARE(first.ties, 1);
        QCOMPARE(first.losses, 0);
        const WinTieLossMatrix::Totals second = higher.totals(1);
        QCOMPARE(second.losses, 1);
        QCOMPARE(second.notCompared, 1);
        // For a loss, a positive difference is worse.
        const WinTieLossMatrix lower(3, tests, 0.05, false);
        QCOMPARE(lower.cell(0, 1).outcome, PairOutcome::Loss);
        // A stricter level turns the win into a tie.
        QCOMPARE(WinTieLossMatrix(3, tests, 0.01, true).cell(0, 1).outcome, PairOutcome::Tie);
        QCOMPARE(pairOutcomeName(PairOutcome::Win), QStringLiteral("win"));
    }
};

QTEST_GUILESS_MAIN(TestSignificance)
#include "tst_eval_significance.moc"
