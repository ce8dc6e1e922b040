// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/WinTieLoss.h"

#include <cmath>

namespace Tandem::Eval {

QString pairOutcomeName(PairOutcome outcome)
{
    switch (outcome) {
    case PairOutcome::Win: return QStringLiteral("win");
    case PairOutcome::Tie: return QStringLiteral("tie");
    case PairOutcome::Loss: return QStringLiteral("loss");
    case PairOutcome::NotCompared: break;
    }
    return QStringLiteral("not compared");
}

PairOutcome pairOutcome(const PairwiseTest &test, double alpha, bool greaterIsBetter)
{
    if (std::isnan(test.pValue))
        return PairOutcome::NotCompared;
    if (!(test.pValue < alpha) || test.meanDifference == 0.0 || std::isnan(test.meanDifference))
        return PairOutcome::Tie;
    return (test.meanDifference > 0.0) == greaterIsBetter ? PairOutcome::Win : PairOutcome::Loss;
}

WinTieLossMatrix::WinTieLossMatrix(int models, const QList<PairwiseTest> &tests, double alpha, bool greaterIsBetter)
    : m_size(std::max(0, models)), m_alpha(alpha), m_cells(qsizetype(m_size) * m_size)
{
    for (const PairwiseTest &test : tests) {
        if (test.first < 0 || test.second < 0 || test.first >= m_size || test.second >= m_size
            || test.first == test.second)
            continue;
        const PairOutcome outcome = pairOutcome(test, alpha, greaterIsBetter);
        const PairOutcome mirrored = outcome == PairOutcome::Win ? PairOutcome::Loss
            : outcome == PairOutcome::Loss                       ? PairOutcome::Win
                                                                 : outcome;
        m_cells[qsizetype(test.first) * m_size + test.second] = {outcome, test.meanDifference, test.pValue};
        m_cells[qsizetype(test.second) * m_size + test.first] = {mirrored, -test.meanDifference, test.pValue};
    }
}

WinTieLossMatrix::Totals WinTieLossMatrix::totals(int row) const
{
    Totals totals;
    for (int column = 0; column < m_size; ++column) {
        if (column == row)
            continue;
        switch (cell(row, column).outcome) {
        case PairOutcome::Win: ++totals.wins; break;
        case PairOutcome::Tie: ++totals.ties; break;
        case PairOutcome::Loss: ++totals.losses; break;
        case PairOutcome::NotCompared: ++totals.notCompared; break;
        }
    }
    return totals;
}

} // namespace Tandem::Eval
