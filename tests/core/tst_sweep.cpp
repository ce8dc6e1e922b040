// SPDX-License-Identifier: GPL-3.0-or-later
// Runs::expandSweep and Runs::HalvingPlan: grid order and spacing (log honoured),
// seeded random draws (uniform, log-uniform, integers, choices), duplicates,
// refused sizes, and the successive-halving schedule and survivor rule.
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "core/runs/Sweep.h"
#include "core/runs/SweepHalving.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Tandem;
using Runs::HalvingPlan;
using Runs::HalvingRung;
using Runs::SweepConfiguration;
using Runs::SweepSpec;

Q_DECLARE_METATYPE(QList<HalvingRung>)

namespace {

QList<Learn::ParamSpec> specsOf(const char *model)
{
    const Learn::ModelInfo *info = Learn::Registry::instance().find(QString::fromUtf8(model));
    if (!info)
        qFatal("no model %s", model);
    return info->create()->params();
}

SweepSpec sweepOf(const char *model, const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    auto sweep = SweepSpec::fromJson(document.object(), specsOf(model));
    if (!sweep.ok())
        qFatal("%s", qPrintable(sweep.error().message));
    return sweep.value();
}

QList<SweepConfiguration> expand(const char *model, const char *json, const Learn::ParamValues &base = {})
{
    auto configurations = Runs::expandSweep(sweepOf(model, json), specsOf(model), base);
    if (!configurations.ok())
        qFatal("%s", qPrintable(configurations.error().message));
    return configurations.value();
}

QList<QVariant> column(const QList<SweepConfiguration> &configurations, const char *name)
{
    QList<QVariant> values;
    for (const SweepConfiguration &c : configurations)
        values << c.params.value(QString::fromUtf8(name));
    return values;
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridIsTheCartesianProductLastParameterFastest()
    {
        const auto configurations
            = expand("logreg", R"({"method": "grid", "params": {"penalty": ["l2", "l1"], "C": [0.1, 1]}})",
                {{QStringLiteral("max_iter"), qint64(300)}, {QStringLiteral("C"), 5.0}});
        QCOMPARE(configurations.size(), 4);
        // ParamSpec order (C before penalty), whatever the JSON order.
        QCOMPARE(column(configurations, "C"), (QList<QVariant> {0.1, 0.1, 1.0, 1.0}));
        QCOMPARE(column(configurations, "penalty"),
            (QList<QVariant> {QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1")}));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(configurations[i].index, i);
            // Fixed values kept, defaults filled in, swept values replace the fixed ones.
            QCOMPARE(configurations[i].params.value(QStringLiteral("max_iter")), QVariant(qint64(300)));
            QCOMPARE(configurations[i].params.value(QStringLiteral("tol")), QVariant(1e-4));
            QCOMPARE(configurations[i].swept.size(), 2);
        }
        QCOMPARE(Runs::describeConfiguration(configurations[1].swept), QStringLiteral("C=0.1, penalty=l1"));
    }

    void gridRangesAreSpacedLinearlyOrGeometrically()
    {
        // C is log-scale in its ParamSpec: decades.
        const auto logGrid
            = expand("logreg", R"({"method": "grid", "params": {"C": {"min": 0.01, "max": 100, "steps": 5}}})");
        const QList<double> decades {0.01, 0.1, 1.0, 10.0, 100.0};
        QCOMPARE(logGrid.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(logGrid[i].params.value(QStringLiteral("C")).toDouble(), decades[i]);
        // log: false overrides the ParamSpec.
        const auto linear = expand(
            "logreg", R"({"method": "grid", "params": {"C": {"min": 1, "max": 3, "log": false, "steps": 5}}})");
        QCOMPARE(column(linear, "C"), (QList<QVariant> {1.0, 1.5, 2.0, 2.5, 3.0}));
        // log: true on a linear parameter.
        const auto geometric = expand("forest",
            R"({"method": "grid", "params": {"min_impurity_decrease": {"min": 0.001, "max": 1, "log": true, "steps": 4}}})");
        const QList<double> expected {0.001, 0.01, 0.1, 1.0};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(geometric[i].params.value(QStringLiteral("min_impurity_decrease")).toDouble(), expected[i]);
    }

    void gridIntegerRangesRoundAndDropRepeats()
    {
        const auto configurations
            = expand("knn", R"({"method": "grid", "params": {"n_neighbors": {"min": 1, "max": 3, "steps": 5}}})");
        QCOMPARE(column(configurations, "n_neighbors"), (QList<QVariant> {qint64(1), qint64(2), qint64(3)}));
        const auto logInts = expand("forest",
            R"({"method": "grid", "params": {"n_estimators": {"min": 10, "max": 1000, "log": true, "steps": 3}}})");
        QCOMPARE(column(logInts, "n_estimators"), (QList<QVariant> {qint64(10), qint64(100), qint64(1000)}));
        const SweepSpec sweep = sweepOf("knn",
            R"({"method": "grid", "params": {"n_neighbors": {"min": 1, "max": 3, "steps": 5}, "weights": ["uniform", "distance"]}})");
        QCOMPARE(Runs::gridSize(sweep, specsOf("knn")), qint64(6));
    }

    void absurdGridsAreRefused()
    {
        const SweepSpec sweep = sweepOf("logreg",
            R"({"method": "grid", "params": {"C": {"min": 0.001, "max": 1000, "steps": 1000}, "tol": {"min": 1e-6, "max": 1e-2, "steps": 1000}}})");
        QCOMPARE(Runs::gridSize(sweep, specsOf("logreg")), Runs::maxSweepConfigurations + 1);
        auto configurations = Runs::expandSweep(sweep, specsOf("logreg"), {});
        QVERIFY(!configurations.ok());
        QCOMPARE(configurations.error().message,
            QStringLiteral("sweep: the grid has 1,000,000 configurations (C: 1000 × tol: 1000); at most 10,000 are "
                           "allowed: use fewer values or steps, or a random search"));
        // Just at the limit is fine.
        const auto limit = expand("logreg",
            R"({"method": "grid", "params": {"C": {"min": 0.001, "max": 1000, "steps": 100}, "tol": {"min": 1e-6, "max": 1e-2, "steps": 100}}})");
        QCOMPARE(limit.size(), 10000);
    }

    void randomIsSeededAndKeepsItsPrefix()
    {
        const char *twenty
            = R"({"method": "random", "n_iter": 20, "seed": 7, "params": {"C": {"min": 0.001, "max": 1000}, "penalty": ["l1", "l2"], "max_iter": {"min": 10, "max": 1000}}})";
        const char *forty
            = R"({"method": "random", "n_iter": 40, "seed": 7, "params": {"C": {"min": 0.001, "max": 1000}, "penalty": ["l1", "l2"], "max_iter": {"min": 10, "max": 1000}}})";
        const char *otherSeed
            = R"({"method": "random", "n_iter": 20, "seed": 8, "params": {"C": {"min": 0.001, "max": 1000}, "penalty": ["l1", "l2"], "max_iter": {"min": 10, "max": 1000}}})";
        const auto a = expand("logreg", twenty);
        const auto b = expand("logreg", twenty);
        const auto c = expand("logreg", forty);
        const auto d = expand("logreg", otherSeed);
        QCOMPARE(a.size(), 20);
        QCOMPARE(a, b);
        QCOMPARE(c.size(), 40);
        QCOMPARE(c.mid(0, 20), a);
        QVERIFY(column(d, "C") != column(a, "C"));
        for (const SweepConfiguration &config : a) {
            QCOMPARE(config.params.value(QStringLiteral("C")).typeId(), QMetaType::Double);
            QCOMPARE(config.params.value(QStringLiteral("max_iter")).typeId(), QMetaType::LongLong);
        }
    }

    void randomFloatsAreUniformOrLogUniform()
    {
        // C is log-scale: log-uniform over 8 decades puts half the draws below 1.
        const auto logDraws = expand(
            "logreg", R"({"method": "random", "n_iter": 4000, "seed": 1, "params": {"C": {"min": 1e-4, "max": 1e4}}})");
        const auto linDraws = expand("logreg",
            R"({"method": "random", "n_iter": 4000, "seed": 1, "params": {"C": {"min": 1e-4, "max": 1e4, "log": false}}})");
        QCOMPARE(logDraws.size(), 4000);
        QCOMPARE(linDraws.size(), 4000);
        int logBelowOne = 0, linBelowHalf = 0;
        QList<int> decades(8, 0);
        for (int i = 0; i < 4000; ++i) {
            const double x = logDraws[i].params.value(QStringLiteral("C")).toDouble();
            const double y = linDraws[i].params.value(QStringLiteral("C")).toDouble();
            QVERIFY(x >= 1e-4 && x <= 1e4);
            QVERIFY(y >= 1e-4 && y <= 1e4);
            logBelowOne += x < 1.0;
            linBelowHalf += y < 5000.0;
            ++decades[std::clamp(int(std::floor(std::log10(x))) + 4, 0, 7)];
        }
        QVERIFY2(std::abs(logBelowOne - 2000) < 150, qPrintable(QString::number(logBelowOne)));
        QVERIFY2(std::abs(linBelowHalf - 2000) < 150, qPrintable(QString::number(linBelowHalf)));
        for (int count : decades)
            QVERIFY2(std::abs(count - 500) < 100, qPrintable(QString::number(count)));
    }

    void randomIntegersAndChoicesAreUniform()
    {
        // A float parameter alongside keeps every draw distinct, so no duplicate is dropped.
        const auto draws = expand("forest",
            R"({"method": "random", "n_iter": 4000, "seed": 2, "params": {"max_depth": {"min": 1, "max": 4}, "criterion": ["gini", "entropy"], "min_impurity_decrease": {"min": 0, "max": 1}}})");
        QCOMPARE(draws.size(), 4000);
        QHash<qint64, int> depths;
        int gini = 0;
        for (const SweepConfiguration &c : draws) {
            QCOMPARE(c.params.value(QStringLiteral("max_depth")).typeId(), QMetaType::LongLong);
            ++depths[c.params.value(QStringLiteral("max_depth")).toLongLong()];
            gini += c.params.value(QStringLiteral("criterion")).toString() == QLatin1String("gini");
        }
        QCOMPARE(depths.size(), 4);
        for (qint64 depth = 1; depth <= 4; ++depth) // the ends get their full share
            QVERIFY2(std::abs(depths.value(depth) - 1000) < 120, qPrintable(QString::number(depths.value(depth))));
        QVERIFY(std::abs(gini - 2000) < 150);

        // Log-uniform integers: as many in [10, 100) as in [100, 1000].
        const auto logInts = expand("forest",
            R"({"method": "random", "n_iter": 4000, "seed": 3, "params": {"n_estimators": {"min": 10, "max": 1000, "log": true}, "min_impurity_decrease": {"min": 0, "max": 1}}})");
        int below100 = 0;
        for (const SweepConfiguration &c : logInts) {
            const qint64 n = c.params.value(QStringLiteral("n_estimators")).toLongLong();
            QVERIFY(n >= 10 && n <= 1000);
            below100 += n < 100;
        }
        QVERIFY2(std::abs(below100 - 2000) < 150, qPrintable(QString::number(below100)));
    }

    void randomDropsDuplicates()
    {
        // 3 × 2 = 6 distinct configurations: asking for 50 gives each once.
        const auto all = expand("knn",
            R"({"method": "random", "n_iter": 50, "params": {"n_neighbors": [1, 2, 3], "weights": ["uniform", "distance"]}})");
        QCOMPARE(all.size(), 6);
        QSet<QString> distinct;
        for (const SweepConfiguration &c : all)
            distinct.insert(Runs::describeConfiguration(c.swept));
        QCOMPARE(distinct.size(), 6);
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].index, i);
        const auto three = expand("knn",
            R"({"method": "random", "n_iter": 3, "params": {"n_neighbors": [1, 2, 3], "weights": ["uniform", "distance"]}})");
        QCOMPARE(three.size(), 3);
        QCOMPARE(three, all.mid(0, 3));
    }

    void textParametersAreValidated()
    {
        QJsonParseError error;
        const QJsonObject json
            = QJsonDocument::fromJson(R"({"method": "grid", "params": {"max_features": ["sqrt", 0.5, "1.5"]}})", &error)
                  .object();
        auto sweep = SweepSpec::fromJson(json, specsOf("forest"));
        QVERIFY(!sweep.ok());
        QVERIFY2(sweep.error().message.startsWith(QStringLiteral("sweep.params.max_features[2] must be ")),
            qPrintable(sweep.error().message));
        const auto ok = expand("forest", R"({"method": "grid", "params": {"max_features": ["sqrt", 0.5, "all"]}})");
        QCOMPARE(column(ok, "max_features"),
            (QList<QVariant> {QStringLiteral("sqrt"), QStringLiteral("0.5"), QStringLiteral("all")}));
    }

    void logRangesNeedPositiveBounds()
    {
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(
            R"({"method": "random", "n_iter": 5, "params": {"min_impurity_decrease": {"min": 0, "max": 1, "log": true}}})",
            &error)
                                     .object();
        auto sweep = SweepSpec::fromJson(json, specsOf("forest"));
        QVERIFY(!sweep.ok());
        QCOMPARE(sweep.error().message,
            QStringLiteral("sweep.params.min_impurity_decrease: a log-scale range needs min > 0, got 0"));
    }

    void aSpecWithoutSweepIsOneConfiguration()
    {
        auto spec = Runs::RunSpec::fromJson(QJsonDocument::fromJson(
            R"({"dataset": {"path": "x.csv"}, "target": "y", "model": {"id": "knn", "params": {"n_neighbors": 7}}})")
                                                .object());
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        auto configurations = Runs::expandSweep(spec.value());
        QVERIFY(configurations.ok());
        QCOMPARE(configurations->size(), 1);
        QCOMPARE(configurations->first().params.value(QStringLiteral("n_neighbors")), QVariant(qint64(7)));
        QCOMPARE(configurations->first().params.value(QStringLiteral("weights")), QVariant(QStringLiteral("uniform")));
        QVERIFY(configurations->first().swept.isEmpty());
    }

    void halvingSchedule_data()
    {
        QTest::addColumn<int>("configurations");
        QTest::addColumn<double>("factor");
        QTest::addColumn<int>("minFolds");
        QTest::addColumn<int>("totalFolds");
        QTest::addColumn<QList<HalvingRung>>("rungs");
        QTest::addColumn<qint64>("fits");
        QTest::newRow("27 by 3 over 5 folds")
            << 27 << 3.0 << 1 << 5 << QList<HalvingRung> {{27, 1, 9}, {9, 3, 3}, {3, 5, 3}} << qint64(27 + 18 + 6);
        QTest::newRow("10 by 3 over 10 folds")
            << 10 << 3.0 << 1 << 10 << QList<HalvingRung> {{10, 1, 4}, {4, 3, 2}, {2, 9, 1}, {1, 10, 1}}
            << qint64(10 + 8 + 12 + 1);
        QTest::newRow("one configuration") << 1 << 3.0 << 1 << 5 << QList<HalvingRung> {{1, 5, 1}} << qint64(5);
        QTest::newRow("factor 2, min 2 of 10")
            << 8 << 2.0 << 2 << 10 << QList<HalvingRung> {{8, 2, 4}, {4, 4, 2}, {2, 8, 1}, {1, 10, 1}}
            << qint64(16 + 8 + 8 + 2);
        QTest::newRow("factor 1.5 grows by one fold at least")
            << 4 << 1.5 << 1 << 3 << QList<HalvingRung> {{4, 1, 3}, {3, 2, 2}, {2, 3, 2}} << qint64(4 + 3 + 2);
    }

    void halvingSchedule()
    {
        QFETCH(int, configurations);
        QFETCH(double, factor);
        QFETCH(int, minFolds);
        QFETCH(int, totalFolds);
        QFETCH(QList<HalvingRung>, rungs);
        QFETCH(qint64, fits);
        auto plan = HalvingPlan::make(Runs::HalvingSpec {factor, minFolds, {}}, configurations, totalFolds);
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan->rungs().size(), rungs.size());
        for (qsizetype i = 0; i < rungs.size(); ++i) {
            QCOMPARE(plan->rungs()[i].candidates, rungs[i].candidates);
            QCOMPARE(plan->rungs()[i].folds, rungs[i].folds);
            QCOMPARE(plan->rungs()[i].keep, rungs[i].keep);
        }
        QCOMPARE(plan->rungs().last().folds, totalFolds);
        QCOMPARE(plan->totalFits(), fits);
    }

    void halvingSurvivors()
    {
        auto plan = HalvingPlan::make(Runs::HalvingSpec {3.0, 1, {}}, 9, 5); // {9, 1, 3}, {3, 3, 1}, {1, 5, 1}
        QVERIFY(plan.ok());
        const QList<int> candidates {0, 1, 2, 3, 4, 5, 6, 7, 8};
        const double nan = std::numeric_limits<double>::quiet_NaN();
        // Ties go to the lower index; NaN never continues.
        const QList<double> scores {0.5, 0.9, 0.7, 0.9, nan, 0.7, 0.1, 0.95, 0.2};
        QCOMPARE(plan->survivors(0, candidates, scores, true).value(), (QList<int> {1, 3, 7}));
        QCOMPARE(plan->survivors(0, candidates, scores, false).value(), (QList<int> {0, 6, 8}));
        // Candidates in any order give the same survivors.
        const QList<int> reversed {8, 7, 6, 5, 4, 3, 2, 1, 0};
        QList<double> reversedScores(scores.rbegin(), scores.rend());
        QCOMPARE(plan->survivors(0, reversed, reversedScores, true).value(), (QList<int> {1, 3, 7}));
        // 0.7 tie between 2 and 5 for the last place.
        const QList<double> tie {0.1, 0.9, 0.7, 0.1, 0.1, 0.7, 0.1, 0.95, 0.1};
        QCOMPARE(plan->survivors(0, candidates, tie, true).value(), (QList<int> {1, 2, 7}));
        // Fewer candidates than planned (failures left out), or all NaN.
        QCOMPARE(plan->survivors(1, {4, 2}, {0.3, 0.6}, true).value(), (QList<int> {2}));
        QCOMPARE(plan->survivors(1, {4, 2}, {nan, nan}, true).value(), QList<int> {});
        // The last rung keeps every scored candidate.
        QCOMPARE(plan->survivors(2, {5}, {0.4}, true).value(), (QList<int> {5}));

        QVERIFY(!plan->survivors(3, {1}, {0.5}, true).ok());
        QVERIFY(!plan->survivors(-1, {1}, {0.5}, true).ok());
        QCOMPARE(plan->survivors(0, {1, 2}, {0.5}, true).error().message,
            QStringLiteral("halving rung 0: 2 candidates but 1 scores"));
    }

    void halvingFindsTheBestConfiguration()
    {
        // Simulated sweep: configuration i scores i / 30 plus fold noise that shrinks with folds.
        const int n = 30, totalFolds = 10;
        auto plan = HalvingPlan::make(Runs::HalvingSpec {3.0, 1, {}}, n, totalFolds);
        QVERIFY(plan.ok());
        QList<int> alive;
        for (int i = 0; i < n; ++i)
            alive << i;
        qint64 fits = 0;
        int previousFolds = 0;
        for (qsizetype r = 0; r < plan->rungs().size(); ++r) {
            const HalvingRung &rung = plan->rungs()[r];
            QCOMPARE(alive.size(), qsizetype(rung.candidates));
            fits += qint64(alive.size()) * (rung.folds - previousFolds);
            previousFolds = rung.folds;
            QList<double> scores;
            for (int c : alive)
                scores << double(c) / n + ((c * 7919 + rung.folds) % 5 - 2) * 0.001;
            alive = plan->survivors(int(r), alive, scores, true).value();
        }
        QCOMPARE(fits, plan->totalFits());
        // The last rung evaluates its candidates on every fold and keeps them all; the best is among them.
        QCOMPARE(alive.size(), qsizetype(plan->rungs().last().candidates));
        QVERIFY(alive.contains(n - 1));
        QVERIFY(plan->totalFits() < qint64(n) * totalFolds / 2);
    }

    void halvingErrors()
    {
        QCOMPARE(HalvingPlan::make(Runs::HalvingSpec {3.0, 5, {}}, 9, 5).error().message,
            QStringLiteral("sweep.halving.min_folds must be in [1, 4] (below the 5 folds of the evaluation), got 5"));
        QVERIFY(!HalvingPlan::make(Runs::HalvingSpec {1.0, 1, {}}, 9, 5).ok());
        QVERIFY(!HalvingPlan::make(Runs::HalvingSpec {3.0, 1, {}}, 0, 5).ok());
        QVERIFY(!HalvingPlan::make(Runs::HalvingSpec {3.0, 1, {}}, 9, 1).ok());
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
