// SPDX-License-Identifier: GPL-3.0-or-later
// The drift analysis behind the Drift view and the HTML report: windows along an
// order, rows picked from columns, feature sketches, the drift-strength order,
// drift per window, the analysis with target, predictions and time column, and
// the alerts it raises.
#include "../support/RecordingSink.h"
#include "DriftPairs.h"

#include "core/drift/DriftAlerts.h"
#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftStrength.h"
#include "core/drift/RowSelection.h"
#include "core/drift/Windows.h"

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace Tandem;
using namespace Tandem::Drift;
using Data::Column;
using Testing::datasetOf;
using Testing::driftSide;

namespace {

const QStringList features = {QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3"), QStringLiteral("x4")};

const FeatureDrift &featureNamed(const DriftReport &report, const QString &name)
{
    const auto it = std::find_if(
        report.features().cbegin(), report.features().cend(), [&](const FeatureDrift &f) { return f.name == name; });
    if (it == report.features().cend())
        qFatal("no feature %s", qPrintable(name));
    return *it;
}

} // namespace

class TestDriftAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowsByCountSizeAndTime()
    {
        const std::vector<double> order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        using Cuts = std::vector<std::pair<std::size_t, std::size_t>>;
        WindowSpec count;
        count.count = 3;
        QCOMPARE(cutWindows(order, count), (Cuts {{0, 3}, {3, 6}, {6, 10}}));
        WindowSpec rows;
        rows.rows = 4;
        QCOMPARE(cutWindows(order, rows), (Cuts {{0, 4}, {4, 8}, {8, 10}}));
        WindowSpec time;
        time.kind = WindowSpec::Kind::Time;
        time.width = 2.0;
        const std::vector<double> gaps = {0, 1, 2, 5, 6};
        QCOMPARE(cutWindows(gaps, time), (Cuts {{0, 2}, {2, 3}, {3, 4}, {4, 5}}));
        QVERIFY(cutWindows({}, count).empty());
        time.width = 0.0;
        QVERIFY(!isValidWindowSpec(time));
    }

    void rowsOfEveryColumnType()
    {
        Data::MissingMask missing;
        missing.setMissing(1);
        const std::vector<qint64> rows = {2, 1, 2};
        const Column numeric = selectRows(Column::numeric(QStringLiteral("n"), {1.5, 2.5, 3.5}, missing), rows);
        QCOMPARE(numeric.type(), Data::ColumnType::Numeric);
        QCOMPARE(numeric.size(), 3);
        QCOMPARE(numeric.numericValues()[0], 3.5);
        QVERIFY(!numeric.isMissing(0));
        QVERIFY(numeric.isMissing(1));
        QCOMPARE(numeric.numericValues()[2], 3.5);

        const Column categorical = selectRows(Column::categorical(QStringLiteral("c"), {0, 1, 2},
                                                  {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}),
            rows);
        QCOMPARE(categorical.categories().size(), 3); // the whole dictionary stays
        QCOMPARE(categorical.toString(0), QStringLiteral("c"));
        QCOMPARE(categorical.toString(1), QStringLiteral("b"));

        const Column text = selectRows(
            Column::text(QStringLiteral("t"), {QStringLiteral("x"), QStringLiteral("yy"), QStringLiteral("zzz")}),
            rows);
        QCOMPARE(text.toString(0), QStringLiteral("zzz"));
        QCOMPARE(text.toString(1), QStringLiteral("yy"));
        QCOMPARE(text.name(), QStringLiteral("t"));

        const Column integer = selectRows(Column::integer(QStringLiteral("i"), {7, 8, 9}), rows);
        QCOMPARE(integer.integerValues()[1], qint64(8));
        const Column boolean = selectRows(Column::boolean(QStringLiteral("b"), {0, 0, 1}), rows);
        QCOMPARE(boolean.booleanValues()[0], quint8(1));
        const Column when = selectRows(Column::dateTime(QStringLiteral("d"), {10, 20, 30}), rows);
        QCOMPARE(when.dateTimeValues()[2], qint64(30));
    }

    void numericSketch()
    {
        const auto reference = driftSide(features, 400, 1);
        const auto current = driftSide(features, 300, 2, {QStringLiteral("x2")});
        const auto report = DriftReport::compute(*reference, *current);
        QVERIFY(report.ok());
        Testing::RecordingSink sink;
        const auto sketches = sketchFeatures(*reference, *current, report.value(), {}, 2, Base::Progress(sink));
        QVERIFY(sketches.ok());
        QCOMPARE(sketches->size(), report->features().size());
        const FeatureSketch &x2 = sketches->at(1);
        QCOMPARE(x2.kind, FeatureKind::Numeric);
        QCOMPARE(x2.edges.size(), std::size_t(31));
        QCOMPARE(x2.reference.size(), std::size_t(30));
        // Every value is counted once, the largest in the last bin.
        QCOMPARE(std::accumulate(x2.reference.cbegin(), x2.reference.cend(), qint64(0)), qint64(400));
        QCOMPARE(std::accumulate(x2.current.cbegin(), x2.current.cend(), qint64(0)), qint64(300));
        QVERIFY(x2.reference.back() + x2.current.back() > 0);
        QVERIFY(x2.edges.front() < x2.edges.back());
        // The ECDF rises to 1 at the largest value.
        QVERIFY(std::is_sorted(x2.currentEcdfX.cbegin(), x2.currentEcdfX.cend()));
        QVERIFY(std::is_sorted(x2.currentEcdfY.cbegin(), x2.currentEcdfY.cend()));
        QCOMPARE(x2.currentEcdfY.back(), 1.0);
        QVERIFY(x2.currentEcdfX.size() <= 256);
        // The shifted current side lies to the right: its median is past the reference's.
        const auto median = [](const std::vector<double> &x, const std::vector<double> &y) {
            return x[std::size_t(std::lower_bound(y.cbegin(), y.cend(), 0.5) - y.cbegin())];
        };
        QVERIFY(median(x2.currentEcdfX, x2.currentEcdfY) > median(x2.referenceEcdfX, x2.referenceEcdfY) + 1.0);
        const std::vector<double> shares = x2.currentShares();
        QCOMPARE(std::accumulate(shares.cbegin(), shares.cend(), 0.0), 1.0);
        QCOMPARE(sink.fractions().back(), 1.0);
    }

    void categoricalSketchKeepsTheMostFrequent()
    {
        std::vector<qint32> left, right;
        QStringList labels;
        for (int c = 0; c < 30; ++c)
            labels << QStringLiteral("k%1").arg(c);
        for (int c = 0; c < 30; ++c) {
            for (int i = 0; i <= c; ++i) {
                left.push_back(c);
                right.push_back(c);
            }
        }
        const auto reference = datasetOf({Column::categorical(QStringLiteral("k"), left, labels)});
        const auto current = datasetOf({Column::categorical(QStringLiteral("k"), right, labels)});
        const auto report = DriftReport::compute(*reference, *current);
        QVERIFY(report.ok());
        SketchOptions options;
        options.categories = 5;
        const FeatureSketch sketch
            = sketchFeature(reference->column(0), current->column(0), report->features().front(), options);
        QCOMPARE(sketch.kind, FeatureKind::Categorical);
        QCOMPARE(sketch.labels,
            (QStringList {QStringLiteral("k25"), QStringLiteral("k26"), QStringLiteral("k27"), QStringLiteral("k28"),
                QStringLiteral("k29"), FeatureSketch::otherLabel()}));
        QCOMPARE(sketch.reference.front(), qint64(26));
        QCOMPARE(sketch.reference.back(), qint64(465 - (26 + 27 + 28 + 29 + 30))); // 1 + ... + 25
    }

    void strengthOrdersPValuesAndDistancesTogether()
    {
        TestOutcome ks;
        ks.test = DriftTest::KolmogorovSmirnov;
        ks.threshold = 0.05;
        ks.score = 0.05;
        QCOMPARE(driftStrength(ks), 1.0);
        ks.score = 0.0025; // log(0.0025) / log(0.05) = 2
        QVERIFY(std::abs(driftStrength(ks) - 2.0) < 1e-12);
        ks.score = 0.0;
        QVERIFY(std::isinf(driftStrength(ks)));
        TestOutcome psi;
        psi.test = DriftTest::PopulationStability;
        psi.threshold = 0.1;
        psi.score = 0.15;
        QCOMPARE(driftStrength(psi), 1.5);
        psi.score = std::nan("");
        QVERIFY(std::isnan(driftStrength(psi)));

        std::vector<FeatureDrift> drifts(4);
        drifts[0].outcome = psi; // NaN: last
        drifts[1].outcome = {DriftTest::Wasserstein, 0.05, 0.1, false, std::nan("")}; // 0.5
        drifts[2].outcome = {DriftTest::KolmogorovSmirnov, 1e-6, 0.05, true, 0.3}; // 4.6
        drifts[3].outcome = {DriftTest::JensenShannon, 0.2, 0.1, true, std::nan("")}; // 2
        QCOMPARE(orderByDrift(drifts), (std::vector<std::size_t> {2, 3, 1, 0}));
        // A finding puts a feature among the drifted, however weak its test.
        drifts[0].missing.alert = true;
        QCOMPARE(orderByDrift(drifts), (std::vector<std::size_t> {2, 3, 0, 1}));
    }

    void driftPerWindowFollowsTheShift()
    {
        // The second half of the current rows is shifted: their windows drift.
        const auto reference = driftSide(features, 2000, 3);
        const auto current = driftSide(features, 4000, 4, {QStringLiteral("x1"), QStringLiteral("x3")}, 2000);
        DriftOptions options;
        options.columns = features;
        options.driftShare = 0.5;
        options.threads = 2;
        std::vector<double> order(4000);
        for (std::size_t row = 0; row < order.size(); ++row)
            order[row] = double(order.size() - row); // reversed: the shifted half comes first
        WindowSpec spec;
        spec.count = 4;
        Testing::RecordingSink sink;
        const auto windows = windowedDrift(*reference, *current, order, spec, options, Base::Progress(sink));
        QVERIFY2(windows.ok(), qPrintable(windows.error().message));
        QCOMPARE(windows->features, features);
        QCOMPARE(windows->windows.size(), std::size_t(4));
        for (std::size_t w = 0; w < 4; ++w) {
            const DriftWindow &window = windows->windows[w];
            const bool shifted = w < 2;
            QCOMPARE(window.rows, qint64(1000));
            QCOMPARE(window.drifted[0], shifted); // x1
            QCOMPARE(window.drifted[1], false); // x2
            QCOMPARE(window.drifted[2], shifted); // x3
            QCOMPARE(window.datasetDrifted, shifted);
            QCOMPARE(window.shareDrifted, shifted ? 0.5 : 0.0);
            QCOMPARE(window.outcomes[0].test, DriftTest::Wasserstein); // 2000 reference values
        }
        QCOMPARE(windows->windows.front().start, 1.0);
        QCOMPARE(windows->windows.front().end, 1000.0);
        QCOMPARE(windows->driftedWindowCount(), qsizetype(2));

        std::vector<double> tooShort(10, 1.0);
        const auto refused = windowedDrift(*reference, *current, tooShort, spec, options, Base::Progress(sink));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("10 values for 4000 current rows")));

        Testing::RecordingSink stopping(Testing::RecordingSink::Stop::AfterPolls, 0);
        const auto stopped = windowedDrift(*reference, *current, order, spec, options, Base::Progress(stopping));
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().message, DriftReport::cancelledMessage());
    }

    void analysisWithTimeTargetAndPredictions()
    {
        // A target and logged predictions: right on the reference, wrong for the
        // last third of the current rows.
        const int rows = 900;
        auto withLabels = [&](quint64 seed, bool failing) {
            const auto side = driftSide(
                features, rows, seed, failing ? QStringList {QStringLiteral("x4")} : QStringList {}, 2 * rows / 3);
            std::vector<Column> columns = side->columns();
            std::vector<qint32> truth, predicted;
            for (int row = 0; row < rows; ++row) {
                truth.push_back(row % 2);
                predicted.push_back(failing && row >= 2 * rows / 3 ? 1 - row % 2 : row % 2);
            }
            const QStringList classes = {QStringLiteral("no"), QStringLiteral("yes")};
            columns.push_back(Column::categorical(QStringLiteral("label"), truth, classes));
            columns.push_back(Column::categorical(QStringLiteral("logged"), predicted, classes));
            return datasetOf(std::move(columns));
        };
        const auto reference = withLabels(5, false);
        const auto current = withLabels(6, true);
        DriftAnalysisOptions options;
        options.target = QStringLiteral("label");
        options.prediction = QStringLiteral("logged");
        options.order = QStringLiteral("time");
        options.windows.count = 3;
        options.drift.threads = 2;
        Testing::RecordingSink sink;
        const auto analysis = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QVERIFY2(analysis.ok(), qPrintable(analysis.error().message));
        // The target, the predictions and the time are not features.
        QStringList names;
        for (const FeatureDrift &f : analysis->report.features())
            names << f.name;
        QCOMPARE(names, features + QStringList {QStringLiteral("colour")});
        QCOMPARE(analysis->sketches.size(), std::size_t(5));
        QVERIFY(analysis->target);
        QVERIFY(!analysis->target->drifted());
        QVERIFY(analysis->prediction);
        QCOMPARE(analysis->prediction->name, QStringLiteral("logged"));
        QVERIFY(analysis->performance);
        QCOMPARE(analysis->performance->metric, QStringLiteral("accuracy"));
        QCOMPARE(analysis->performance->reference, 1.0);
        QCOMPARE(analysis->performance->windows.size(), std::size_t(3));
        QCOMPARE(analysis->performance->windows[0].alert, false);
        QCOMPARE(analysis->performance->windows[2].value, 0.0);
        QCOMPARE(analysis->performance->windows[2].alert, true);
        QVERIFY(analysis->windows);
        QCOMPARE(analysis->orderName, QStringLiteral("time"));
        QCOMPARE(analysis->windows->windows.size(), std::size_t(3));
        QCOMPARE(analysis->windows->windows[2].drifted[3], true); // x4 in the last window
        QCOMPARE(analysis->windows->windows[0].drifted[3], false);
        const std::vector<double> fractions = sink.fractions();
        for (std::size_t i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] >= fractions[i - 1] - 1e-12); // one bar over report, sketches and windows
        QCOMPARE(sink.fractions().back(), 1.0);

        // Alerts: x4 over the whole data, the last window's performance.
        const QList<DriftAlert> alerts = driftAlerts(analysis.value());
        QVERIFY(std::any_of(alerts.cbegin(), alerts.cend(), [](const DriftAlert &a) {
            return a.kind == DriftAlert::Kind::Performance && a.window == 2
                && a.message.contains(QStringLiteral("below the alert level"));
        }));
        QVERIFY(std::none_of(alerts.cbegin(), alerts.cend(),
            [](const DriftAlert &a) { return a.kind == DriftAlert::Kind::Performance && a.window != 2; }));
    }

    void errorsNameTheColumnAndItsRole()
    {
        const auto reference = driftSide(features, 100, 9);
        const auto current = datasetOf({Column::numeric(QStringLiteral("x1"), std::vector<double>(50, 1.0))});
        Testing::RecordingSink sink;
        DriftAnalysisOptions options;
        options.order = QStringLiteral("time");
        auto result = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message,
            QStringLiteral("There is no column named 'time' (time column) in the current data"));
        options.order.clear();
        options.target = QStringLiteral("nope");
        result = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QCOMPARE(
            result.error().message, QStringLiteral("There is no column named 'nope' (target) in the reference data"));
        options.target.clear();
        result = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QVERIFY(!result.ok()); // mismatched schemas: x2 is not in the current data
        QVERIFY(result.error().message.contains(QStringLiteral("'x2'")));
        // A categorical time column cannot order windows.
        options.drift.columns = {QStringLiteral("x1")};
        const auto both = driftSide(features, 100, 10);
        options.order = QStringLiteral("colour");
        result = analyseDrift(*reference, *both, options, Base::Progress(sink));
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QStringLiteral("must hold numbers or datetimes")));
    }

    void oneTestForEveryFeatureItFits()
    {
        const auto reference = driftSide(features, 300, 11);
        const auto current = driftSide(features, 300, 12);
        DriftAnalysisOptions options;
        options.everyFeature = {TestChoice {DriftTest::KolmogorovSmirnov, std::nan("")}};
        options.drift.excluded = {QStringLiteral("time")};
        Testing::RecordingSink sink;
        const auto analysis = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QVERIFY2(analysis.ok(), qPrintable(analysis.error().message));
        QCOMPARE(featureNamed(analysis->report, QStringLiteral("x1")).outcome.test, DriftTest::KolmogorovSmirnov);
        // KS does not fit a categorical column: it keeps its default test.
        QCOMPARE(featureNamed(analysis->report, QStringLiteral("colour")).outcome.test, DriftTest::ChiSquare);
    }

    void alertsForFindingsAndTheDataset()
    {
        const auto reference = driftSide(features, 600, 13);
        const auto current
            = driftSide(features, 600, 14, {QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3")}, 0, true);
        DriftAnalysisOptions options;
        options.drift.excluded = {QStringLiteral("time")};
        Testing::RecordingSink sink;
        const auto analysis = analyseDrift(*reference, *current, options, Base::Progress(sink));
        QVERIFY(analysis.ok());
        QVERIFY(analysis->report.drifted());
        const QList<DriftAlert> alerts = driftAlerts(analysis.value());
        QVERIFY(!alerts.isEmpty());
        QCOMPARE(alerts.front().kind, DriftAlert::Kind::Dataset);
        QVERIFY(alerts.front().message.contains(QStringLiteral("4 of 5 features drifted")));
        QStringList flagged;
        for (const DriftAlert &a : alerts) {
            if (a.kind == DriftAlert::Kind::Feature)
                flagged << a.subject;
        }
        flagged.sort();
        QCOMPARE(flagged,
            (QStringList {QStringLiteral("colour"), QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3")}));
        const auto newCategory = std::find_if(alerts.cbegin(), alerts.cend(),
            [](const DriftAlert &a) { return a.kind == DriftAlert::Kind::NewCategories; });
        QVERIFY(newCategory != alerts.cend());
        QCOMPARE(newCategory->subject, QStringLiteral("colour"));
        QVERIFY(newCategory->message.contains(QStringLiteral(": d")));
        QCOMPARE(analysis->report.features()[std::size_t(newCategory->feature)].name, QStringLiteral("colour"));
    }
};

QTEST_GUILESS_MAIN(TestDriftAnalysis)
#include "tst_drift_analysis.moc"
