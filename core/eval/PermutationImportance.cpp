// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/PermutationImportance.h"

#include "core/base/SeededRandom.h"
#include "core/eval/MetricSet.h"
#include "core/learn/FitContext.h"
#include "core/learn/optim/RowBlocks.h"

#include <QStringList>

#include <cmath>
#include <mutex>
#include <numeric>
#include <optional>

namespace Tandem::Eval {
namespace {

/// Metrics computed from class probabilities: predictProba is needed for them.
bool needsProbabilities(const QString &metric)
{
    static const QStringList names {QStringLiteral("roc_auc"), QStringLiteral("roc_auc_ovr"),
        QStringLiteral("log_loss"), QStringLiteral("brier_score")};
    return names.contains(metric);
}

/// The model's score of `metric` on X.
Base::Result<double> score(
    const Learn::Estimator &model, const Learn::Matrix &X, const Learn::Vector &y, const QString &metric)
{
    auto predicted = model.predict(X);
    if (!predicted.ok())
        return predicted.error();
    Base::Result<MetricList> metrics = Base::Error(QString());
    if (model.task() == Learn::Task::Classification) {
        Learn::Matrix probabilities;
        if (needsProbabilities(metric)) {
            auto proba = model.predictProba(X);
            if (!proba.ok())
                return proba.error();
            probabilities = std::move(proba).value();
        }
        metrics = classificationMetrics(y, predicted.value(), model.classCount(), probabilities);
    } else {
        metrics = regressionMetrics(y, predicted.value());
    }
    if (!metrics.ok())
        return metrics.error();
    QStringList known;
    for (const Metric &m : metrics.value()) {
        if (m.name == metric)
            return m.value;
        known << m.name;
    }
    return Base::Error(QStringLiteral("permutation importance: unknown metric %1 for %2 (known: %3)")
                           .arg(metric, Learn::taskName(model.task()), known.join(QStringLiteral(", "))));
}

/// Working copies of X, one per thread at most, handed out and returned.
class MatrixPool
{
public:
    explicit MatrixPool(const Learn::Matrix &original) : m_original(original) { }

    std::unique_ptr<Learn::Matrix> take()
    {
        std::lock_guard lock(m_mutex);
        if (m_free.empty())
            return std::make_unique<Learn::Matrix>(m_original);
        auto copy = std::move(m_free.back());
        m_free.pop_back();
        return copy;
    }
    void give(std::unique_ptr<Learn::Matrix> copy)
    {
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(copy));
    }

private:
    const Learn::Matrix &m_original;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Learn::Matrix>> m_free;
};

} // namespace

Base::Result<PermutationImportance> permutationImportance(const Learn::Estimator &model, const Learn::Matrix &X,
    const Learn::Vector &y, const PermutationOptions &options, const Base::Progress &progress)
{
    if (!model.isFitted())
        return Base::Error(QStringLiteral("permutation importance needs a fitted model"));
    if (X.rows() == 0)
        return Base::Error(QStringLiteral("permutation importance needs rows to score on"));
    if (X.rows() != y.size())
        return Base::Error(QStringLiteral("X has %1 rows but y has %2 values").arg(X.rows()).arg(y.size()));
    if (options.repeats < 1)
        return Base::Error(QStringLiteral("repeats must be >= 1, got %1").arg(options.repeats));

    PermutationImportance result;
    result.metric = !options.metric.isEmpty()         ? options.metric
        : model.task() == Learn::Task::Classification ? QStringLiteral("accuracy")
                                                      : QStringLiteral("r2");
    const auto baseline = score(model, X, y, result.metric);
    if (!baseline.ok())
        return baseline.error();
    result.baseline = baseline.value();
    const double worse = greaterIsBetter(result.metric) ? 1.0 : -1.0;

    std::vector<std::vector<Eigen::Index>> groups = options.groups;
    if (groups.empty()) {
        for (Eigen::Index column = 0; column < X.cols(); ++column)
            groups.push_back({column});
    }
    std::vector<bool> grouped(std::size_t(X.cols()), false);
    for (const auto &group : groups) {
        for (const Eigen::Index column : group) {
            if (column < 0 || column >= X.cols() || grouped[std::size_t(column)])
                return Base::Error(
                    QStringLiteral("permutation importance: column %1 is out of range or in two groups").arg(column));
            grouped[std::size_t(column)] = true;
        }
    }

    const Eigen::Index groupCount = Eigen::Index(groups.size()), rows = X.rows();
    result.decreases = Learn::Matrix::Zero(groupCount, options.repeats);
    MatrixPool pool(X);
    std::mutex errorMutex; // guards firstError, done and progress reports
    std::optional<Base::Error> firstError;
    Eigen::Index done = 0; // groups scored, guarded by errorMutex
    const auto scoreGroup = [&](Eigen::Index g) {
        const std::vector<Eigen::Index> &columns = groups[std::size_t(g)];
        std::unique_ptr<Learn::Matrix> work = pool.take();
        // Each group draws its shuffles from its own stream: the same on any thread count.
        auto random = Base::SeededRandom::derived(options.seed, quint64(g));
        std::vector<Eigen::Index> order(std::size_t(rows), 0);
        for (int repeat = 0; repeat < options.repeats; ++repeat) {
            std::iota(order.begin(), order.end(), Eigen::Index(0));
            random.shuffle(order);
            for (const Eigen::Index column : columns) {
                for (Eigen::Index i = 0; i < rows; ++i)
                    (*work)(i, column) = X(order[std::size_t(i)], column);
            }
            const auto permuted = score(model, *work, y, result.metric);
            if (!permuted.ok()) {
                std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = permuted.error();
                break;
            }
            result.decreases(g, repeat) = worse * (result.baseline - permuted.value());
        }
        for (const Eigen::Index column : columns)
            work->col(column) = X.col(column);
        pool.give(std::move(work));
        // Under the lock so that reports from several threads stay in order.
        std::lock_guard lock(errorMutex);
        ++done;
        progress.report(double(done) / double(groupCount), QStringLiteral("Permutation importance"));
    };
    const bool completed = Learn::Optim::forEachBlock(std::max(1, options.threads), groupCount, scoreGroup, [&] {
        std::lock_guard lock(errorMutex);
        return progress.stopRequested() || firstError.has_value();
    });
    if (firstError)
        return *firstError;
    if (!completed || progress.stopRequested())
        return Base::Error(Learn::FitContext::stoppedMessage());

    result.mean = result.decreases.rowwise().mean();
    result.std = ((result.decreases.colwise() - result.mean).array().square().rowwise().mean()).sqrt().matrix();
    return result;
}

} // namespace Tandem::Eval
