// SPDX-License-Identifier: GPL-3.0-or-later
// Lasso and elastic net against scikit-learn 1.2.1 on diabetes, and their contract.
#include "core/learn/Registry.h"
#include "core/learn/linear/ElasticNet.h"
#include "tests/support/RecordingSink.h"
#include "tst_linear_fixtures.h"

#include <QTest>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace LinearFixtures;
using Tandem::Testing::RecordingSink;

class TestLinear : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("index");
        for (const QString &model : {QStringLiteral("lasso"), QStringLiteral("elasticnet")}) {
            const QList<Reference> cases = references(model);
            QVERIFY(!cases.isEmpty());
            for (int i = 0; i < cases.size(); ++i)
                QTest::newRow(qPrintable(cases[i].name)) << model << i;
        }
    }
    void matchesScikitLearn()
    {
        QFETCH(QString, model);
        QFETCH(int, index);
        const Reference reference = references(model).at(index);
        const Xy data = dataset(reference.dataset);
        QCOMPARE(data.X.rows(), Eigen::Index(442));
        // The references were computed with tol=1e-12: the same rule stops here at the same optimum.
        QVariantMap params = reference.params;
        params.insert(QStringLiteral("tol"), 1e-12);
        params.insert(QStringLiteral("max_iter"), 1000000);
        auto created = Registry::instance().create(model, params);
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        auto &fitted = static_cast<ElasticNet &>(*created.value());
        FitContext context;
        QVERIFY(fitted.fit(data.X, data.y, context).ok());
        QVERIFY(fitted.converged());
        const double coefficientError = maxRelativeError(fitted.coefficients(), reference.coefficients);
        const double interceptError
            = std::abs(fitted.intercept() - reference.intercepts[0]) / std::max(1.0, std::abs(reference.intercepts[0]));
        qInfo("%s: max relative coefficient error %.3g, intercept %.3g, %d sweeps", qPrintable(reference.name),
            coefficientError, interceptError, fitted.iterations());
        QVERIFY2(coefficientError < 1e-4, qPrintable(QString::number(coefficientError)));
        QVERIFY2(interceptError < 1e-4, qPrintable(QString::number(interceptError)));
        // Coefficients that scikit-learn sets to exactly zero are exactly zero here too.
        for (Eigen::Index j = 0; j < reference.coefficients.size(); ++j)
            QCOMPARE(fitted.coefficients()[j] == 0.0, reference.coefficients(j, 0) == 0.0);
    }

    void dualityGapIsReportedAndMet()
    {
        const Xy data = dataset(QStringLiteral("diabetes"));
        ElasticNet lasso(ElasticNet::Kind::Lasso);
        QVERIFY(lasso.setParams({{QStringLiteral("alpha"), 0.01}}).ok());
        FitContext context;
        QList<StepReport> steps;
        context.stepSink = [&steps](const StepReport &step) { steps << step; };
        QVERIFY(lasso.fit(data.X, data.y, context).ok());
        QCOMPARE(steps.size(), lasso.iterations());
        QCOMPARE(steps.first().metric, QStringLiteral("duality_gap"));
        QCOMPARE(steps.last().step, lasso.iterations());
        const Vector yc = data.y.array() - data.y.mean();
        QVERIFY(lasso.converged());
        QVERIFY(steps.last().value < 1e-4 * yc.squaredNorm());
        QVERIFY(steps.last().value < steps.first().value);
    }

    void randomSelectionIsSeededAndReachesTheSameOptimum()
    {
        const Xy data = dataset(QStringLiteral("diabetes"));
        const ParamValues params {{QStringLiteral("alpha"), 0.05}, {QStringLiteral("l1_ratio"), 0.7},
            {QStringLiteral("tol"), 1e-12}, {QStringLiteral("max_iter"), 100000}};
        auto fitWith = [&](const QString &selection, quint64 seed) {
            ElasticNet model(ElasticNet::Kind::ElasticNet);
            ParamValues values = params;
            values.insert(QStringLiteral("selection"), selection);
            if (!model.setParams(values).ok())
                return Vector();
            FitContext context;
            context.seed = seed;
            if (!model.fit(data.X, data.y, context).ok())
                return Vector();
            return model.coefficients();
        };
        const Vector cyclic = fitWith(QStringLiteral("cyclic"), 0);
        const Vector random = fitWith(QStringLiteral("random"), 7);
        QCOMPARE(random.size(), cyclic.size());
        QVERIFY(maxRelativeError(random, cyclic) < 1e-6);
        QVERIFY(sameBits(random, fitWith(QStringLiteral("random"), 7)));
    }

    void stopRequestEndsTheFit()
    {
        const Xy data = dataset(QStringLiteral("diabetes"));
        RecordingSink sink(RecordingSink::Stop::AfterReports, 1);
        FitContext context {Base::Progress(sink)};
        ElasticNet lasso(ElasticNet::Kind::Lasso);
        QVERIFY(lasso
                    .setParams({{QStringLiteral("alpha"), 1e-4}, {QStringLiteral("tol"), 1e-14},
                        {QStringLiteral("max_iter"), 1000000000}})
                    .ok());
        const Base::Status status = lasso.fit(data.X, data.y, context);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().message, FitContext::stoppedMessage());
        QVERIFY(!lasso.isFitted());
    }

    void savedModelsPredictBitIdentically()
    {
        const Xy data = dataset(QStringLiteral("diabetes"));
        auto created = Registry::instance().create(
            QStringLiteral("elasticnet"), {{QStringLiteral("alpha"), 0.01}, {QStringLiteral("l1_ratio"), 0.3}});
        QVERIFY(created.ok());
        FitContext context;
        QVERIFY(created.value()->fit(data.X, data.y, context).ok());
        auto loaded = roundTrip(*created.value());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value()->id(), QStringLiteral("elasticnet"));
        QVERIFY(sameBits(created.value()->predict(data.X).value(), loaded.value()->predict(data.X).value()));
    }

    void invalidParamsAreNamed_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("alpha zero") << "lasso"
                                    << "alpha" << QVariant(0) << "alpha must be > 0, got 0";
        QTest::newRow("l1_ratio") << "elasticnet"
                                  << "l1_ratio" << QVariant(1.5) << "l1_ratio must be in [0, 1], got 1.5";
        QTest::newRow("lasso has no l1_ratio")
            << "lasso"
            << "l1_ratio" << QVariant(0.5)
            << "unknown parameter l1_ratio (this model takes: alpha, fit_intercept, max_iter, tol, selection)";
        QTest::newRow("selection") << "elasticnet"
                                   << "selection" << QVariant(QStringLiteral("greedy"))
                                   << "selection must be one of cyclic, random, got greedy";
        QTest::newRow("tol") << "lasso"
                             << "tol" << QVariant(-1) << "tol must be > 0, got -1";
    }
    void invalidParamsAreNamed()
    {
        QFETCH(QString, model);
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        QFETCH(QString, message);
        auto created = Registry::instance().create(model, {{name, value}});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestLinear)
#include "tst_linear.moc"
