// SPDX-License-Identifier: GPL-3.0-or-later
#include "EvalTestSupport.h"

#include "core/eval/MetricSet.h"
#include "core/eval/RegressionMetrics.h"

using namespace Tandem::Eval;

namespace {

const QJsonArray &cases()
{
    static const QJsonArray all = EvalTest::fixture("regression.json").value(QStringLiteral("cases")).toArray();
    return all;
}

} // namespace

class TestRegression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metrics_data() { EvalTest::addCaseRows(cases()); }
    void metrics()
    {
        QFETCH(int, index);
        const QJsonObject c = cases()[index].toObject();
        const Eigen::VectorXd yTrue = EvalTest::vector(c.value(QStringLiteral("y_true")));
        const Eigen::VectorXd yPred = EvalTest::vector(c.value(QStringLiteral("y_pred")));
        const QJsonObject expected = c.value(QStringLiteral("expected")).toObject();
        // The standard set covers every function but the mean squared error.
        const auto metrics = regressionMetrics(yTrue, yPred);
        EVAL_REQUIRE_OK(metrics);
        const QStringList names {QStringLiteral("rmse"), QStringLiteral("mae"), QStringLiteral("r2"),
            QStringLiteral("mape"), QStringLiteral("explained_variance"), QStringLiteral("max_error")};
        QCOMPARE(metrics->size(), names.size());
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(metrics->at(i).name, names[i]);
            EVAL_COMPARE(metrics->at(i).value, expected.value(names[i]).toDouble());
        }
        const auto mse = meanSquaredError(yTrue, yPred);
        EVAL_REQUIRE_OK(mse);
        EVAL_COMPARE(mse.value(), expected.value(QStringLiteral("mse")).toDouble());
        const auto r2 = r2Score(yTrue, yPred);
        EVAL_REQUIRE_OK(r2);
        EVAL_COMPARE(r2.value(), expected.value(QStringLiteral("r2")).toDouble());
    }

    void invalidInputs()
    {
        const Eigen::VectorXd y {{1.0, 2.0}};
        const auto empty = r2Score(Eigen::VectorXd(), Eigen::VectorXd());
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().message.contains(QStringLiteral("empty")));
        QVERIFY(!maxError(y, Eigen::VectorXd {{1.0}}).ok());
        const auto infinite = meanAbsoluteError(y, Eigen::VectorXd {{1.0, std::numeric_limits<double>::infinity()}});
        QVERIFY(!infinite.ok());
        QVERIFY2(infinite.error().message.contains(QStringLiteral("y_pred holds a non-finite value (inf) at row 1")),
            qPrintable(infinite.error().message));
        QVERIFY(!regressionMetrics(Eigen::VectorXd {{std::nan("")}}, Eigen::VectorXd {{1.0}}).ok());
    }
};

QTEST_GUILESS_MAIN(TestRegression)
#include "tst_eval_regression.moc"
