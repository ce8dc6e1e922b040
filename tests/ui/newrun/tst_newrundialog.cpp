// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "ui/runs/newrun/NewRunDialog.h"
#include "ui/runs/newrun/ParamForm.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace Tandem;

namespace {

const QString dataPath = QStringLiteral("/data/plants.csv");

/// species (3 classes), two measurements, a count with many values, a note (text).
std::shared_ptr<const Data::Dataset> plants()
{
    std::vector<double> length, width;
    std::vector<qint64> height;
    std::vector<qint32> species;
    QStringList notes;
    for (int i = 0; i < 60; ++i) {
        length.push_back(4.0 + 0.05 * i);
        width.push_back(2.0 + 0.03 * (i % 7));
        height.push_back(100 + i * 3);
        species.push_back(i % 3);
        notes << QStringLiteral("note %1").arg(i);
    }
    Data::DatasetBuilder builder;
    builder.addColumn(Data::Column::numeric(QStringLiteral("length"), length));
    builder.addColumn(Data::Column::numeric(QStringLiteral("width"), width));
    builder.addColumn(Data::Column::integer(QStringLiteral("height"), height));
    builder.addColumn(Data::Column::text(QStringLiteral("note"), notes));
    builder.addColumn(Data::Column::categorical(QStringLiteral("species"), species,
        {QStringLiteral("setosa"), QStringLiteral("versicolor"), QStringLiteral("virginica")}));
    return builder.build().value();
}

QStringList modelIds(Learn::Task task)
{
    QStringList ids;
    for (const Learn::ModelInfo &info : Learn::Registry::instance().models(task))
        ids << info.id;
    return ids;
}

void chooseModel(Ui::NewRunDialog &dialog, const QString &id)
{
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("model"));
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemData(i, Qt::UserRole).toString() == id) {
            combo->setCurrentIndex(i);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("model %1 not offered").arg(id)));
}

template<typename T> T *child(const QObject &parent, const char *name)
{
    return parent.findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestNewRunDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsMakeAValidSpec();
    void targetFiltersModelsByTask();
    void outOfRangeDisablesStart();
    void textParamValidated();
    void sweepToggleMakesSweepJson();
    void roundTripsThroughSetSpec();
    void offersExistingExperimentsAndTakesNewNames();
    void screenshot();
};

void TestNewRunDialog::defaultsMakeAValidSpec()
{
    Ui::NewRunDialog dialog;
    QVERIFY(!dialog.isValid()); // no dataset yet
    QVERIFY(!dialog.startButton()->isEnabled());
    dialog.addDataset(dataPath, plants());
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    QVERIFY(dialog.startButton()->isEnabled());
    const QJsonObject spec = dialog.spec();
    QCOMPARE(spec.value(QStringLiteral("target")).toString(), QStringLiteral("species"));
    // Every column but the target and the text column.
    QCOMPARE(spec.value(QStringLiteral("features")).toArray(),
        (QJsonArray {QStringLiteral("length"), QStringLiteral("width"), QStringLiteral("height")}));
    QCOMPARE(dialog.task(), Learn::Task::Classification);
    QVERIFY(dialog.taskText().contains(QStringLiteral("3 classes")));
    QVERIFY(Runs::RunSpec::fromJson(spec).ok());
}

void TestNewRunDialog::targetFiltersModelsByTask()
{
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    auto *target = child<QComboBox>(dialog, "target");
    target->setCurrentText(QStringLiteral("species"));
    QCOMPARE(dialog.task(), Learn::Task::Classification);
    QCOMPARE(dialog.offeredModels(), modelIds(Learn::Task::Classification));

    target->setCurrentText(QStringLiteral("length"));
    QCOMPARE(dialog.task(), Learn::Task::Regression);
    QCOMPARE(dialog.offeredModels(), modelIds(Learn::Task::Regression));
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    // The former target is a feature again; the new one is not.
    const QJsonArray features = dialog.spec().value(QStringLiteral("features")).toArray();
    QVERIFY(features.contains(QStringLiteral("species")));
    QVERIFY(!features.contains(QStringLiteral("length")));

    target->setCurrentText(QStringLiteral("height")); // integers with many values
    QCOMPARE(dialog.task(), Learn::Task::Regression);
}

void TestNewRunDialog::outOfRangeDisablesStart()
{
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    chooseModel(dialog, QStringLiteral("logreg"));
    QVERIFY(dialog.isValid());
    auto *c = qobject_cast<QDoubleSpinBox *>(dialog.paramForm()->editor(QStringLiteral("C")));
    c->setValue(0.0);
    QVERIFY(!dialog.isValid());
    QVERIFY(!dialog.startButton()->isEnabled());
    QVERIFY2(
        dialog.validationError().startsWith(QStringLiteral("C must be > 0")), qPrintable(dialog.validationError()));
    QCOMPARE(child<QLabel>(dialog, "validationError")->text(), dialog.validationError());
    c->setValue(2.0);
    QVERIFY(dialog.startButton()->isEnabled());
    QCOMPARE(dialog.spec()[QStringLiteral("model")][QStringLiteral("params")][QStringLiteral("C")].toDouble(), 2.0);

    // Errors of the evaluation name their field too.
    child<QSpinBox>(dialog, "repeats")->setValue(3);
    child<QCheckBox>(dialog, "shuffle")->setChecked(false);
    QVERIFY(!dialog.isValid());
    QVERIFY2(
        dialog.validationError().contains(QStringLiteral("evaluation.repeats")), qPrintable(dialog.validationError()));
}

void TestNewRunDialog::textParamValidated()
{
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    chooseModel(dialog, QStringLiteral("mlp"));
    auto *sizes = qobject_cast<QLineEdit *>(dialog.paramForm()->editor(QStringLiteral("hidden_layer_sizes")));
    QVERIFY(sizes);
    sizes->setText(QStringLiteral("64,-1"));
    QVERIFY(!dialog.isValid());
    QVERIFY(dialog.validationError().contains(QStringLiteral("hidden_layer_sizes")));
    sizes->setText(QStringLiteral("64,32"));
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    const auto spec = Runs::RunSpec::fromJson(dialog.spec());
    QVERIFY(spec.ok());
    QCOMPARE(spec->params.value(QStringLiteral("hidden_layer_sizes")).toString(), QStringLiteral("64,32"));
}

void TestNewRunDialog::sweepToggleMakesSweepJson()
{
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    chooseModel(dialog, QStringLiteral("logreg"));
    dialog.paramForm()->setSwept(QStringLiteral("C"), true);
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    QJsonObject sweep = dialog.spec().value(QStringLiteral("sweep")).toObject();
    QCOMPARE(sweep.value(QStringLiteral("method")).toString(), QStringLiteral("grid"));
    QVERIFY(sweep[QStringLiteral("params")][QStringLiteral("C")].isObject());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("sweepSummary"))->text().contains(QStringLiteral("5 runs")));
    QVERIFY(!dialog.spec()[QStringLiteral("model")].toObject().contains(QStringLiteral("params")));

    child<QComboBox>(dialog, "sweepMethod")->setCurrentIndex(1); // random
    child<QSpinBox>(dialog, "iterations")->setValue(7);
    sweep = dialog.spec().value(QStringLiteral("sweep")).toObject();
    QCOMPARE(sweep.value(QStringLiteral("n_iter")).toInt(), 7);
    QVERIFY(!sweep[QStringLiteral("params")][QStringLiteral("C")].toObject().contains(QStringLiteral("steps")));
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));

    child<QCheckBox>(dialog, "halving")->setChecked(true);
    child<QSpinBox>(dialog, "halvingMinFolds")->setValue(5); // not below the 5 folds
    QVERIFY(!dialog.isValid());
    QVERIFY(dialog.validationError().contains(QStringLiteral("sweep.halving.min_folds")));
    child<QSpinBox>(dialog, "halvingMinFolds")->setValue(1);
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));

    dialog.paramForm()->setSwept(QStringLiteral("C"), false);
    QVERIFY(!dialog.spec().contains(QStringLiteral("sweep")));
}

void TestNewRunDialog::roundTripsThroughSetSpec()
{
    const auto data = plants();
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, data);
    chooseModel(dialog, QStringLiteral("forest"));
    dialog.findChild<QListWidget *>(QStringLiteral("features"))->item(1)->setCheckState(Qt::Unchecked);
    child<QComboBox>(dialog, "scaling")->setCurrentIndex(2);
    child<QComboBox>(dialog, "evaluationMethod")->setCurrentIndex(1);
    child<QDoubleSpinBox>(dialog, "holdoutFraction")->setValue(0.3);
    child<QDoubleSpinBox>(dialog, "seed")->setValue(7);
    child<QComboBox>(dialog, "stratify")->setCurrentIndex(1);
    child<QLineEdit>(dialog, "name")->setText(QStringLiteral("forest check"));
    child<QComboBox>(dialog, "experiment")->setEditText(QStringLiteral("plants"));
    dialog.paramForm()->setValues({{QStringLiteral("n_estimators"), 50}});
    dialog.paramForm()->setSwept(QStringLiteral("max_depth"), true);
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    const QJsonObject spec = dialog.spec();
    const auto parsed = Runs::RunSpec::fromJson(spec);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    QCOMPARE(parsed->modelId, QStringLiteral("forest"));
    QCOMPARE(parsed->features, (QStringList {QStringLiteral("length"), QStringLiteral("height")}));
    QCOMPARE(parsed->pipeline->scaling, Learn::Scaling::MinMax);
    QCOMPARE(parsed->evaluation.method, Eval::EvaluationSpec::Method::Holdout);
    QCOMPARE(parsed->evaluation.seed, quint64(7));
    QCOMPARE(parsed->params.value(QStringLiteral("n_estimators")).toLongLong(), 50);
    QVERIFY(parsed->sweep);

    Ui::NewRunDialog copy;
    copy.addDataset(QStringLiteral("/data/other.csv"), data);
    copy.addDataset(dataPath, data);
    copy.setSpec(spec);
    QCOMPARE(copy.spec(), spec);
    QVERIFY(copy.isValid());

    // A spec of a dataset whose columns are not known keeps its target and features.
    QJsonObject unknown = spec;
    unknown[QStringLiteral("dataset")] = QJsonObject {{QStringLiteral("path"), QStringLiteral("/data/elsewhere.csv")},
        {QStringLiteral("fingerprint"), QString(64, QLatin1Char('a'))}};
    Ui::NewRunDialog third;
    third.setSpec(unknown);
    QCOMPARE(third.spec(), unknown);
}

void TestNewRunDialog::offersExistingExperimentsAndTakesNewNames()
{
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    auto *field = child<QComboBox>(dialog, "experiment");
    QVERIFY(field);
    QVERIFY(field->isEditable());
    QTest::keyClicks(field->lineEdit(), QStringLiteral("draft"));

    // ExperimentStore::experiments() lists the oldest first; the newest is offered first.
    dialog.setExperiments(
        {{1, QStringLiteral("baseline"), {}, {}, 3}, {2, QStringLiteral("plants-sweep"), {}, {}, 12}});
    QCOMPARE(dialog.offeredExperiments(), (QStringList {QStringLiteral("plants-sweep"), QStringLiteral("baseline")}));
    QCOMPARE(field->itemData(0, Qt::ToolTipRole).toString(), QStringLiteral("12 runs"));
    // Offering names leaves what was typed.
    QCOMPARE(dialog.spec().value(QStringLiteral("experiment")).toString(), QStringLiteral("draft"));

    field->setCurrentIndex(1);
    QCOMPARE(dialog.spec().value(QStringLiteral("experiment")).toString(), QStringLiteral("baseline"));

    // A new name, typed as the prefix of an existing one, is used as typed (no inline
    // completion makes it the existing one) and is not added to the list.
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    field->lineEdit()->setFocus();
    QTRY_VERIFY(field->lineEdit()->hasFocus());
    field->lineEdit()->clear();
    QVERIFY(!dialog.spec().contains(QStringLiteral("experiment")));
    QTest::keyClicks(field->lineEdit(), QStringLiteral("plants"));
    QCOMPARE(field->currentText(), QStringLiteral("plants"));
    QCOMPARE(dialog.spec().value(QStringLiteral("experiment")).toString(), QStringLiteral("plants"));
    QVERIFY2(dialog.isValid(), qPrintable(dialog.validationError()));
    const auto parsed = Runs::RunSpec::fromJson(dialog.spec());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    QCOMPARE(parsed->experiment, QStringLiteral("plants"));
    QCOMPARE(field->count(), 2);
}

void TestNewRunDialog::screenshot()
{
    const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set TANDEM_SCREENSHOT_DIR to write screenshots");
    Ui::NewRunDialog dialog;
    dialog.addDataset(dataPath, plants());
    dialog.setExperiments(
        {{1, QStringLiteral("iris baselines"), {}, {}, 1}, {2, QStringLiteral("wine: regularisation"), {}, {}, 8}});
    chooseModel(dialog, QStringLiteral("logreg"));
    dialog.paramForm()->setSwept(QStringLiteral("C"), true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("newrun.png"))));
    auto *experiment = child<QComboBox>(dialog, "experiment");
    experiment->showPopup();
    QTest::qWait(50);
    QVERIFY(experiment->view()->window()->grab().save(QDir(dir).filePath(QStringLiteral("newrun-experiments.png"))));
    experiment->hidePopup();
    auto *c = qobject_cast<QDoubleSpinBox *>(dialog.paramForm()->editor(QStringLiteral("max_iter")));
    if (c)
        c->setValue(0);
    chooseModel(dialog, QStringLiteral("mlp"));
    qobject_cast<QLineEdit *>(dialog.paramForm()->editor(QStringLiteral("hidden_layer_sizes")))
        ->setText(QStringLiteral("64,x"));
    child<QToolButton>(dialog, "showJson")->click();
    QTest::qWait(50);
    QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("newrun-mlp.png"))));
}

QTEST_MAIN(TestNewRunDialog)
#include "tst_newrundialog.moc"
