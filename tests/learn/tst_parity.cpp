// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-validated scores of every model family against scikit-learn 1.2.1 on the
// same folds (issue 4, point 5), and 10-fold logistic regression on Weka's
// credit-g against scikit-learn and Weka. The references are committed numbers
// (tests/fixtures/learn/parity/README.md says how they were made).
#include "core/data/DatasetReader.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace Tandem;

namespace {

QJsonObject references()
{
    QFile file(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/parity/references.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the parity references");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString sourcePath(const QString &file)
{
    return QFileInfo(file).isAbsolute() ? file : QStringLiteral(TANDEM_SOURCE_DIR "/") + file;
}

double metricMean(const Eval::EvaluationResult &result, const QString &name)
{
    for (const Eval::Metric &metric : result.metrics.means()) {
        if (metric.name == name)
            return metric.value;
    }
    return std::nan("");
}

/// Runs `modelId` on `dataset` as the fixture entry says, checks that the folds are
/// the fixture's (the references were computed on exactly these) and returns the
/// mean of the entry's metric.
double tandemScore(const QJsonObject &entry, const QString &modelId, const QJsonObject &params)
{
    const auto loaded = Data::DatasetReader::read(sourcePath(entry.value(QStringLiteral("file")).toString()));
    if (!loaded.ok()) {
        qWarning("%s", qPrintable(loaded.error().toString()));
        return std::nan("");
    }
    Learn::PipelineSpec pipeline;
    pipeline.target = entry.value(QStringLiteral("target")).toString();
    pipeline.task = entry.value(QStringLiteral("task")).toString() == QLatin1String("regression")
        ? Learn::Task::Regression
        : Learn::Task::Classification;
    pipeline.scaling = entry.value(QStringLiteral("scaling")).toString() == QLatin1String("standard")
        ? Learn::Scaling::Standard
        : Learn::Scaling::None;
    Eval::EvaluationSpec spec;
    spec.folds = entry.value(QStringLiteral("folds")).toInt();
    spec.shuffle = true;
    spec.seed = 0;
    spec.threads = 2;
    Base::NullProgressSink sink;
    const auto result = Eval::crossValidate(
        *loaded.value().dataset, pipeline, modelId, params.toVariantMap(), spec, Base::Progress(sink));
    if (!result.ok()) {
        qWarning("%s", qPrintable(result.error().toString()));
        return std::nan("");
    }

    const QJsonArray foldOfRow = entry.value(QStringLiteral("fold_of_row")).toArray();
    if (foldOfRow.size() != loaded.value().dataset->rowCount()) {
        qWarning(
            "the fixture has %lld rows, the file %lld", qint64(foldOfRow.size()), loaded.value().dataset->rowCount());
        return std::nan("");
    }
    for (const Eval::FoldOutcome &fold : result.value().folds) {
        for (const qint64 row : fold.predictions.rows) {
            if (foldOfRow.at(row).toInt() != fold.index) {
                qWarning("row %lld is in fold %d, the references have it in fold %d", row, fold.index,
                    foldOfRow.at(row).toInt());
                return std::nan("");
            }
        }
    }
    return metricMean(result.value(), entry.value(QStringLiteral("metric")).toString());
}

} // namespace

class TestParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crossValidatedScoreMatchesScikitLearn_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QTest::addColumn<QString>("model");
        const QJsonObject all = references();
        for (const QJsonValue dataset : all.value(QStringLiteral("datasets")).toArray()) {
            const QJsonObject entry = dataset.toObject();
            const QJsonObject models = entry.value(QStringLiteral("models")).toObject();
            for (auto it = models.constBegin(); it != models.constEnd(); ++it)
                QTest::addRow("%s %s", qPrintable(entry.value(QStringLiteral("name")).toString()), qPrintable(it.key()))
                    << entry << it.key();
        }
    }

    void crossValidatedScoreMatchesScikitLearn()
    {
        QFETCH(QJsonObject, entry);
        QFETCH(QString, model);
        const QJsonObject reference = entry.value(QStringLiteral("models")).toObject().value(model).toObject();
        // Families with random streams of their own (forests, boosting's ties, network
        // initialisation) cannot draw scikit-learn's numbers: their entries carry a
        // wider tolerance of their own.
        const double tolerance = reference.contains(QStringLiteral("tolerance"))
            ? reference.value(QStringLiteral("tolerance")).toDouble()
            : references().value(QStringLiteral("tolerance")).toDouble();
        const double expected = reference.value(QStringLiteral("mean")).toDouble();
        const double actual = tandemScore(entry, model, reference.value(QStringLiteral("params")).toObject());
        qInfo("%s: Tandem %.6f, scikit-learn %.6f (difference %+.4f)",
            qPrintable(entry.value(QStringLiteral("metric")).toString()), actual, expected, actual - expected);
        QVERIFY2(std::abs(actual - expected) <= tolerance,
            qPrintable(QStringLiteral("Tandem %1, scikit-learn %2").arg(actual).arg(expected)));
    }

    void everyFamilyIsCovered()
    {
        QStringList covered;
        for (const QJsonValue dataset : references().value(QStringLiteral("datasets")).toArray())
            covered += dataset.toObject().value(QStringLiteral("models")).toObject().keys();
        for (const Learn::ModelInfo &model : Learn::Registry::instance().models())
            QVERIFY2(covered.contains(model.id), qPrintable(model.id + QStringLiteral(" has no parity reference")));
    }

    void creditGLogisticRegressionMatchesScikitLearnAndWeka()
    {
        const QJsonObject entry = references().value(QStringLiteral("credit_g")).toObject();
        if (!QFileInfo::exists(entry.value(QStringLiteral("file")).toString()))
            QSKIP("credit-g.arff is not installed (Debian package weka)");
        const double tolerance = entry.value(QStringLiteral("tolerance")).toDouble();
        const double sklearn
            = entry.value(QStringLiteral("sklearn")).toObject().value(QStringLiteral("mean")).toDouble();
        const double weka = entry.value(QStringLiteral("weka")).toObject().value(QStringLiteral("accuracy")).toDouble();
        const double actual = tandemScore(
            entry, entry.value(QStringLiteral("model")).toString(), entry.value(QStringLiteral("params")).toObject());
        qInfo("credit-g 10-fold logistic regression accuracy: Tandem %.4f, scikit-learn %.4f, Weka %.4f", actual,
            sklearn, weka);
        QVERIFY2(std::abs(actual - sklearn) <= tolerance, qPrintable(QString::number(actual)));
        QVERIFY2(std::abs(actual - weka) <= tolerance, qPrintable(QString::number(actual)));
    }
};

QTEST_GUILESS_MAIN(TestParity)
#include "tst_parity.moc"
