// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CompareCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/JsonNumber.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/RunRecordFormat.h"
#include "core/compare/Comparison.h"
#include "core/compare/PValueText.h"
#include "core/eval/MetricSet.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace Tandem::Cli {
namespace {

const QString workspaceOption = QStringLiteral("workspace");
const QString metricOption = QStringLiteral("metric");
const QString alphaOption = QStringLiteral("alpha");
const QString jsonOption = QStringLiteral("json");

using Compare::Comparison;
using Compare::PairComparison;

QString direction(const QString &metric)
{
    return Eval::greaterIsBetter(metric) ? QStringLiteral("higher is better") : QStringLiteral("lower is better");
}

/// "0.0123", "<1e-16", "-": p-values in tables.
QString formatPValue(double p)
{
    return Compare::pValueText(p, QLocale::c(), QStringLiteral("-"));
}

QString formatDifference(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 4) : QStringLiteral("-");
}

/// The outcome of a pair for its first run, in words for the table.
QString outcomeText(const PairComparison &pair, double alpha)
{
    switch (Eval::pairOutcome(pair.pairwiseTest(), alpha, Eval::greaterIsBetter(pair.metric))) {
    case Eval::PairOutcome::Win: return QStringLiteral("a better");
    case Eval::PairOutcome::Loss: return QStringLiteral("b better");
    case Eval::PairOutcome::Tie: return QStringLiteral("no significant difference");
    case Eval::PairOutcome::NotCompared: break;
    }
    return QStringLiteral("not compared: ") + pair.reason;
}

QJsonValue intervalJson(const Eval::MetricSummary &summary)
{
    if (!std::isfinite(summary.ciLow) || !std::isfinite(summary.ciHigh))
        return QJsonValue(QJsonValue::Null);
    return QJsonArray {summary.ciLow, summary.ciHigh};
}

QJsonObject runJson(const Comparison &comparison, int index)
{
    const Compare::ComparedRun &run = comparison.runs().at(index);
    QJsonObject json = runSummaryJson(run.record);
    json.insert(QStringLiteral("folds"), run.splitFolds);
    QJsonObject summaries;
    for (const QString &metric : comparison.metricNames()) {
        if (!run.metrics.contains(metric))
            continue;
        const Eval::MetricSummary summary = comparison.summary(index, metric);
        summaries.insert(metric,
            QJsonObject {{QStringLiteral("mean"), jsonNumber(summary.mean)},
                {QStringLiteral("std"), jsonNumber(summary.std)}, {QStringLiteral("ci"), intervalJson(summary)},
                {QStringLiteral("folds"), summary.count},
                {QStringLiteral("best"), comparison.best(metric).contains(index)}});
    }
    json.insert(QStringLiteral("summaries"), summaries);
    return json;
}

QJsonObject pairJson(const Comparison &comparison, const PairComparison &pair, double alpha)
{
    const auto runId = [&](int index) { return comparison.runs().at(index).id(); };
    QJsonObject json {{QStringLiteral("a"), runId(pair.first)}, {QStringLiteral("b"), runId(pair.second)},
        {QStringLiteral("mean_diff"), jsonNumber(pair.meanDifference)},
        {QStringLiteral("p_value"), jsonNumber(pair.pValue)},
        {QStringLiteral("test"),
            pair.test == Compare::PairedTest::None ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(Compare::pairedTestId(pair.test))},
        {QStringLiteral("outcome"),
            Eval::pairOutcomeName(Eval::pairOutcome(pair.pairwiseTest(), alpha, Eval::greaterIsBetter(pair.metric)))}};
    if (!pair.reason.isEmpty())
        json.insert(QStringLiteral("reason"), pair.reason);
    if (pair.tTest) {
        json.insert(QStringLiteral("statistic"), jsonNumber(pair.tTest->statistic));
        json.insert(QStringLiteral("df"), jsonNumber(pair.tTest->degreesOfFreedom));
        json.insert(QStringLiteral("paired_folds"), pair.tTest->pairs);
    }
    if (pair.mcnemar) {
        json.insert(QStringLiteral("mcnemar"),
            QJsonObject {{QStringLiteral("only_a_correct"), pair.mcnemar->onlyFirstCorrect},
                {QStringLiteral("only_b_correct"), pair.mcnemar->onlySecondCorrect},
                {QStringLiteral("method"),
                    pair.mcnemar->method == Eval::McNemarMethod::ExactBinomial ? QStringLiteral("exact")
                                                                               : QStringLiteral("chi_square")},
                {QStringLiteral("statistic"), jsonNumber(pair.mcnemar->statistic)},
                {QStringLiteral("p_value"), jsonNumber(pair.mcnemar->pValue)}});
    }
    return json;
}

QJsonArray matrixJson(const Eigen::MatrixXd &matrix)
{
    QJsonArray rows;
    for (Eigen::Index i = 0; i < matrix.rows(); ++i) {
        QJsonArray row;
        for (Eigen::Index j = 0; j < matrix.cols(); ++j)
            row.append(jsonNumber(matrix(i, j)));
        rows.append(row);
    }
    return rows;
}

QJsonObject ranksJson(const Compare::RankComparison &ranks)
{
    QJsonArray averageRanks;
    for (double rank : ranks.friedman.averageRanks)
        averageRanks.append(rank);
    QJsonArray groups;
    for (const QList<int> &group : ranks.nemenyi.groups) {
        QJsonArray names;
        for (int model : group)
            names.append(ranks.models.at(model));
        groups.append(names);
    }
    QJsonArray runIds;
    for (const QList<qint64> &row : ranks.runIds) {
        QJsonArray ids;
        for (qint64 id : row)
            ids.append(id);
        runIds.append(ids);
    }
    return QJsonObject {{QStringLiteral("datasets"), QJsonArray::fromStringList(ranks.datasets)},
        {QStringLiteral("models"), QJsonArray::fromStringList(ranks.models)},
        {QStringLiteral("scores"), matrixJson(ranks.scores)}, {QStringLiteral("run_ids"), runIds},
        {QStringLiteral("average_ranks"), averageRanks},
        {QStringLiteral("friedman"),
            QJsonObject {{QStringLiteral("chi_square"), jsonNumber(ranks.friedman.chiSquare)},
                {QStringLiteral("p_value"), jsonNumber(ranks.friedman.chiSquarePValue)},
                {QStringLiteral("iman_davenport"), jsonNumber(ranks.friedman.imanDavenport)},
                {QStringLiteral("iman_davenport_p_value"), jsonNumber(ranks.friedman.imanDavenportPValue)}}},
        {QStringLiteral("nemenyi"),
            QJsonObject {{QStringLiteral("q_alpha"), jsonNumber(ranks.nemenyi.qAlpha)},
                {QStringLiteral("critical_difference"), jsonNumber(ranks.nemenyi.criticalDifference)},
                {QStringLiteral("p_values"), matrixJson(ranks.nemenyi.pValues)}, {QStringLiteral("groups"), groups}}},
        {QStringLiteral("incomplete"), QJsonArray::fromStringList(ranks.incomplete)}};
}

void printJson(const Comparison &comparison, const QString &metric, double alpha, const QList<PairComparison> &pairs,
    CliOutput &output)
{
    QJsonArray runs;
    for (int i = 0; i < int(comparison.runs().size()); ++i)
        runs.append(runJson(comparison, i));
    QJsonArray pairArray;
    for (const PairComparison &pair : pairs)
        pairArray.append(pairJson(comparison, pair, alpha));
    const Eval::WinTieLossMatrix matrix = comparison.winTieLoss(metric, alpha);
    QJsonArray totals;
    for (int i = 0; i < matrix.size(); ++i) {
        const Eval::WinTieLossMatrix::Totals t = matrix.totals(i);
        totals.append(QJsonObject {{QStringLiteral("id"), comparison.runs().at(i).id()},
            {QStringLiteral("wins"), t.wins}, {QStringLiteral("ties"), t.ties}, {QStringLiteral("losses"), t.losses},
            {QStringLiteral("not_compared"), t.notCompared}});
    }
    QJsonObject json {{QStringLiteral("metric"), metric},
        {QStringLiteral("greater_is_better"), Eval::greaterIsBetter(metric)}, {QStringLiteral("alpha"), alpha},
        {QStringLiteral("runs"), runs}, {QStringLiteral("pairs"), pairArray}, {QStringLiteral("win_tie_loss"), totals}};
    if (comparison.spansDatasets()) {
        const auto ranks = comparison.acrossDatasets(metric, alpha);
        json.insert(QStringLiteral("ranks"),
            ranks.ok() ? QJsonValue(ranksJson(ranks.value()))
                       : QJsonValue(QJsonObject {{QStringLiteral("reason"), ranks.error().message}}));
    }
    output.out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

void printRuns(const Comparison &comparison, const QString &metric, CliOutput &output)
{
    QTextStream &out = output.out();
    out << QStringLiteral("%1 runs on %2 (%3); * marks the best\n\n")
               .arg(comparison.runs().size())
               .arg(metric, direction(metric));
    out << QStringLiteral("    %1  %2  %3  %4  %5  %6\n")
               .arg(QStringLiteral("run"), 5)
               .arg(QStringLiteral("model"), -12)
               .arg(QStringLiteral("folds"), 5)
               .arg(QStringLiteral("mean ± std"), -17)
               .arg(QStringLiteral("95% interval"), -20)
               .arg(QStringLiteral("name"));
    const QList<int> best = comparison.best(metric);
    for (int i = 0; i < int(comparison.runs().size()); ++i) {
        const Compare::ComparedRun &run = comparison.runs().at(i);
        const Eval::MetricSummary s = comparison.summary(i, metric);
        const QString spread = std::isfinite(s.std) ? QStringLiteral(" ± ") + formatMetric(s.std) : QString();
        const QString interval = std::isfinite(s.ciLow)
            ? QStringLiteral("[%1, %2]").arg(formatMetric(s.ciLow), formatMetric(s.ciHigh))
            : QStringLiteral("-");
        out << QStringLiteral("  %1 %2  %3  %4  %5  %6  %7\n")
                   .arg(best.contains(i) ? QLatin1Char('*') : QLatin1Char(' '))
                   .arg(run.id(), 5)
                   .arg(runModel(run.record), -12)
                   .arg(s.count, 5)
                   .arg(formatMetric(s.mean) + spread, -17)
                   .arg(interval, -20)
                   .arg(run.record.name);
    }
}

/// Every metric's mean per run, one column per run.
void printMeans(const Comparison &comparison, CliOutput &output)
{
    QTextStream &out = output.out();
    QString header = QStringLiteral("\n  %1").arg(QStringLiteral("mean"), -20);
    for (const Compare::ComparedRun &run : comparison.runs())
        header += QStringLiteral("%1").arg(QStringLiteral("run %1").arg(run.id()), 11);
    out << header << '\n';
    for (const QString &metric : comparison.metricNames()) {
        const QList<int> best = comparison.best(metric);
        QString line = QStringLiteral("  %1").arg(metric, -20);
        for (int i = 0; i < int(comparison.runs().size()); ++i) {
            const double mean = comparison.summary(i, metric).mean;
            line += QStringLiteral("%1").arg(
                (best.contains(i) ? QStringLiteral("*") : QString()) + formatMetric(mean), 11);
        }
        out << line << '\n';
    }
}

void printPairs(const Comparison &comparison, const QList<PairComparison> &pairs, const QString &metric, double alpha,
    CliOutput &output)
{
    QTextStream &out = output.out();
    out << QStringLiteral("\nPaired tests on %1 at alpha %2 (a - b)\n").arg(metric).arg(alpha);
    out << QStringLiteral("  %1 %2  %3  %4  %5  %6\n")
               .arg(QStringLiteral("a"), 5)
               .arg(QStringLiteral("b"), 5)
               .arg(QStringLiteral("mean diff"), 10)
               .arg(QStringLiteral("p-value"), 8)
               .arg(QStringLiteral("test"), -16)
               .arg(QStringLiteral("result"));
    for (const PairComparison &pair : pairs) {
        out << QStringLiteral("  %1 %2  %3  %4  %5  %6\n")
                   .arg(comparison.runs().at(pair.first).id(), 5)
                   .arg(comparison.runs().at(pair.second).id(), 5)
                   .arg(formatDifference(pair.meanDifference), 10)
                   .arg(formatPValue(pair.pValue), 8)
                   .arg(pair.test == Compare::PairedTest::None ? QStringLiteral("-")
                                                               : Compare::pairedTestName(pair.test),
                       -16)
                   .arg(outcomeText(pair, alpha));
    }
    const Eval::WinTieLossMatrix matrix = comparison.winTieLoss(metric, alpha);
    out << QStringLiteral("\n  %1  %2  %3  %4  %5\n")
               .arg(QStringLiteral("run"), 5)
               .arg(QStringLiteral("wins"), 4)
               .arg(QStringLiteral("ties"), 4)
               .arg(QStringLiteral("losses"), 6)
               .arg(QStringLiteral("not compared"));
    for (int i = 0; i < matrix.size(); ++i) {
        const Eval::WinTieLossMatrix::Totals t = matrix.totals(i);
        out << QStringLiteral("  %1  %2  %3  %4  %5\n")
                   .arg(comparison.runs().at(i).id(), 5)
                   .arg(t.wins, 4)
                   .arg(t.ties, 4)
                   .arg(t.losses, 6)
                   .arg(t.notCompared, 12);
    }
}

void printRanks(const Comparison &comparison, const QString &metric, double alpha, CliOutput &output)
{
    QTextStream &out = output.out();
    const auto result = comparison.acrossDatasets(metric, alpha);
    if (!result.ok()) {
        out << QStringLiteral("\nNo ranks over datasets: %1\n").arg(result.error().message);
        return;
    }
    const Compare::RankComparison &ranks = result.value();
    out << QStringLiteral("\nRanks over %1 datasets (1 is best)\n").arg(ranks.datasets.size());
    QString header = QStringLiteral("  %1  %2").arg(QStringLiteral("model"), -24).arg(QStringLiteral("mean rank"), 9);
    for (const QString &dataset : ranks.datasets)
        header += QStringLiteral("  %1").arg(dataset, 10);
    out << header << '\n';
    for (qsizetype m = 0; m < ranks.models.size(); ++m) {
        QString line = QStringLiteral("  %1  %2")
                           .arg(ranks.models.at(m), -24)
                           .arg(QString::number(ranks.friedman.averageRanks[m], 'f', 2), 9);
        for (qsizetype d = 0; d < ranks.datasets.size(); ++d)
            line += QStringLiteral("  %1").arg(
                formatMetric(ranks.scores(d, m)), qMax(10, int(ranks.datasets.at(d).size())));
        out << line << '\n';
    }
    out << QStringLiteral("  Friedman chi-square %1 (p %2); Iman-Davenport F %3 (p %4)\n")
               .arg(QString::number(ranks.friedman.chiSquare, 'f', 3), formatPValue(ranks.friedman.chiSquarePValue),
                   QString::number(ranks.friedman.imanDavenport, 'f', 3),
                   formatPValue(ranks.friedman.imanDavenportPValue));
    out << QStringLiteral("  Nemenyi critical difference %1 at alpha %2")
               .arg(QString::number(ranks.nemenyi.criticalDifference, 'f', 3))
               .arg(alpha);
    QStringList groups;
    for (const QList<int> &group : ranks.nemenyi.groups) {
        QStringList names;
        for (int model : group)
            names << ranks.models.at(model);
        groups << names.join(QStringLiteral(", "));
    }
    out << (groups.isEmpty() ? QStringLiteral("; every pair differs\n")
                             : QStringLiteral("; not significantly different: ") + groups.join(QStringLiteral("; "))
                + QLatin1Char('\n'));
    if (!ranks.incomplete.isEmpty())
        out << QStringLiteral("  Left out (not run on every dataset): %1\n")
                   .arg(ranks.incomplete.join(QStringLiteral(", ")));
}

} // namespace

QStringList CompareCommand::synopsis() const
{
    return {QStringLiteral("compare RUN_ID... --workspace DIR [--metric M] [--alpha A] [--json]")};
}

QString CompareCommand::details() const
{
    return QStringLiteral(
        "Shows, for two or more runs of a workspace, the metric's mean ± standard deviation and 95%\n"
        "interval over the folds (* marks the best), every metric's mean, and a paired test between\n"
        "each two runs:\n"
        "  corrected t-test  Nadeau & Bengio's corrected resampled t-test on the folds both runs\n"
        "                    have, when they were evaluated on the same splits (same data, target,\n"
        "                    folds, repeats, stratification, shuffling and seed).\n"
        "  McNemar           on the predictions of a single shared holdout (metric accuracy only):\n"
        "                    exact binomial below 25 discordant rows, else chi-square with\n"
        "                    continuity correction.\n"
        "Runs on different splits are not tested; the table says why (\"different seeds (0 vs 42)\").\n"
        "Wins, ties and losses count the significant differences at --alpha. Runs on two or more\n"
        "datasets are also ranked per dataset: Friedman's test and the Nemenyi critical difference.\n"
        "\n"
        "--json prints {metric, greater_is_better, alpha, runs, pairs, win_tie_loss[, ranks]}: each\n"
        "run as `runs list --json` with folds and summaries {metric: {mean, std, ci, folds, best}};\n"
        "each pair {a, b, mean_diff, p_value, test (corrected_t, mcnemar or null), outcome, reason\n"
        "when not compared, statistic, df, paired_folds, mcnemar {only_a_correct, only_b_correct,\n"
        "method, statistic, p_value}}. NaN is null.\n");
}

void CompareCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(
        QStringList {workspaceOption}, QStringLiteral("The workspace folder."), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringList {metricOption},
        QStringLiteral("The metric to test (default: accuracy for classifiers, r2 for regressors)."),
        QStringLiteral("M")));
    parser.addOption(QCommandLineOption(QStringList {alphaOption},
        QStringLiteral("The significance level, in (0, 1) (default: 0.05)."), QStringLiteral("A")));
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print JSON.")));
    parser.addPositionalArgument(QStringLiteral("RUN_ID"),
        QStringLiteral("Two or more runs (ids as `runs list` shows them)."), QStringLiteral("RUN_ID..."));
}

int CompareCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing argument RUN_ID"));
    QList<qint64> ids;
    for (const QString &argument : arguments) {
        bool ok = false;
        const qint64 id = QLocale::c().toLongLong(argument, &ok);
        if (!ok || id < 1)
            return output.usageError(QStringLiteral("invalid run id '%1'").arg(argument));
        ids.append(id);
    }
    if (ids.size() < 2)
        return output.usageError(QStringLiteral("compare needs at least two runs, got 1"));
    if (parser.value(workspaceOption).isEmpty())
        return output.usageError(QStringLiteral("missing option --workspace"));
    double alpha = 0.05;
    if (parser.isSet(alphaOption)) {
        bool ok = false;
        alpha = QLocale::c().toDouble(parser.value(alphaOption), &ok);
        if (!ok || !(alpha > 0.0 && alpha < 1.0))
            return output.usageError(QStringLiteral("invalid --alpha '%1': expected a number between 0 and 1")
                                         .arg(parser.value(alphaOption)));
    }

    const auto workspace = Store::Workspace::open(parser.value(workspaceOption), Store::Workspace::Access::ReadOnly);
    if (!workspace.ok())
        return output.failure(workspace.error());
    const auto loaded = Comparison::load(workspace.value()->store(), ids);
    if (!loaded.ok())
        return output.failure(loaded.error());
    const Comparison &comparison = loaded.value();

    QString metric = parser.value(metricOption);
    if (metric.isEmpty()) {
        metric = runHeadlineMetric(comparison.runs().first().record);
        if (!comparison.hasMetric(metric) && !comparison.metricNames().isEmpty())
            metric = comparison.metricNames().first();
    }
    if (!comparison.hasMetric(metric))
        return output.failure(Base::Error(
            QStringLiteral("unknown metric '%1': the runs have %2")
                .arg(metric,
                    comparison.metricNames().isEmpty() ? QStringLiteral("no metrics")
                                                       : comparison.metricNames().join(QStringLiteral(", ")))));

    const QList<PairComparison> pairs = comparison.pairs(metric);
    if (parser.isSet(jsonOption)) {
        printJson(comparison, metric, alpha, pairs, output);
        return ExitSuccess;
    }
    printRuns(comparison, metric, output);
    printMeans(comparison, output);
    printPairs(comparison, pairs, metric, alpha, output);
    if (comparison.spansDatasets())
        printRanks(comparison, metric, alpha, output);
    return ExitSuccess;
}

} // namespace Tandem::Cli
