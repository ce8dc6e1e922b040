// SPDX-License-Identifier: GPL-3.0-or-later
#include "EvalTestSupport.h"

#include "core/eval/Curves.h"

using namespace Tandem::Eval;

namespace {

const QJsonArray &cases()
{
    static const QJsonArray all = EvalTest::fixture("curves.json").value(QStringLiteral("cases")).toArray();
    return all;
}

QJsonObject caseAt(int index)
{
    return cases()[index].toObject();
}

Eigen::VectorXd field(const QJsonObject &object, const char *name)
{
    return EvalTest::vector(object.value(QString::fromLatin1(name)));
}

QJsonObject object(const QJsonObject &parent, const char *name)
{
    return parent.value(QString::fromLatin1(name)).toObject();
}

void addCaseRows()
{
    EvalTest::addCaseRows(cases());
}

} // namespace

class TestCurves : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roc_data() { addCaseRows(); }
    void roc()
    {
        QFETCH(int, index);
        const QJsonObject c = caseAt(index);
        const Eigen::VectorXd y = field(c, "y_true");
        const Eigen::VectorXd scores = field(c, "scores");
        for (const bool drop : {true, false}) {
            const QJsonObject want = object(c, drop ? "roc" : "roc_all");
            const auto curve = rocCurve(y, scores, drop);
            EVAL_REQUIRE_OK(curve);
            EVAL_COMPARE_VECTORS(curve->fpr, field(want, "fpr"));
            EVAL_COMPARE_VECTORS(curve->tpr, field(want, "tpr"));
            EVAL_COMPARE_VECTORS(curve->thresholds, field(want, "thresholds"));
        }
    }

    void precisionRecall_data() { addCaseRows(); }
    void precisionRecall()
    {
        QFETCH(int, index);
        const QJsonObject c = caseAt(index);
        const QJsonObject want = object(c, "pr");
        const auto curve = precisionRecallCurve(field(c, "y_true"), field(c, "scores"));
        EVAL_REQUIRE_OK(curve);
        EVAL_COMPARE_VECTORS(curve->precision, field(want, "precision"));
        EVAL_COMPARE_VECTORS(curve->recall, field(want, "recall"));
        EVAL_COMPARE_VECTORS(curve->thresholds, field(want, "thresholds"));
    }

    void areas_data() { addCaseRows(); }
    void areas()
    {
        QFETCH(int, index);
        const QJsonObject c = caseAt(index);
        const Eigen::VectorXd y = field(c, "y_true");
        const Eigen::VectorXd scores = field(c, "scores");
        const auto auc = rocAuc(y, scores);
        if (c.value(QStringLiteral("roc_auc")).isNull()) {
            QVERIFY(!auc.ok());
            QVERIFY2(auc.error().message.contains(QStringLiteral("only one class")), qPrintable(auc.error().message));
        } else {
            EVAL_REQUIRE_OK(auc);
            EVAL_COMPARE(auc.value(), c.value(QStringLiteral("roc_auc")).toDouble());
            // The same area through the two-column probability form.
            Eigen::MatrixXd probabilities(scores.size(), 2);
            probabilities.col(1) = scores.array().min(1.0).max(0.0);
            probabilities.col(0) = 1.0 - probabilities.col(1).array();
            if ((scores.array() >= 0.0).all() && (scores.array() <= 1.0).all()) {
                const auto viaMatrix = rocAucOvr(y, probabilities);
                EVAL_REQUIRE_OK(viaMatrix);
                EVAL_COMPARE(viaMatrix.value(), auc.value());
            }
        }
        const auto ap = averagePrecision(y, scores);
        EVAL_REQUIRE_OK(ap);
        EVAL_COMPARE(ap.value(), c.value(QStringLiteral("average_precision")).toDouble());
    }

    void multiclassOvr()
    {
        // One-vs-rest macro ROC AUC is covered on the classification fixtures; here its
        // refusals, which scikit-learn raises too.
        const Eigen::VectorXd y {{0.0, 1.0, 2.0, 1.0}};
        const Eigen::MatrixXd notNormalised {{0.5, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}, {0.3, 0.4, 0.3}};
        const auto sums = rocAucOvr(y, notNormalised);
        QVERIFY(!sums.ok());
        QVERIFY2(sums.error().message.contains(QStringLiteral("row 0 sum to 0.9")), qPrintable(sums.error().message));
        const Eigen::VectorXd missing {{0.0, 1.0, 1.0, 0.0}};
        Eigen::MatrixXd normalised = notNormalised;
        normalised(0, 2) = 0.2;
        const auto absent = rocAucOvr(missing, normalised);
        QVERIFY(!absent.ok());
        QVERIFY2(absent.error().message.contains(QStringLiteral("class 2 does not occur")),
            qPrintable(absent.error().message));
        const auto fine = rocAucOvr(y, normalised);
        EVAL_REQUIRE_OK(fine);
    }

    void invalidInputs()
    {
        const Eigen::VectorXd y {{0.0, 1.0, 1.0}};
        QVERIFY(!rocCurve(y, Eigen::VectorXd {{0.1, 0.2}}).ok());
        QVERIFY(!rocCurve(Eigen::VectorXd {{0.0, 2.0, 1.0}}, Eigen::VectorXd {{0.1, 0.2, 0.3}}).ok());
        const auto nan = precisionRecallCurve(y, Eigen::VectorXd {{0.1, std::nan(""), 0.3}});
        QVERIFY(!nan.ok());
        QVERIFY2(nan.error().message.contains(QStringLiteral("non-finite")), qPrintable(nan.error().message));
        QVERIFY(!averagePrecision(Eigen::VectorXd(), Eigen::VectorXd()).ok());
    }
};

QTEST_GUILESS_MAIN(TestCurves)
#include "tst_eval_curves.moc"
