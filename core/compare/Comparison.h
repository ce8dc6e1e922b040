// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/eval/CorrectedTTest.h"
#include "core/eval/FoldResults.h"
#include "core/eval/FriedmanTest.h"
#include "core/eval/McNemarTest.h"
#include "core/eval/WinTieLoss.h"
#include "core/learn/Task.h"
#include "core/runs/RunSpec.h"
#include "core/store/RunRecord.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace Tandem::Store {
class ExperimentStore;
}

/// Comparing stored runs: what the Compare view and `tandem-cli compare` show.
namespace Tandem::Compare {

/// One run as compared: its record, its spec, and its scores per fold.
struct ComparedRun {
    Store::RunRecord record;
    /// The stored spec; empty when it does not parse (specError says why).
    std::optional<Runs::RunSpec> spec;
    QString specError;
    /// Runs::RunSpec::splitsKey(); empty when the splits cannot be known.
    QString splitsKey;
    /// The model's task (classification when the model is unknown).
    Learn::Task task = Learn::Task::Classification;
    /// The number of folds of the split (k · repeats, 1 for a holdout); 0 unknown.
    int splitFolds = 0;
    /// Per metric, the value of each fold of the split (index = fold), NaN where
    /// the run has none (a fold a halving run did not reach). Per-step values are
    /// not scores and are left out.
    QMap<QString, QList<double>> foldValues;
    /// Classification runs with predictions, for McNemar's test: the (fold, row) of
    /// each prediction of the first repeat as fold << 40 | row, ascending, and whether
    /// it was right (compact: a 40-run sweep over 70,000 rows keeps 25 MB).
    std::vector<quint64> predictionKeys;
    std::vector<bool> predictionCorrect;
    /// Why there are no predictions to pair (not a classifier, no artifact, or the
    /// artifact's read error).
    QString predictionsNote;
    /// Every metric of the run, in the order first recorded (its MetricSet's order).
    QStringList metrics;

    qint64 id() const { return record.id; }
    /// The model id of the spec ("logreg"), or "?".
    QString model() const;
};

/// Which test decided a pair.
enum class PairedTest : quint8 {
    None, ///< not compared: PairComparison::reason says why
    CorrectedTTest, ///< Eval::correctedResampledTTest on the metric's common folds
    McNemar, ///< Eval::mcnemarTest on the predictions (accuracy on a single split)
};

/// "corrected_t", "mcnemar", "" (None): the names `tandem-cli compare --json` prints.
QString pairedTestId(PairedTest test);
/// "corrected t-test", "McNemar", "none": for tables.
QString pairedTestName(PairedTest test);

/// Two runs compared on one metric.
struct PairComparison {
    /// Indices into Comparison::runs().
    int first = 0;
    int second = 0;
    QString metric;
    /// first's score minus second's: the mean difference over the folds both have
    /// when they share splits, else the difference of their means.
    double meanDifference = std::numeric_limits<double>::quiet_NaN();
    PairedTest test = PairedTest::None;
    /// The deciding test's two-sided p-value; NaN when test is None.
    double pValue = std::numeric_limits<double>::quiet_NaN();
    /// When test is None, why ("different seeds (0 vs 42)", "run 4 has no roc_auc").
    QString reason;
    /// Each test that could be run, whether or not it decided the pair: McNemar's test
    /// also runs beside the t-test when both runs have predictions for the same rows.
    std::optional<Eval::CorrectedTTestResult> tTest;
    std::optional<Eval::McNemarResult> mcnemar;

    Eval::PairwiseTest pairwiseTest() const { return {first, second, meanDifference, pValue}; }
};

/// One model over several datasets: Friedman's test and the Nemenyi post-hoc.
struct RankComparison {
    QString metric;
    /// One per row of `scores`: the datasets' file names (fingerprints in `datasetKeys`).
    QStringList datasets;
    QStringList datasetKeys;
    /// One per column: a model configuration ("logreg", or "logreg (C=0.1)" when
    /// several configurations of one family take part).
    QStringList models;
    /// datasets × models: each cell the mean score of the latest run of that model on
    /// that dataset; `runIds` the run behind each cell.
    Eigen::MatrixXd scores;
    QList<QList<qint64>> runIds;
    Eval::FriedmanResult friedman;
    Eval::NemenyiResult nemenyi;
    /// Models left out because they were not run on every dataset.
    QStringList incomplete;
};

/// Runs read from a workspace for side-by-side comparison: per metric their mean,
/// spread and 95% interval over the folds, the best run, and paired tests between
/// runs evaluated on the same splits (Runs::RunSpec::splitsKey):
///
/// - the corrected resampled t-test (Eval::correctedResampledTTest, n_test/n_train
///   = 1/(k - 1) for k folds) on the metric's folds both runs have, when there are
///   two or more (k-fold; runs stopped early by successive halving pair on the
///   folds they share);
/// - McNemar's test (Eval::mcnemarTest) on the predictions of the first repeat's
///   rows: it decides the pair on a single split (a holdout) for the metric
///   accuracy, which is what it tests; otherwise it is reported beside.
///
/// Runs on different splits are never tested paired: the pair says why.
/// Everything is read once, in load(); the object is then a plain value that any
/// thread may read.
class Comparison
{
public:
    /// Reads runs `runIds` (in that order) from `store`: records, every fold metric,
    /// and for classification runs the out-of-fold predictions (unless
    /// `withPredictions` is false; predictions that cannot be read only leave a
    /// ComparedRun::predictionsNote). Errors: fewer than two runs, a run given twice,
    /// an unknown run (the store's message).
    static Base::Result<Comparison> load(
        const Store::ExperimentStore &store, const QList<qint64> &runIds, bool withPredictions = true);
    /// The same over runs already read (tests, or a view that keeps them).
    static Comparison fromRuns(QList<ComparedRun> runs);

    const QList<ComparedRun> &runs() const { return m_runs; }
    /// Index of run `id` in runs(), or -1.
    int indexOf(qint64 runId) const;

    /// Every metric any run has, per fold or over all folds: the first run's in its
    /// order (its MetricSet's), then others as met.
    QStringList metricNames() const;
    bool hasMetric(const QString &metric) const;

    /// The metric over run `run`'s folds (Eval::summarize: mean, sample std, t-based
    /// interval at `confidence`). A run with only a value over all folds (no fold
    /// values) gets that value as its mean, with count 0.
    Eval::MetricSummary summary(int run, const QString &metric, double confidence = 0.95) const;

    /// The runs with the best mean on `metric` (several when tied; none when no run
    /// has it), higher or lower being better as Eval::greaterIsBetter says.
    QList<int> best(const QString &metric) const;

    /// Runs `first` and `second` compared on `metric`.
    PairComparison compare(int first, int second, const QString &metric) const;
    /// Every pair (i < j), in order.
    QList<PairComparison> pairs(const QString &metric) const;
    /// Every run against every other at level alpha.
    Eval::WinTieLossMatrix winTieLoss(const QString &metric, double alpha) const;

    /// Whether the runs cover two or more datasets (by fingerprint).
    bool spansDatasets() const;
    /// Friedman's test and the Nemenyi post-hoc at `alpha` over the datasets the runs
    /// cover, with one column per model configuration run on all of them. Errors:
    /// fewer than two datasets, or fewer than two models run on every dataset.
    Base::Result<RankComparison> acrossDatasets(const QString &metric, double alpha) const;

private:
    QList<ComparedRun> m_runs;
};

} // namespace Tandem::Compare
