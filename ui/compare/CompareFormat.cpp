// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/CompareFormat.h"

#include "core/compare/PValueText.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace Tandem::Ui {
namespace {

const QString none = QStringLiteral("–");

} // namespace

QString compareMetricText(double value)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', 4) : none;
}

QString compareDifferenceText(double value)
{
    if (!std::isfinite(value))
        return none;
    const QString magnitude = QLocale().toString(std::abs(value), 'f', 4);
    // A difference that rounds to zero has no sign worth showing.
    if (magnitude == QLocale().toString(0.0, 'f', 4))
        return magnitude;
    return (value < 0 ? QStringLiteral("−") : QStringLiteral("+")) + magnitude;
}

QString comparePValueText(double p)
{
    return Compare::pValueText(p, QLocale(), none);
}

QString compareRankText(double rank)
{
    return std::isfinite(rank) ? QLocale().toString(rank, 'f', 2) : none;
}

QColor compareOutcomeColor(Eval::PairOutcome outcome)
{
    switch (outcome) {
    case Eval::PairOutcome::Win: return QColor(46, 160, 67, 110);
    case Eval::PairOutcome::Loss: return QColor(214, 59, 59, 110);
    case Eval::PairOutcome::Tie: return QColor(128, 128, 128, 60);
    case Eval::PairOutcome::NotCompared: break;
    }
    return {};
}

QString compareOutcomeWord(Eval::PairOutcome outcome)
{
    switch (outcome) {
    case Eval::PairOutcome::Win: return QCoreApplication::translate("Tandem::Ui::Compare", "win");
    case Eval::PairOutcome::Loss: return QCoreApplication::translate("Tandem::Ui::Compare", "loss");
    case Eval::PairOutcome::Tie: return QCoreApplication::translate("Tandem::Ui::Compare", "tie");
    case Eval::PairOutcome::NotCompared: break;
    }
    return none;
}

} // namespace Tandem::Ui
