// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"

#include <QString>

#include <functional>
#include <vector>

namespace Tandem::Learn {

/// One named value of one training step: an epoch's or boosting round's loss or
/// validation score. These become learning curves.
struct StepReport {
    int step = 0;
    QString metric; ///< snake_case: "train_loss", "validation_loss", "validation_accuracy"
    double value = 0.0;
};

/// What a fit needs besides the data: the seed, the thread budget, where to report
/// progress and per-step metrics, and the stop request. Long fits poll
/// stopRequested() often enough to stop within 200 ms and then return
/// Base::Error(FitContext::stoppedMessage()).
class FitContext
{
public:
    /// A context with no progress sink (progress is dropped, never stops).
    FitContext();
    explicit FitContext(const Base::Progress &progress);

    /// Seed for every random choice of the fit (same seed, same model).
    quint64 seed = 0;
    /// Threads the fit may use (inner parallelism draws on the caller's budget). >= 1.
    int threads = 1;
    /// Classifiers: the number of classes, K; targets hold class indices 0..K-1.
    /// Set by whoever encodes the labels (a class may be absent from a fold).
    int classCount = 0;
    /// Per feature column: 0 for a number, C > 0 for a categorical feature holding
    /// codes 0..C-1 (Pipeline's ordinal encoding). Empty: every feature is a number.
    /// Families with native categorical splits use it; others see the codes as numbers.
    std::vector<int> categoryCounts;
    /// Receives per-step metrics; may be empty.
    std::function<void(const StepReport &)> stepSink;

    const Base::Progress &progress() const { return m_progress; }
    bool stopRequested() const { return m_progress.stopRequested(); }
    void reportStep(int step, const QString &metric, double value) const;

    static QString stoppedMessage();

private:
    Base::Progress m_progress;
};

} // namespace Tandem::Learn
