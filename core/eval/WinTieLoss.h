// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <limits>

namespace Tandem::Eval {

/// How one model fared against another in a paired test at level alpha.
enum class PairOutcome : quint8 {
    Win, ///< significantly better (p < alpha)
    Tie, ///< no significant difference (p >= alpha, or no difference at all)
    Loss, ///< significantly worse
    NotCompared, ///< no paired test was possible (no p-value)
};

/// "win", "tie", "loss", "not compared".
QString pairOutcomeName(PairOutcome outcome);

/// The result of one paired test between models `first` and `second` (indices).
struct PairwiseTest {
    int first = 0;
    int second = 0;
    /// first's score minus second's (mean over the paired folds).
    double meanDifference = std::numeric_limits<double>::quiet_NaN();
    /// NaN when the two could not be tested.
    double pValue = std::numeric_limits<double>::quiet_NaN();
};

/// The outcome of `test` for its first model, at level `alpha`, on a metric where
/// greater is better (`greaterIsBetter`) or smaller is.
PairOutcome pairOutcome(const PairwiseTest &test, double alpha, bool greaterIsBetter);

/// Every model against every other at level alpha, as Weka's Experimenter counts
/// them: cell (i, j) is i's outcome against j (the mirror of (j, i)), and each row
/// totals its wins, ties and losses.
class WinTieLossMatrix
{
public:
    struct Cell {
        PairOutcome outcome = PairOutcome::NotCompared;
        /// Row's score minus column's.
        double meanDifference = std::numeric_limits<double>::quiet_NaN();
        double pValue = std::numeric_limits<double>::quiet_NaN();
    };
    struct Totals {
        int wins = 0;
        int ties = 0;
        int losses = 0;
        int notCompared = 0;
    };

    /// `models` models; `tests` holds at most one test per unordered pair (a later one
    /// replaces an earlier one); pairs without a test are NotCompared; indices out of
    /// range are ignored.
    WinTieLossMatrix(int models, const QList<PairwiseTest> &tests, double alpha, bool greaterIsBetter);

    int size() const { return m_size; }
    double alpha() const { return m_alpha; }
    /// Row's result against column; NotCompared on the diagonal.
    const Cell &cell(int row, int column) const { return m_cells.at(qsizetype(row) * m_size + column); }
    /// Row's outcomes against every other model.
    Totals totals(int row) const;

private:
    int m_size = 0;
    double m_alpha = 0.05;
    QList<Cell> m_cells;
};

} // namespace Tandem::Eval
