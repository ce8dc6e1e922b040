// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/learn/Registry.h"
#include "core/learn/linear/LinearRegression.h"

#include <QBuffer>
#include <QTest>

#include <cstring>

using namespace Tandem;
using namespace Tandem::Learn;

namespace {

/// diabetes.csv as X (442 × 10) and y.
std::pair<Matrix, Vector> diabetes()
{
    auto loaded = Data::CsvReader::read(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/diabetes.csv"));
    if (!loaded.ok())
        return {};
    const Data::Dataset &ds = *loaded.value().dataset;
    Matrix X(ds.rowCount(), ds.columnCount() - 1);
    Vector y(ds.rowCount());
    for (qint64 r = 0; r < ds.rowCount(); ++r) {
        for (qsizetype c = 0; c + 1 < ds.columnCount(); ++c)
            X(r, c) = ds.column(c).toDouble(r);
        y[r] = ds.column(ds.columnCount() - 1).toDouble(r);
    }
    return {X, y};
}

void compareRelative(const Vector &actual, const std::vector<double> &expected, double tolerance)
{
    QCOMPARE(actual.size(), Eigen::Index(expected.size()));
    for (Eigen::Index i = 0; i < actual.size(); ++i) {
        const double scale = std::max(1.0, std::abs(expected[std::size_t(i)]));
        QVERIFY2(std::abs(actual[i] - expected[std::size_t(i)]) <= tolerance * scale,
            qPrintable(QStringLiteral("coefficient %1: %2 vs %3")
                           .arg(i)
                           .arg(actual[i], 0, 'g', 17)
                           .arg(expected[std::size_t(i)], 0, 'g', 17)));
    }
}

} // namespace

class TestEstimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registryCreatesFamiliesByIdAndValidatesParams()
    {
        const Registry &registry = Registry::instance();
        QVERIFY(registry.find(QStringLiteral("ridge")));
        QCOMPARE(registry.find(QStringLiteral("ridge"))->task, Task::Regression);
        auto ridge = registry.create(QStringLiteral("ridge"), {{QStringLiteral("alpha"), 0.5}});
        QVERIFY(ridge.ok());
        QCOMPARE(ridge.value()->paramValues().value(QStringLiteral("alpha")).toDouble(), 0.5);
        auto bad = registry.create(QStringLiteral("ridge"), {{QStringLiteral("alpha"), -1}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().message, QStringLiteral("alpha must be >= 0, got -1"));
        auto unknown = registry.create(QStringLiteral("nope"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.startsWith(QStringLiteral("unknown model nope (known: ")));
        for (const ModelInfo &info : registry.models()) {
            auto created = registry.create(info.id);
            QVERIFY2(created.ok(), qPrintable(info.id));
            QCOMPARE(created.value()->id(), info.id);
            QCOMPARE(created.value()->task(), info.task);
        }
    }

    void linearModelsMatchScikitLearnOnDiabetes()
    {
        const auto [X, y] = diabetes();
        QCOMPARE(X.rows(), Eigen::Index(442));
        FitContext context;
        LinearRegression ols(LinearRegression::Kind::OrdinaryLeastSquares);
        QVERIFY(ols.fit(X, y, context).ok());
        // sklearn.linear_model.LinearRegression().fit(X, y), scikit-learn 1.2.1
        compareRelative(ols.coefficients(),
            {-10.009866299810128, -239.81564367242268, 519.8459200544594, 324.3846455023232, -792.1756385522293,
                476.73902100525635, 101.04326793803385, 177.06323767134657, 751.2736995571029, 67.62669218370485},
            1e-8);
        QVERIFY(std::abs(ols.intercept() - 152.13348416289597) < 1e-9);

        LinearRegression ridge(LinearRegression::Kind::Ridge);
        QVERIFY(ridge.setParams({{QStringLiteral("alpha"), 0.5}}).ok());
        QVERIFY(ridge.fit(X, y, context).ok());
        // sklearn.linear_model.Ridge(alpha=0.5).fit(X, y)
        compareRelative(ridge.coefficients(),
            {20.138007091745518, -131.24149466806955, 383.4837037587551, 244.83506963661853, -15.186741386233239,
                -58.34413648643494, -174.84237091382553, 121.98495030378965, 328.4987566991823, 110.8864333009265},
            1e-8);
        QVERIFY(std::abs(ridge.intercept() - 152.133484162896) < 1e-9);
    }

    void rankDeficientDataGetsTheMinimumNormSolution()
    {
        // The second column repeats the first: OLS splits the weight evenly, as lstsq does.
        Matrix X(4, 2);
        X << 1, 1, 2, 2, 3, 3, 4, 4;
        const Vector y = (Vector(4) << 2, 4, 6, 8).finished();
        FitContext context;
        LinearRegression ols(LinearRegression::Kind::OrdinaryLeastSquares);
        QVERIFY(ols.setParams({{QStringLiteral("fit_intercept"), false}}).ok());
        QVERIFY(ols.fit(X, y, context).ok());
        QVERIFY(std::abs(ols.coefficients()[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(ols.coefficients()[1] - 1.0) < 1e-12);
    }

    void savedModelsPredictBitIdentically()
    {
        const auto [X, y] = diabetes();
        FitContext context;
        auto created = Registry::instance().create(QStringLiteral("ridge"), {{QStringLiteral("alpha"), 0.1}});
        QVERIFY(created.ok());
        Estimator &model = *created.value();
        QVERIFY(model.fit(X, y, context).ok());
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(model.save(buffer).ok());
        const QByteArray bytes = buffer.data();

        QBuffer reader;
        reader.setData(bytes);
        reader.open(QIODevice::ReadOnly);
        auto loaded = Estimator::load(reader);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value()->id(), QStringLiteral("ridge"));
        QCOMPARE(loaded.value()->paramValues(), model.paramValues());
        const Vector before = model.predict(X).value();
        const Vector after = loaded.value()->predict(X).value();
        QVERIFY(std::memcmp(before.data(), after.data(), sizeof(double) * std::size_t(before.size())) == 0);

        // Truncated, foreign and future files are refused with a reason.
        QBuffer truncated;
        truncated.setData(bytes.left(bytes.size() - 9));
        truncated.open(QIODevice::ReadOnly);
        QVERIFY(Estimator::load(truncated).error().message.contains(QStringLiteral("truncated")));
        QBuffer foreign;
        foreign.setData("not a model at all");
        foreign.open(QIODevice::ReadOnly);
        QCOMPARE(Estimator::load(foreign).error().message, QStringLiteral("not a Tandem model file"));
        QByteArray future = bytes;
        future[8] = char(99); // format version, little-endian, after the 8-byte magic
        QBuffer newer;
        newer.setData(future);
        newer.open(QIODevice::ReadOnly);
        QVERIFY(Estimator::load(newer).error().message.contains(QStringLiteral("format version 99")));
    }

    void badInputIsRefusedWithAReason()
    {
        FitContext context;
        LinearRegression ols(LinearRegression::Kind::OrdinaryLeastSquares);
        Matrix X(3, 1);
        X << 1, std::numeric_limits<double>::quiet_NaN(), 3;
        QVERIFY(ols.fit(X, Vector::Ones(3), context).error().message.contains(QStringLiteral("impute")));
        QVERIFY(ols.fit(Matrix(0, 2), Vector(0), context).error().message.contains(QStringLiteral("no rows")));
        QVERIFY(
            ols.fit(Matrix::Ones(3, 2), Vector::Ones(2), context).error().message.contains(QStringLiteral("3 rows")));
        QVERIFY(ols.predict(Matrix::Ones(2, 2)).error().message.contains(QStringLiteral("not fitted")));
        QVERIFY(ols.fit(Matrix::Identity(3, 3), Vector::Ones(3), context).ok());
        QVERIFY(ols.predict(Matrix::Ones(2, 2)).error().message.contains(QStringLiteral("3 features, got 2")));
        QVERIFY(ols.predictProba(Matrix::Ones(2, 3)).error().message.contains(QStringLiteral("probabilities")));
    }
};

QTEST_GUILESS_MAIN(TestEstimator)
#include "tst_estimator.moc"
