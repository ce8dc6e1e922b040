// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CsvReader.h"
#include "core/data/DistinctCounter.h"
#include "core/data/Profile.h"
#include "core/data/Quantiles.h"
#include "tests/support/RecordingSink.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace Tandem::Data;
using Tandem::Base::Progress;
using Tandem::Testing::RecordingSink;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(TANDEM_FIXTURES_DIR "/data/profile/") + QString::fromLatin1(name);
}

std::shared_ptr<const Dataset> load(const char *name)
{
    const auto loaded = CsvReader::read(fixture(name));
    if (!loaded.ok())
        qWarning("%s", qPrintable(loaded.error().toString()));
    return loaded.ok() ? loaded.value().dataset : nullptr;
}

/// The profile of a fixture file with `target` (may be empty).
Tandem::Base::Result<Profile> profileOf(const char *name, const QString &target)
{
    const auto dataset = load(name);
    if (!dataset)
        return Tandem::Base::Error(QStringLiteral("cannot load the fixture"), fixture(name));
    ProfileOptions options;
    options.target = target;
    return Profile::compute(*dataset, options);
}

/// The reference values, computed with pandas 1.5, numpy 1.24 and scipy 1.10 on
/// the fixture files (see expected.json: null stands for NaN).
QJsonObject expected()
{
    QFile file(fixture("expected.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool close(double actual, const QJsonValue &reference, double relative)
{
    if (reference.isNull())
        return std::isnan(actual);
    const double want = reference.toDouble();
    if (actual == want)
        return true;
    return std::abs(actual - want) <= relative * std::max(std::abs(want), std::abs(actual));
}

#define COMPARE_NUMBER(actual, reference, relative)                                                                    \
    QVERIFY2(close((actual), (reference), (relative)),                                                                 \
        qPrintable(QStringLiteral("%1: %2 is %3, expected %4")                                                         \
                       .arg(p.name, QStringLiteral(#actual))                                                           \
                       .arg(actual, 0, 'g', 17)                                                                        \
                       .arg((reference).toDouble(), 0, 'g', 17)))

constexpr double sumTolerance = 1e-12;
constexpr double stdTolerance = 1e-9;

/// Checks the statistics of `p` against one reference object.
void compareColumn(const ColumnProfile &p, const QJsonObject &want)
{
    if (want.contains(QStringLiteral("type")))
        QCOMPARE(columnTypeName(p.type), want.value(QStringLiteral("type")).toString());
    if (want.contains(QStringLiteral("count"))) {
        QCOMPARE(p.count, want.value(QStringLiteral("count")).toInteger());
        QCOMPARE(p.missing, want.value(QStringLiteral("missing")).toInteger());
        QCOMPARE(p.distinct, want.value(QStringLiteral("distinct")).toInteger());
        QVERIFY(!p.distinctEstimated);
    }
    if (want.contains(QStringLiteral("mean"))) {
        COMPARE_NUMBER(p.mean, want.value(QStringLiteral("mean")), sumTolerance);
        COMPARE_NUMBER(p.std, want.value(QStringLiteral("std")), stdTolerance);
        COMPARE_NUMBER(p.min, want.value(QStringLiteral("min")), 0.0);
        COMPARE_NUMBER(p.q25, want.value(QStringLiteral("q25")), sumTolerance);
        COMPARE_NUMBER(p.median, want.value(QStringLiteral("median")), sumTolerance);
        COMPARE_NUMBER(p.q75, want.value(QStringLiteral("q75")), sumTolerance);
        COMPARE_NUMBER(p.max, want.value(QStringLiteral("max")), 0.0);
        QCOMPARE(p.zeros, want.value(QStringLiteral("zeros")).toInteger());
        const QJsonObject histogram = want.value(QStringLiteral("histogram")).toObject();
        const QJsonArray edges = histogram.value(QStringLiteral("edges")).toArray();
        const QJsonArray counts = histogram.value(QStringLiteral("counts")).toArray();
        QCOMPARE(qsizetype(p.histogram.edges.size()), edges.size());
        QCOMPARE(qsizetype(p.histogram.counts.size()), counts.size());
        for (qsizetype i = 0; i < edges.size(); ++i)
            COMPARE_NUMBER(p.histogram.edges[std::size_t(i)], edges.at(i), sumTolerance);
        for (qsizetype i = 0; i < counts.size(); ++i)
            QCOMPARE(p.histogram.counts[std::size_t(i)], counts.at(i).toInteger());
    } else if (want.contains(QStringLiteral("count")) && !p.hasNumericSummary()) {
        QVERIFY(std::isnan(p.mean));
        QVERIFY(p.histogram.counts.empty());
    }
    if (want.contains(QStringLiteral("top"))) {
        const QJsonArray top = want.value(QStringLiteral("top")).toArray();
        QCOMPARE(p.top.size(), top.size());
        for (qsizetype i = 0; i < top.size(); ++i) {
            QCOMPARE(p.top.at(i).value, top.at(i).toArray().at(0).toString());
            QCOMPARE(p.top.at(i).count, top.at(i).toArray().at(1).toInteger());
        }
        QVERIFY(!p.topApproximate);
    }
    if (want.contains(QStringLiteral("association"))) {
        const QJsonValue association = want.value(QStringLiteral("association"));
        if (association.isNull()) {
            QCOMPARE(p.associationMeasure, AssociationMeasure::None);
        } else {
            QCOMPARE(associationMeasureName(p.associationMeasure), association.toArray().at(0).toString());
            COMPARE_NUMBER(p.association, association.toArray().at(1), stdTolerance);
        }
    }
}

void compareProfile(const Profile &profile, const QJsonObject &want)
{
    QCOMPARE(qsizetype(profile.columns().size()), want.size());
    for (const ColumnProfile &p : profile.columns()) {
        QVERIFY2(want.contains(p.name), qPrintable(p.name));
        compareColumn(p, want.value(p.name).toObject());
        if (QTest::currentTestFailed())
            return;
    }
}

std::shared_ptr<const Dataset> build(std::vector<Column> columns)
{
    DatasetBuilder builder;
    for (Column &column : columns)
        builder.addColumn(std::move(column));
    auto built = builder.build();
    return built.ok() ? built.value() : nullptr;
}

/// 1,000,000 distinct doubles, spread over many magnitudes.
std::vector<double> distinctDoubles(qint64 n)
{
    std::vector<double> values(static_cast<std::size_t>(n));
    for (qint64 i = 0; i < n; ++i)
        values[std::size_t(i)] = double(i) * 1.000001 - 12345.5;
    return values;
}

bool sameNumber(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

class TestProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void referenceValuesWithNumericTarget()
    {
        const QJsonObject want = expected();
        const auto profile = profileOf("mixed.csv", QStringLiteral("y"));
        QVERIFY2(profile.ok(), qPrintable(profile.error().toString()));
        QCOMPARE(profile->rowCount(), want.value(QStringLiteral("rows")).toInteger());
        QCOMPARE(profile->target(), QStringLiteral("y"));
        compareProfile(profile.value(), want.value(QStringLiteral("target_y")).toObject());
    }

    void referenceValuesWithCategoricalTarget()
    {
        const auto profile = profileOf("mixed.csv", QStringLiteral("cat"));
        QVERIFY2(profile.ok(), qPrintable(profile.error().toString()));
        compareProfile(profile.value(), expected().value(QStringLiteral("target_cat")).toObject());
    }

    void singleRow()
    {
        const auto profile = profileOf("single.csv", {});
        QVERIFY2(profile.ok(), qPrintable(profile.error().toString()));
        compareProfile(profile.value(), expected().value(QStringLiteral("single")).toObject());
    }

    void emptyDataset()
    {
        const auto dataset = build({Column::numeric(QStringLiteral("x"), {}), Column::text(QStringLiteral("t"), {})});
        QVERIFY(dataset);
        const auto profile = Profile::compute(*dataset);
        QVERIFY(profile.ok());
        for (const ColumnProfile &p : profile->columns()) {
            QCOMPARE(p.count, 0);
            QCOMPARE(p.distinct, 0);
            QVERIFY(std::isnan(p.mean) && std::isnan(p.median));
            QVERIFY(p.histogram.edges.empty());
            QVERIFY(p.top.isEmpty());
        }
    }

    void nanIsMissingAndInfinitiesAreValues()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const auto dataset = build({Column::numeric(QStringLiteral("x"), {1.0, std::nan(""), inf, 3.0, 0.0})});
        QVERIFY(dataset);
        const auto profile = Profile::compute(*dataset);
        QVERIFY(profile.ok());
        const ColumnProfile &p = profile->column(0);
        // pandas' describe(): count 4, mean inf, std NaN, min 0, max inf.
        QCOMPARE(p.count, 4);
        QCOMPARE(p.missing, 1);
        QCOMPARE(p.distinct, 4);
        QCOMPARE(p.mean, inf);
        QVERIFY(std::isnan(p.std));
        QCOMPARE(p.min, 0.0);
        QCOMPARE(p.max, inf);
        QCOMPARE(p.median, 2.0);
        QCOMPARE(p.zeros, 1);
        // The histogram spans the finite values only: numpy.histogram([0, 1, 3], 20).
        QCOMPARE(p.histogram.edges.front(), 0.0);
        QCOMPARE(p.histogram.edges.back(), 3.0);
        QCOMPARE(p.histogram.counts.front(), 1);
        QCOMPARE(p.histogram.counts[6], 1);
        QCOMPARE(p.histogram.counts.back(), 1);
    }

    void quantilesInterpolateLinearly_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<QList<double>>("quartiles"); // numpy.quantile(values, [0.25, 0.5, 0.75])
        QTest::newRow("four") << QList<double> {4, 1, 3, 2} << QList<double> {1.75, 2.5, 3.25};
        QTest::newRow("five") << QList<double> {5, 1, 4, 2, 3} << QList<double> {2, 3, 4};
        QTest::newRow("one") << QList<double> {7} << QList<double> {7, 7, 7};
        QTest::newRow("ties") << QList<double> {1, 1, 1, 9} << QList<double> {1, 1, 3};
        QTest::newRow("two") << QList<double> {0.1, 0.7} << QList<double> {0.25, 0.4, 0.55};
        // numpy gives [2, nan, nan] and [-inf, 1, 2]: it multiplies inf by 0 where h is whole.
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("infinity") << QList<double> {inf, 1, 3} << QList<double> {2, 3, inf};
        QTest::newRow("-infinity") << QList<double> {3, -inf, 1} << QList<double> {-inf, 1, 2};
    }

    void quantilesInterpolateLinearly()
    {
        QFETCH(QList<double>, values);
        QFETCH(QList<double>, quartiles);
        std::vector<double> copy(values.cbegin(), values.cend());
        const double probabilities[] = {0.25, 0.5, 0.75};
        const auto q = linearQuantiles(copy, probabilities);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(q[std::size_t(i)], quartiles.at(i));
    }

    void distinctIsExactUpToTheLimit()
    {
        DistinctCounter counter(1000);
        for (quint64 i = 0; i < 1000; ++i) {
            counter.add(i);
            counter.add(i); // repeats change nothing
        }
        QCOMPARE(counter.count(), 1000);
        QVERIFY(!counter.isEstimated());
        counter.add(5000);
        QVERIFY(counter.isEstimated());
        QVERIFY2(std::abs(counter.count() - 1001) <= 20, qPrintable(QString::number(counter.count())));
    }

    void hyperLogLogWithinTwoPercent()
    {
        constexpr qint64 n = 1000000;
        const auto dataset = build({Column::numeric(QStringLiteral("x"), distinctDoubles(n))});
        QVERIFY(dataset);
        const auto profile = Profile::compute(*dataset);
        QVERIFY(profile.ok());
        const ColumnProfile &p = profile->column(0);
        QVERIFY(p.distinctEstimated);
        QVERIFY2(std::abs(double(p.distinct) / double(n) - 1.0) < 0.02, qPrintable(QString::number(p.distinct)));

        HyperLogLog sketch;
        for (qint64 i = 0; i < n; ++i)
            sketch.addHash(hashBytes(QByteArray::number(i).toStdString()));
        QVERIFY2(std::abs(sketch.estimate() / double(n) - 1.0) < 0.02, qPrintable(QString::number(sketch.estimate())));
    }

    void textBeyondTheLimitIsEstimated()
    {
        QStringList values;
        for (int i = 0; i < 3000; ++i)
            values << QStringLiteral("v%1").arg(i % 2500);
        const auto dataset = build({Column::text(QStringLiteral("t"), values)});
        QVERIFY(dataset);
        ProfileOptions options;
        options.exactDistinctLimit = 1000;
        const auto profile = Profile::compute(*dataset, options);
        QVERIFY(profile.ok());
        const ColumnProfile &p = profile->column(0);
        QVERIFY(p.distinctEstimated);
        QVERIFY(p.topApproximate);
        QVERIFY2(std::abs(double(p.distinct) / 2500.0 - 1.0) < 0.02, qPrintable(QString::number(p.distinct)));
        QCOMPARE(p.count, 3000);

        options.exactDistinctLimit = 2500;
        const auto exact = Profile::compute(*dataset, options);
        QCOMPARE(exact->column(0).distinct, 2500);
        QVERIFY(!exact->column(0).distinctEstimated);
        QCOMPARE(exact->column(0).top.first().value, QStringLiteral("v0")); // 2 each; ties by value
        QCOMPARE(exact->column(0).top.at(1).value, QStringLiteral("v1"));
        QCOMPARE(exact->column(0).top.at(2).value, QStringLiteral("v10"));
    }

    void sameResultsOnAnyThreadCount()
    {
        const auto dataset = load("mixed.csv");
        QVERIFY(dataset);
        ProfileOptions options;
        options.target = QStringLiteral("cat");
        options.threads = 1;
        const auto serial = Profile::compute(*dataset, options);
        options.threads = 5;
        const auto parallel = Profile::compute(*dataset, options);
        QVERIFY(serial.ok() && parallel.ok());
        for (std::size_t i = 0; i < serial->columns().size(); ++i) {
            const ColumnProfile &a = serial->columns()[i];
            const ColumnProfile &b = parallel->columns()[i];
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.distinct, b.distinct);
            for (const auto member : {&ColumnProfile::mean, &ColumnProfile::std, &ColumnProfile::q25,
                     &ColumnProfile::median, &ColumnProfile::q75, &ColumnProfile::association})
                QVERIFY(sameNumber(a.*member, b.*member));
            QCOMPARE(a.histogram.counts, b.histogram.counts);
        }
    }

    void unknownTargetIsAnError()
    {
        const auto profile = profileOf("single.csv", QStringLiteral("nope"));
        QVERIFY(!profile.ok());
        QVERIFY(profile.error().message.contains(QStringLiteral("'nope'")));
    }

    void stopsWhenAsked()
    {
        std::vector<Column> columns;
        for (int c = 0; c < 8; ++c)
            columns.push_back(Column::numeric(QStringLiteral("x%1").arg(c), distinctDoubles(2000000)));
        const auto dataset = build(std::move(columns));
        QVERIFY(dataset);

        RecordingSink atOnce(RecordingSink::Stop::AfterReports, 0);
        auto profile = Profile::compute(*dataset, {}, Progress(atOnce));
        QVERIFY(!profile.ok());
        QCOMPARE(profile.error().message, Profile::cancelledMessage());

        RecordingSink soon(RecordingSink::Stop::AfterReports, 2);
        QElapsedTimer timer;
        timer.start();
        profile = Profile::compute(*dataset, {}, Progress(soon));
        QVERIFY(!profile.ok());
        QCOMPARE(profile.error().message, Profile::cancelledMessage());
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
