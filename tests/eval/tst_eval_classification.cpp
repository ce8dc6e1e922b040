// SPDX-License-Identifier: GPL-3.0-or-later
#include "EvalTestSupport.h"

#include "core/eval/ClassificationMetrics.h"
#include "core/eval/ConfusionMatrix.h"
#include "core/eval/MetricSet.h"

using namespace Tandem::Eval;

namespace {

const QJsonArray &cases()
{
    static const QJsonArray all = EvalTest::fixture("classification.json").value(QStringLiteral("cases")).toArray();
    return all;
}

struct Case {
    QJsonObject expected;
    Eigen::VectorXd yTrue;
    Eigen::VectorXd yPred;
    Eigen::MatrixXd probabilities;
    int numClasses = 0;
};

Case caseAt(int index)
{
    const QJsonObject object = cases()[index].toObject();
    return {object.value(QStringLiteral("expected")).toObject(),
        EvalTest::vector(object.value(QStringLiteral("y_true"))),
        EvalTest::vector(object.value(QStringLiteral("y_pred"))),
        EvalTest::matrix(object.value(QStringLiteral("probabilities"))),
        object.value(QStringLiteral("num_classes")).toInt()};
}

void addCaseRows()
{
    EvalTest::addCaseRows(cases());
}

QString key(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

class TestClassification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accuracyAndBalancedAccuracy_data() { addCaseRows(); }
    void accuracyAndBalancedAccuracy()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        const auto acc = accuracy(c.yTrue, c.yPred, c.numClasses);
        EVAL_REQUIRE_OK(acc);
        EVAL_COMPARE(acc.value(), c.expected.value(key("accuracy")).toDouble());
        const auto balanced = balancedAccuracy(c.yTrue, c.yPred, c.numClasses);
        EVAL_REQUIRE_OK(balanced);
        EVAL_COMPARE(balanced.value(), c.expected.value(key("balanced_accuracy")).toDouble());
    }

    void averagedScores_data() { addCaseRows(); }
    void averagedScores()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        const std::pair<Average, const char *> averages[]
            = {{Average::Macro, "macro"}, {Average::Micro, "micro"}, {Average::Weighted, "weighted"}};
        for (const auto &[average, name] : averages) {
            for (const ZeroDivision zd : {ZeroDivision::Zero, ZeroDivision::One}) {
                const QString field = QStringLiteral("%1_zd%2").arg(key(name)).arg(zd == ZeroDivision::One ? 1 : 0);
                const QJsonObject want = c.expected.value(field).toObject();
                const auto scores = Tandem::Eval::averagedScores(c.yTrue, c.yPred, c.numClasses, average, zd);
                EVAL_REQUIRE_OK(scores);
                EVAL_COMPARE(scores->precision, want.value(key("precision")).toDouble());
                EVAL_COMPARE(scores->recall, want.value(key("recall")).toDouble());
                EVAL_COMPARE(scores->f1, want.value(key("f1")).toDouble());
            }
        }
    }

    void perClassScores_data() { addCaseRows(); }
    void perClassScores()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        for (const ZeroDivision zd : {ZeroDivision::Zero, ZeroDivision::One}) {
            const QJsonObject want
                = c.expected.value(QStringLiteral("per_class_zd%1").arg(zd == ZeroDivision::One ? 1 : 0)).toObject();
            const auto scores = Tandem::Eval::perClassScores(c.yTrue, c.yPred, c.numClasses, zd);
            EVAL_REQUIRE_OK(scores);
            EVAL_COMPARE_VECTORS(scores->precision, EvalTest::vector(want.value(key("precision"))));
            EVAL_COMPARE_VECTORS(scores->recall, EvalTest::vector(want.value(key("recall"))));
            EVAL_COMPARE_VECTORS(scores->f1, EvalTest::vector(want.value(key("f1"))));
            EVAL_COMPARE_VECTORS(scores->support, EvalTest::vector(want.value(key("support"))));
        }
    }

    void confusion_data() { addCaseRows(); }
    void confusion()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        const auto counts = confusionMatrix(c.yTrue, c.yPred, c.numClasses);
        EVAL_REQUIRE_OK(counts);
        const Eigen::MatrixXd wantCounts = EvalTest::matrix(c.expected.value(key("confusion")));
        QVERIFY(counts->cast<double>() == wantCounts);
        const Eigen::MatrixXd shares = rowNormalized(counts.value());
        const Eigen::MatrixXd wantShares = EvalTest::matrix(c.expected.value(key("confusion_normalized")));
        for (Eigen::Index i = 0; i < shares.rows(); ++i)
            EVAL_COMPARE_VECTORS(shares.row(i).transpose(), wantShares.row(i).transpose());
    }

    void probabilityMetrics_data() { addCaseRows(); }
    void probabilityMetrics()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        const auto loss = logLoss(c.yTrue, c.probabilities);
        EVAL_REQUIRE_OK(loss);
        EVAL_COMPARE(loss.value(), c.expected.value(key("log_loss")).toDouble());
        const auto brier = brierScore(c.yTrue, c.probabilities);
        EVAL_REQUIRE_OK(brier);
        EVAL_COMPARE(brier.value(), c.expected.value(key("brier_score")).toDouble());
    }

    void metricSet_data() { addCaseRows(); }
    void metricSet()
    {
        QFETCH(int, index);
        const Case c = caseAt(index);
        const auto metrics = classificationMetrics(c.yTrue, c.yPred, c.numClasses, c.probabilities);
        EVAL_REQUIRE_OK(metrics);
        const QJsonArray names = c.expected.value(key("metric_names")).toArray();
        const QJsonObject values = c.expected.value(key("metric_set")).toObject();
        QCOMPARE(metrics->size(), names.size());
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(metrics->at(i).name, names[i].toString());
            EVAL_COMPARE(metrics->at(i).value, EvalTest::number(values.value(metrics->at(i).name)));
        }
        const auto withoutProbabilities = classificationMetrics(c.yTrue, c.yPred, c.numClasses);
        EVAL_REQUIRE_OK(withoutProbabilities);
        QCOMPARE(withoutProbabilities->size(), 7);
        QCOMPARE(withoutProbabilities->mid(0, 7), metrics->mid(0, 7));
    }

    void microAverageIsAccuracy()
    {
        const Case c = caseAt(static_cast<int>(cases().size()) - 1);
        const auto micro = Tandem::Eval::averagedScores(c.yTrue, c.yPred, c.numClasses, Average::Micro);
        EVAL_REQUIRE_OK(micro);
        EVAL_COMPARE(micro->precision, accuracy(c.yTrue, c.yPred, c.numClasses).value());
        EVAL_COMPARE(micro->recall, micro->precision);
    }

    void exactZeroAndOneProbabilities()
    {
        // A probability of exactly 0 on the true class is clipped to 2^-52 (the row still
        // sums to 1): the loss is -log(2^-52) = 36.04..., not infinity.
        const Eigen::VectorXd y {{1.0}};
        const Eigen::MatrixXd p {{1.0, 0.0}};
        const auto loss = logLoss(y, p);
        EVAL_REQUIRE_OK(loss);
        QVERIFY(std::isfinite(loss.value()));
        EVAL_COMPARE(loss.value(), -std::log(std::numeric_limits<double>::epsilon()));
    }

    void invalidInputs_data()
    {
        QTest::addColumn<Eigen::VectorXd>("yTrue");
        QTest::addColumn<Eigen::VectorXd>("yPred");
        QTest::addColumn<int>("numClasses");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << Eigen::VectorXd() << Eigen::VectorXd() << 2 << QStringLiteral("empty");
        QTest::newRow("lengths") << Eigen::VectorXd {{0.0, 1.0}} << Eigen::VectorXd {{0.0}} << 2
                                 << QStringLiteral("has 1 rows, expected 2");
        QTest::newRow("fraction") << Eigen::VectorXd {{0.0, 1.5}} << Eigen::VectorXd {{0.0, 1.0}} << 2
                                  << QStringLiteral("y_true at row 1 is 1.5");
        QTest::newRow("range") << Eigen::VectorXd {{0.0, 1.0}} << Eigen::VectorXd {{0.0, 2.0}} << 2
                               << QStringLiteral("y_pred at row 1 is 2: expected a class index 0..1");
        QTest::newRow("negative") << Eigen::VectorXd {{-1.0, 1.0}} << Eigen::VectorXd {{0.0, 1.0}} << 2
                                  << QStringLiteral("y_true at row 0 is -1");
        QTest::newRow("nan") << Eigen::VectorXd {{std::nan(""), 1.0}} << Eigen::VectorXd {{0.0, 1.0}} << 2
                             << QStringLiteral("y_true at row 0 is nan");
        QTest::newRow("no classes") << Eigen::VectorXd {{0.0}} << Eigen::VectorXd {{0.0}} << 0
                                    << QStringLiteral("number of classes must be at least 1");
    }
    void invalidInputs()
    {
        QFETCH(Eigen::VectorXd, yTrue);
        QFETCH(Eigen::VectorXd, yPred);
        QFETCH(int, numClasses);
        QFETCH(QString, message);
        const auto acc = accuracy(yTrue, yPred, numClasses);
        QVERIFY(!acc.ok());
        QVERIFY2(acc.error().message.contains(message), qPrintable(acc.error().message));
        QVERIFY(!classificationMetrics(yTrue, yPred, numClasses).ok());
    }

    void invalidProbabilities()
    {
        const Eigen::VectorXd y {{0.0, 1.0, 2.0}};
        QVERIFY(!logLoss(y, Eigen::MatrixXd {{0.5, 0.5}, {0.5, 0.5}}).ok()); // rows
        QVERIFY(!logLoss(y, Eigen::MatrixXd {{1.0}, {1.0}, {1.0}}).ok()); // one column
        QVERIFY(!logLoss(y, Eigen::MatrixXd {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}).ok()); // class 2 of 2 columns
        const auto negative = brierScore(y, Eigen::MatrixXd {{1.2, -0.2, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}});
        QVERIFY(!negative.ok());
        QVERIFY(negative.error().message.contains(QStringLiteral("row 0, class 0")));
        const auto mismatch = classificationMetrics(y, y, 3, Eigen::MatrixXd::Constant(3, 2, 0.5));
        QVERIFY(!mismatch.ok());
        QVERIFY(mismatch.error().message.contains(QStringLiteral("2 columns for 3 classes")));
    }

    void greaterIsBetterByName()
    {
        QVERIFY(greaterIsBetter(QStringLiteral("accuracy")));
        QVERIFY(greaterIsBetter(QStringLiteral("roc_auc_ovr")));
        QVERIFY(greaterIsBetter(QStringLiteral("r2")));
        QVERIFY(!greaterIsBetter(QStringLiteral("log_loss")));
        QVERIFY(!greaterIsBetter(QStringLiteral("rmse")));
        QVERIFY(!greaterIsBetter(QStringLiteral("max_error")));
    }
};

QTEST_GUILESS_MAIN(TestClassification)
#include "tst_eval_classification.moc"
