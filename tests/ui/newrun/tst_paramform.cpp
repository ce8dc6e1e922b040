// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/Registry.h"
#include "ui/runs/newrun/ParamForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Tandem;

class TestParamForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneEditorPerSpec_data();
    void oneEditorPerSpec();
    void invalidValueMarkedInline();
    void textParamValidated();
    void sweepRangeAndList();
};

void TestParamForm::oneEditorPerSpec_data()
{
    QTest::addColumn<QString>("model");
    for (const Learn::ModelInfo &info : Learn::Registry::instance().models())
        QTest::newRow(qPrintable(info.id)) << info.id;
}

void TestParamForm::oneEditorPerSpec()
{
    QFETCH(QString, model);
    const QList<Learn::ParamSpec> specs = Learn::Registry::instance().find(model)->create()->params();
    Ui::ParamForm form;
    form.setSpecs(specs);
    for (const Learn::ParamSpec &spec : specs) {
        QWidget *editor = form.editor(spec.name);
        QVERIFY2(editor, qPrintable(spec.name));
        QCOMPARE(editor->objectName(), spec.name);
        QVERIFY2(editor->toolTip().contains(spec.help.toHtmlEscaped()), qPrintable(spec.name));
        switch (spec.type) {
        case Learn::ParamSpec::Type::Int:
        case Learn::ParamSpec::Type::Float: QVERIFY(qobject_cast<QDoubleSpinBox *>(editor)); break;
        case Learn::ParamSpec::Type::Choice:
            QCOMPARE(qobject_cast<QComboBox *>(editor)->count(), spec.choices.size());
            break;
        case Learn::ParamSpec::Type::Bool: QVERIFY(qobject_cast<QCheckBox *>(editor)); break;
        case Learn::ParamSpec::Type::Text: QVERIFY(qobject_cast<QLineEdit *>(editor)); break;
        }
        QVERIFY2(form.errorText(spec.name).isEmpty(), qPrintable(form.errorText(spec.name)));
    }
    // Every field at its default: nothing to write.
    QVERIFY(form.values().isEmpty());
    QVERIFY(form.firstError().isEmpty());
}

void TestParamForm::invalidValueMarkedInline()
{
    Ui::ParamForm form;
    form.setSpecs(Learn::Registry::instance().find(QStringLiteral("logreg"))->create()->params());
    auto *c = qobject_cast<QDoubleSpinBox *>(form.editor(QStringLiteral("C")));
    QVERIFY(c);
    QSignalSpy changed(&form, &Ui::ParamForm::changed);
    c->setValue(0.0); // C > 0
    QVERIFY(changed.count() > 0);
    QVERIFY(!form.errorText(QStringLiteral("C")).isEmpty());
    QVERIFY(form.firstError().startsWith(QStringLiteral("C must be > 0")));
    QCOMPARE(form.values().value(QStringLiteral("C")).toDouble(), 0.0);
    c->setValue(0.5);
    QVERIFY(form.errorText(QStringLiteral("C")).isEmpty());
    QCOMPARE(form.values().value(QStringLiteral("C")).toDouble(), 0.5);
    // Log-scale parameters step by decades.
    c->setValue(1.0);
    c->stepUp();
    QCOMPARE(c->value(), 10.0);
    QCOMPARE(c->text(), QStringLiteral("10"));
    c->setValue(1e-5);
    QCOMPARE(c->text(), QStringLiteral("1e-05"));
}

void TestParamForm::textParamValidated()
{
    Ui::ParamForm form;
    form.setSpecs(Learn::Registry::instance().find(QStringLiteral("mlp"))->create()->params());
    auto *sizes = qobject_cast<QLineEdit *>(form.editor(QStringLiteral("hidden_layer_sizes")));
    QVERIFY(sizes);
    sizes->setText(QStringLiteral("64,abc"));
    QVERIFY(!form.errorText(QStringLiteral("hidden_layer_sizes")).isEmpty());
    QVERIFY(form.firstError().startsWith(QStringLiteral("hidden_layer_sizes ")));
    sizes->setText(QStringLiteral("64,32"));
    QVERIFY(form.errorText(QStringLiteral("hidden_layer_sizes")).isEmpty());
    QCOMPARE(form.values().value(QStringLiteral("hidden_layer_sizes")).toString(), QStringLiteral("64,32"));
}

void TestParamForm::sweepRangeAndList()
{
    Ui::ParamForm form;
    form.setSpecs(Learn::Registry::instance().find(QStringLiteral("logreg"))->create()->params());
    QVERIFY(form.sweepParams().isEmpty());
    form.findChild<QToolButton *>(QStringLiteral("CSweep"))->click();
    QVERIFY(form.isSwept(QStringLiteral("C")));
    QJsonObject sweep = form.sweepParams();
    const QJsonObject range = sweep.value(QStringLiteral("C")).toObject();
    QCOMPARE(range.value(QStringLiteral("min")).toDouble(), 0.1);
    QCOMPARE(range.value(QStringLiteral("max")).toDouble(), 10.0);
    QCOMPARE(range.value(QStringLiteral("steps")).toInt(), 5);
    QVERIFY(!form.values().contains(QStringLiteral("C")));
    form.setRandomSearch(true);
    QVERIFY(!form.sweepParams().value(QStringLiteral("C")).toObject().contains(QStringLiteral("steps")));

    form.setSwept(QStringLiteral("penalty"), true);
    const QJsonArray penalties = form.sweepParams().value(QStringLiteral("penalty")).toArray();
    QVERIFY(penalties.size() >= 2);

    form.setSweepParams({{QStringLiteral("C"), QJsonArray {0.01, 1, 100}}});
    QCOMPARE(form.sweepParams().value(QStringLiteral("C")).toArray(), (QJsonArray {0.01, 1.0, 100.0}));
    QVERIFY(form.firstError().isEmpty());
    form.setSweepParams({{QStringLiteral("C"), QJsonArray {QStringLiteral("x")}}});
    QVERIFY(form.firstError().startsWith(QStringLiteral("C: sweep")));
}

QTEST_MAIN(TestParamForm)
#include "tst_paramform.moc"
