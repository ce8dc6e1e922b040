// SPDX-License-Identifier: GPL-3.0-or-later
#include "EvalTestSupport.h"

#include "core/eval/FoldResults.h"
#include "core/eval/Statistics.h"

using namespace Tandem::Eval;

namespace {

const QJsonObject &reference()
{
    static const QJsonObject all = EvalTest::fixture("statistics.json");
    return all;
}

QJsonArray table(const char *name)
{
    return reference().value(QString::fromLatin1(name)).toArray();
}

double get(const QJsonObject &row, const char *name)
{
    return EvalTest::number(row.value(QString::fromLatin1(name)));
}

QList<double> valuesOf(const QJsonObject &row)
{
    QList<double> values;
    for (const QJsonValue &value : row.value(QStringLiteral("values")).toArray())
        values.append(EvalTest::number(value));
    return values;
}

/// Against exact values (mpmath, 40 digits). The incomplete beta's front factor comes
/// from lgamma differences, good to ~1e-13 relative for a parameter of a few hundred.
constexpr double exactTolerance = 1e-12;
/// scipy 1.10's t.ppf (cephes stdtrit) is itself off by up to 2.5e-9 relative
/// (t.ppf(0.975, 1) is 12.706204736432095; the exact value, cot(pi/40), is
/// 12.706204736174703), so the comparison with scipy allows that.
constexpr double scipyTolerance = 5e-9;

/// `got` matches the row's exact value closely and scipy's within scipy's accuracy.
bool matches(double got, const QJsonObject &row)
{
    return EvalTest::close(got, get(row, "exact"), exactTolerance)
        && EvalTest::close(got, get(row, "value"), scipyTolerance);
}

QString mismatch(const QString &what, double got, const QJsonObject &row)
{
    return QStringLiteral("%1 = %2, exact %3, scipy %4")
        .arg(what)
        .arg(got, 0, 'g', 17)
        .arg(get(row, "exact"), 0, 'g', 17)
        .arg(get(row, "value"), 0, 'g', 17);
}

bool intervalMatches(double low, double high, const QJsonObject &row, const char *scipyKey, const char *exactKey)
{
    const QJsonArray scipy = row.value(QString::fromLatin1(scipyKey)).toArray();
    const QJsonArray exact = row.value(QString::fromLatin1(exactKey)).toArray();
    if (exact.isEmpty()) // fewer than two values: no interval
        return std::isnan(low) && std::isnan(high);
    return EvalTest::close(low, EvalTest::number(exact[0]), exactTolerance)
        && EvalTest::close(high, EvalTest::number(exact[1]), exactTolerance)
        && EvalTest::close(low, EvalTest::number(scipy[0]), scipyTolerance)
        && EvalTest::close(high, EvalTest::number(scipy[1]), scipyTolerance);
}

} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incompleteBeta()
    {
        for (const QJsonValue &value : table("betainc")) {
            const QJsonObject row = value.toObject();
            const double got = regularizedIncompleteBeta(get(row, "a"), get(row, "b"), get(row, "x"));
            QVERIFY2(matches(got, row),
                qPrintable(
                    mismatch(QStringLiteral("I(%1; %2, %3)").arg(get(row, "x")).arg(get(row, "a")).arg(get(row, "b")),
                        got, row)));
        }
    }

    void studentT()
    {
        for (const QJsonValue &value : table("t_ppf")) {
            const QJsonObject row = value.toObject();
            const double got = studentTQuantile(get(row, "p"), get(row, "df"));
            QVERIFY2(matches(got, row),
                qPrintable(mismatch(QStringLiteral("t.ppf(%1, %2)").arg(get(row, "p")).arg(get(row, "df")), got, row)));
        }
        for (const QJsonValue &value : table("t_cdf")) {
            const QJsonObject row = value.toObject();
            const double got = studentTCdf(get(row, "t"), get(row, "df"));
            QVERIFY2(matches(got, row),
                qPrintable(mismatch(QStringLiteral("t.cdf(%1, %2)").arg(get(row, "t")).arg(get(row, "df")), got, row)));
        }
        QVERIFY(std::isnan(studentTQuantile(0.0, 5.0)));
        QVERIFY(std::isnan(studentTQuantile(1.0, 5.0)));
        QVERIFY(std::isnan(studentTQuantile(0.9, 0.0)));
        QVERIFY(std::isnan(regularizedIncompleteBeta(1.0, 1.0, 1.5)));
        QCOMPARE(studentTQuantile(0.5, 3.0), 0.0);
    }

    void summaries()
    {
        for (const QJsonValue &value : table("fold_summaries")) {
            const QJsonObject row = value.toObject();
            const QList<double> values = valuesOf(row);
            const MetricSummary s95 = summarize(QStringLiteral("accuracy"), values);
            QCOMPARE(s95.name, QStringLiteral("accuracy"));
            QCOMPARE(s95.count, row.value(QStringLiteral("count")).toInteger());
            EVAL_COMPARE(s95.mean, get(row, "mean"));
            EVAL_COMPARE(s95.std, get(row, "std"));
            QVERIFY(intervalMatches(s95.ciLow, s95.ciHigh, row, "ci95", "ci95_exact"));
            const MetricSummary s90 = summarize(QStringLiteral("accuracy"), values, 0.90);
            QVERIFY(intervalMatches(s90.ciLow, s90.ciHigh, row, "ci90", "ci90_exact"));
        }
    }

    void foldResults()
    {
        FoldResults results;
        QVERIFY(results.addFold({{QStringLiteral("accuracy"), 0.8}, {QStringLiteral("roc_auc"), 0.9}}));
        QVERIFY(results.addFold({{QStringLiteral("accuracy"), 0.9}, {QStringLiteral("roc_auc"), std::nan("")}}));
        QVERIFY(results.addFold({{QStringLiteral("accuracy"), 0.85}, {QStringLiteral("log_loss"), 0.4}}));
        const auto duplicate = results.addFold({{QStringLiteral("r2"), 0.1}, {QStringLiteral("r2"), 0.2}});
        QVERIFY(!duplicate.ok());
        QVERIFY(duplicate.error().message.contains(QStringLiteral("\"r2\" twice")));
        QCOMPARE(results.foldCount(), 3);
        QCOMPARE(results.metricNames(),
            QStringList({QStringLiteral("accuracy"), QStringLiteral("roc_auc"), QStringLiteral("log_loss")}));
        const QList<double> auc = results.values(QStringLiteral("roc_auc"));
        QCOMPARE(auc.size(), 3);
        QCOMPARE(auc[0], 0.9);
        QVERIFY(std::isnan(auc[1]) && std::isnan(auc[2]));

        // The first three-value reference row is (0.9, 0.85, 0.88); accuracy here is 0.8, 0.9, 0.85.
        const MetricSummary accuracy = results.summary(QStringLiteral("accuracy"));
        QCOMPARE(accuracy.count, 3);
        EVAL_COMPARE(accuracy.mean, 0.85);
        EVAL_COMPARE(accuracy.std, 0.05);
        const double half = studentTQuantile(0.975, 2.0) * 0.05 / std::sqrt(3.0);
        EVAL_COMPARE(accuracy.ciHigh - accuracy.mean, half);
        const MetricSummary single = results.summary(QStringLiteral("roc_auc"));
        QCOMPARE(single.count, 1);
        QCOMPARE(single.mean, 0.9);
        QVERIFY(std::isnan(single.std) && std::isnan(single.ciLow) && std::isnan(single.ciHigh));
        QCOMPARE(results.summaries().size(), 3);
        const MetricList means = results.means();
        QCOMPARE(means.size(), 3);
        QCOMPARE(means[2].name, QStringLiteral("log_loss"));
        QCOMPARE(means[2].value, 0.4);
        QVERIFY(std::isnan(results.summary(QStringLiteral("unknown")).mean));
        QVERIFY(std::isnan(summarize(QStringLiteral("x"), {0.1, 0.2}, 1.0).ciLow));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_eval_statistics.moc"
