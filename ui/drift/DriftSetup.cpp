// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftSetup.h"

#include "core/drift/DriftFormat.h"
#include "core/drift/FeatureDrift.h"
#include "ui/shell/FlowLayout.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace Tandem::Ui {
namespace {

constexpr int kindRole = Qt::UserRole + 1;

QLabel *labelFor(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

DriftSetup::DriftSetup(QWidget *parent)
    : QWidget(parent)
    , m_test(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_time(new QComboBox(this))
    , m_predictions(new QComboBox(this))
    , m_windows(new QSpinBox(this))
    , m_share(new QDoubleSpinBox(this))
{
    m_test->setObjectName(QStringLiteral("driftTest"));
    m_test->addItem(tr("Auto"));
    for (const Drift::DriftTest test : Drift::allDriftTests())
        m_test->addItem(Drift::driftTestTitle(test), int(test));
    m_test->setToolTip(tr("The test of every feature it fits.\nAuto, after Evidently: with at most 1,000 reference "
                          "values Kolmogorov–Smirnov (numbers) or chi-square (categories), p < 0.05; with more, the "
                          "Wasserstein distance over the reference's standard deviation or the Jensen–Shannon "
                          "distance, ≥ 0.1. Numbers with at most 5 values count as categories.\nRight-click a "
                          "feature in the table to choose its own test."));
    m_target->setObjectName(QStringLiteral("driftTarget"));
    m_target->setToolTip(tr("The target column: left out of the features, its own drift shown apart; with "
                            "predictions, the model's performance per window"));
    m_time->setObjectName(QStringLiteral("driftTime"));
    m_time->setToolTip(tr("A time or order column (numbers or dates): the current rows are cut into windows "
                          "along it, and each window is compared with the reference"));
    m_predictions->setObjectName(QStringLiteral("driftPredictions"));
    m_predictions->setToolTip(tr("Where predictions come from: a column of logged predictions in both files, the "
                                 "reference run's model (refitted), or a model bundle. With a target they give the "
                                 "performance per window."));
    m_windows->setObjectName(QStringLiteral("driftWindows"));
    m_windows->setRange(2, 200);
    m_windows->setValue(10);
    m_windows->setSuffix(tr(" windows"));
    m_windows->setToolTip(tr("How many windows of (nearly) equal size the current rows are cut into, along the "
                             "time column or in file order"));
    m_share->setObjectName(QStringLiteral("driftShare"));
    m_share->setRange(0.01, 1.0);
    m_share->setSingleStep(0.05);
    m_share->setDecimals(2);
    m_share->setValue(0.5);
    m_share->setToolTip(tr("The dataset drifts when at least this share of its features drifted"));

    // Long column names must not widen the window: the boxes show what fits and the
    // list shows all; the pairs wrap onto a second line when the view is narrow.
    for (QComboBox *box : {m_test, m_target, m_time, m_predictions}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(10);
    }
    auto *layout = new FlowLayout(this);
    const auto pair = [this, layout](const QString &text, QWidget *field) {
        auto *group = new QWidget(this);
        auto *row = new QHBoxLayout(group);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        if (!text.isEmpty())
            row->addWidget(labelFor(text, field, group));
        row->addWidget(field);
        layout->addWidget(group);
    };
    pair(tr("&Test:"), m_test);
    pair(tr("T&arget:"), m_target);
    pair(tr("T&ime:"), m_time);
    pair(tr("&Predictions:"), m_predictions);
    pair(QString(), m_windows);
    pair(tr("Drift &share:"), m_share);

    fillColumnBox(m_target, {}, {});
    fillColumnBox(m_time, {}, {});
    fillPredictions({});
    for (QComboBox *box : {m_test, m_target, m_time})
        connect(box, &QComboBox::currentIndexChanged, this, &DriftSetup::changed);
    connect(m_predictions, &QComboBox::activated, this, &DriftSetup::predictionsActivated);
    connect(m_predictions, &QComboBox::currentIndexChanged, this, &DriftSetup::changed);
    connect(m_windows, &QSpinBox::valueChanged, this, &DriftSetup::changed);
    connect(m_share, &QDoubleSpinBox::valueChanged, this, &DriftSetup::changed);
}

void DriftSetup::setColumns(const QStringList &names, const QList<Data::ColumnType> &types)
{
    m_names = names;
    m_types = types;
    QStringList ordered;
    for (qsizetype i = 0; i < names.size() && i < types.size(); ++i) {
        if (Drift::roleOf(types[i]) == Drift::FeatureKind::Numeric)
            ordered << names[i];
    }
    fillColumnBox(m_target, names, choice().target);
    fillColumnBox(m_time, ordered, choice().time);
    fillPredictions(choice().predictionColumn);
}

void DriftSetup::setReferenceRun(std::optional<qint64> runId, const QString &target)
{
    m_runId = runId;
    fillPredictions(choice().predictionColumn);
    if (runId && !target.isEmpty() && m_target->currentIndex() <= 0)
        setTarget(target);
}

void DriftSetup::fillColumnBox(QComboBox *box, const QStringList &names, const QString &keep)
{
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(tr("(none)"));
    for (const QString &name : names)
        box->addItem(name, name);
    if (!keep.isEmpty() && !names.contains(keep))
        box->addItem(keep, keep); // set before the columns were known; checked when analysing
    box->setCurrentIndex(keep.isEmpty() ? 0 : box->findData(keep));
}

void DriftSetup::fillPredictions(const QString &keepColumn)
{
    const PredictionSource keep = choice().predictions;
    const QSignalBlocker blocker(m_predictions);
    m_predictions->clear();
    m_predictions->addItem(tr("(none)"), int(PredictionSource::None));
    if (m_runId)
        m_predictions->addItem(tr("Model of run #%1").arg(*m_runId), int(PredictionSource::RunModel));
    m_predictions->addItem(
        m_bundlePath.isEmpty() ? tr("Model bundle…") : tr("Bundle %1").arg(QFileInfo(m_bundlePath).fileName()),
        int(PredictionSource::BundleFile));
    m_predictions->setItemData(m_predictions->count() - 1, m_bundlePath, Qt::ToolTipRole);
    QStringList columns = m_names;
    if (!keepColumn.isEmpty() && !columns.contains(keepColumn))
        columns << keepColumn;
    for (const QString &name : std::as_const(columns)) {
        m_predictions->addItem(tr("Column %1").arg(name), int(PredictionSource::Column));
        m_predictions->setItemData(m_predictions->count() - 1, name, kindRole);
    }
    int index = 0;
    for (int i = 0; i < m_predictions->count(); ++i) {
        const auto source = PredictionSource(m_predictions->itemData(i).toInt());
        if (source == keep
            && (source != PredictionSource::Column || m_predictions->itemData(i, kindRole) == keepColumn))
            index = i;
    }
    m_predictions->setCurrentIndex(index);
}

void DriftSetup::predictionsActivated(int index)
{
    if (PredictionSource(m_predictions->itemData(index).toInt()) != PredictionSource::BundleFile
        || !m_bundlePath.isEmpty())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a Model Bundle"), QString(), tr("Tandem model bundles (*.tandem);;All files (*)"));
    if (path.isEmpty()) {
        m_predictions->setCurrentIndex(0);
        return;
    }
    setBundle(path);
}

DriftChoice DriftSetup::choice() const
{
    DriftChoice choice;
    if (m_test->currentIndex() > 0)
        choice.test = Drift::DriftTest(m_test->currentData().toInt());
    choice.target = m_target->currentData().toString();
    choice.time = m_time->currentData().toString();
    choice.predictions = PredictionSource(m_predictions->currentData().toInt());
    if (choice.predictions == PredictionSource::Column)
        choice.predictionColumn = m_predictions->currentData(kindRole).toString();
    if (choice.predictions == PredictionSource::BundleFile)
        choice.bundlePath = m_bundlePath;
    choice.windows = m_windows->value();
    choice.driftShare = m_share->value();
    return choice;
}

void DriftSetup::setTest(std::optional<Drift::DriftTest> test)
{
    m_test->setCurrentIndex(test ? m_test->findData(int(*test)) : 0);
}

void DriftSetup::setTarget(const QString &column)
{
    if (!column.isEmpty() && m_target->findData(column) < 0)
        m_target->addItem(column, column);
    m_target->setCurrentIndex(column.isEmpty() ? 0 : m_target->findData(column));
}

void DriftSetup::setTime(const QString &column)
{
    if (!column.isEmpty() && m_time->findData(column) < 0)
        m_time->addItem(column, column);
    m_time->setCurrentIndex(column.isEmpty() ? 0 : m_time->findData(column));
}

void DriftSetup::setPredictionColumn(const QString &column)
{
    {
        const QSignalBlocker blocker(m_predictions);
        fillPredictions(column);
        for (int i = 0; i < m_predictions->count(); ++i) {
            if (m_predictions->itemData(i, kindRole).toString() == column && !column.isEmpty())
                m_predictions->setCurrentIndex(i);
        }
        if (column.isEmpty())
            m_predictions->setCurrentIndex(0);
    }
    Q_EMIT changed();
}

void DriftSetup::setBundle(const QString &path)
{
    m_bundlePath = path;
    {
        const QSignalBlocker blocker(m_predictions);
        fillPredictions(choice().predictionColumn);
        m_predictions->setCurrentIndex(m_predictions->findData(int(PredictionSource::BundleFile)));
    }
    Q_EMIT changed();
}

void DriftSetup::setRunModel()
{
    if (const int index = m_predictions->findData(int(PredictionSource::RunModel)); index >= 0)
        m_predictions->setCurrentIndex(index);
}

void DriftSetup::setWindows(int windows)
{
    m_windows->setValue(windows);
}

void DriftSetup::setDriftShare(double share)
{
    m_share->setValue(share);
}

} // namespace Tandem::Ui
