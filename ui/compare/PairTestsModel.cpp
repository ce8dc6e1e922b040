// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/PairTestsModel.h"

#include "core/eval/MetricSet.h"
#include "ui/compare/CompareFormat.h"
#include "ui/compare/RunChip.h"

#include <QFont>

#include <cmath>

namespace Tandem::Ui {

PairTestsModel::PairTestsModel(QObject *parent) : QAbstractTableModel(parent) { }

void PairTestsModel::setPairs(
    std::shared_ptr<const Compare::Comparison> comparison, QList<Compare::PairComparison> pairs, double alpha)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    m_pairs = m_comparison ? std::move(pairs) : QList<Compare::PairComparison>();
    m_alpha = alpha;
    endResetModel();
}

void PairTestsModel::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, FirstColumn), index(rowCount() - 1, SecondColumn), {Qt::DecorationRole});
}

void PairTestsModel::setAlpha(double alpha)
{
    m_alpha = alpha;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

Eval::PairOutcome PairTestsModel::outcome(const Compare::PairComparison &pair) const
{
    return Eval::pairOutcome(pair.pairwiseTest(), m_alpha, Eval::greaterIsBetter(pair.metric));
}

QString PairTestsModel::outcomeText(const Compare::PairComparison &pair) const
{
    const auto id = [&](int run) { return QStringLiteral("#%1").arg(m_comparison->runs().at(run).id()); };
    switch (outcome(pair)) {
    case Eval::PairOutcome::Win: return tr("%1 better").arg(id(pair.first));
    case Eval::PairOutcome::Loss: return tr("%1 better").arg(id(pair.second));
    case Eval::PairOutcome::Tie: return tr("No significant difference");
    case Eval::PairOutcome::NotCompared: break;
    }
    return pair.reason.isEmpty() ? tr("Not compared") : tr("Not compared: %1").arg(pair.reason);
}

QString PairTestsModel::pairToolTip(const Compare::PairComparison &pair) const
{
    const QString a = runLabel(m_comparison->runs().at(pair.first)).toHtmlEscaped();
    const QString b = runLabel(m_comparison->runs().at(pair.second)).toHtmlEscaped();
    QStringList lines {QStringLiteral("<b>a</b> %1<br><b>b</b> %2").arg(a, b)};
    lines << tr("%1, a − b: %2").arg(pair.metric.toHtmlEscaped(), compareDifferenceText(pair.meanDifference));
    if (pair.test == Compare::PairedTest::None) {
        lines << outcomeText(pair).toHtmlEscaped();
        return lines.join(QStringLiteral("<br>"));
    }
    if (pair.tTest)
        lines << tr("corrected t-test: t = %1, df = %2, %n paired fold(s), p = %3", nullptr, int(pair.tTest->pairs))
                     .arg(QLocale().toString(pair.tTest->statistic, 'g', 4))
                     .arg(QLocale().toString(pair.tTest->degreesOfFreedom, 'g', 4))
                     .arg(comparePValueText(pair.tTest->pValue));
    if (pair.mcnemar)
        lines << tr("McNemar (%1): only a right %2, only b right %3, p = %4")
                     .arg(Eval::mcnemarMethodName(pair.mcnemar->method))
                     .arg(pair.mcnemar->onlyFirstCorrect)
                     .arg(pair.mcnemar->onlySecondCorrect)
                     .arg(comparePValueText(pair.mcnemar->pValue));
    lines << tr("decided by the %1 at α = %2: %3")
                 .arg(Compare::pairedTestName(pair.test), QLocale().toString(m_alpha),
                     outcomeText(pair).toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

int PairTestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}

int PairTestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PairTestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_comparison)
        return {};
    const Compare::PairComparison &pair = m_pairs.at(index.row());
    const Eval::PairOutcome result = outcome(pair);
    if (role == OutcomeRole)
        return int(result);
    if (role == PValueRole)
        return pair.pValue;
    if (role == Qt::ToolTipRole)
        return pairToolTip(pair);
    const bool compared = pair.test != Compare::PairedTest::None;
    switch (index.column()) {
    case FirstColumn:
    case SecondColumn: {
        // "#12" and the run's chip: the outcome needs the room more than the names,
        // which the run list, the metric table and this row's tooltip give.
        const Compare::ComparedRun &run
            = m_comparison->runs().at(index.column() == FirstColumn ? pair.first : pair.second);
        if (role == Qt::DisplayRole)
            return QStringLiteral("#%1").arg(run.id());
        if (role == Qt::DecorationRole)
            return runChipIcon(run.id(), m_dark);
        if (role == SortRole)
            return run.id();
        return {};
    }
    case DifferenceColumn:
        if (role == Qt::DisplayRole)
            return compareDifferenceText(pair.meanDifference);
        if (role == SortRole)
            return pair.meanDifference;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PValueColumn:
        if (role == Qt::DisplayRole)
            return compared ? comparePValueText(pair.pValue) : QStringLiteral("–");
        if (role == SortRole)
            return pair.pValue;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::FontRole && compared && pair.pValue < m_alpha) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case TestColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return compared ? Compare::pairedTestName(pair.test) : QStringLiteral("–");
        return {};
    case OutcomeColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return outcomeText(pair);
        if (role == Qt::BackgroundRole && (result == Eval::PairOutcome::Win || result == Eval::PairOutcome::Loss))
            return compareOutcomeColor(Eval::PairOutcome::Win); // a significant difference, whichever side
        if (role == Qt::FontRole && !compared) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default: return {};
    }
}

QVariant PairTestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FirstColumn: return tr("Run a");
        case SecondColumn: return tr("Run b");
        case DifferenceColumn: return tr("Difference (a − b)");
        case PValueColumn: return tr("p-value");
        case TestColumn: return tr("Test");
        case OutcomeColumn: return tr("Outcome");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case DifferenceColumn:
            return tr("The mean of a's score minus b's over the folds both have when they share splits, else "
                      "the difference of their means");
        case PValueColumn:
            return tr("Two-sided p-value of the deciding test; bold below the chosen α. Runs on different splits "
                      "are not tested.");
        case TestColumn:
            return tr("Corrected resampled t-test (Nadeau & Bengio) on the shared folds, or McNemar's test on the "
                      "predictions of a shared holdout");
        default: return {};
        }
    }
    return {};
}

} // namespace Tandem::Ui
