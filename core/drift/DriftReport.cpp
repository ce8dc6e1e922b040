// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftReport.h"

#include "core/data/Dataset.h"
#include "core/learn/optim/RowBlocks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace Tandem::Drift {
namespace {

struct Pair {
    const Data::Column *reference = nullptr;
    const Data::Column *current = nullptr;
    FeatureDriftOptions options;
};

/// The features to compare, checked: each in both datasets, types comparable,
/// its test fitting. Errors name the column.
Base::Result<std::vector<Pair>> pairColumns(
    const Data::Dataset &reference, const Data::Dataset &current, const DriftOptions &options)
{
    QStringList names = options.columns;
    if (names.isEmpty()) {
        for (const QString &name : reference.columnNames()) {
            if (!options.excluded.contains(name))
                names << name;
        }
    }
    for (auto it = options.tests.cbegin(); it != options.tests.cend(); ++it) {
        if (!names.contains(it.key()))
            return Base::Error(QStringLiteral("A test is set for column '%1', which is not compared").arg(it.key()));
    }
    std::vector<Pair> pairs;
    for (const QString &name : names) {
        const qsizetype referenceIndex = reference.indexOf(name);
        if (referenceIndex < 0)
            return Base::Error(QStringLiteral("There is no column named '%1' in the reference data").arg(name));
        const qsizetype currentIndex = current.indexOf(name);
        if (currentIndex < 0)
            return Base::Error(
                QStringLiteral("Column '%1' of the reference is missing from the current data").arg(name));
        Pair pair;
        pair.reference = &reference.column(referenceIndex);
        pair.current = &current.column(currentIndex);
        if (!comparableTypes(pair.reference->type(), pair.current->type())) {
            return Base::Error(QStringLiteral("Column '%1' is %2 in the reference but %3 in the current data")
                                   .arg(name, Data::columnTypeName(pair.reference->type()),
                                       Data::columnTypeName(pair.current->type())));
        }
        pair.options.rule = options.rule;
        pair.options.choice = options.tests.value(name);
        pair.options.additionalTests = options.additionalTests;
        pair.options.bins = options.bins;
        pair.options.missingShareThreshold = options.missingShareThreshold;
        if (const Base::Status fits = checkChoice(name, pair.reference->type(), pair.options.choice); !fits)
            return fits.error();
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

} // namespace

QString DriftReport::cancelledMessage()
{
    return QStringLiteral("The drift report was cancelled");
}

Base::Result<DriftReport> DriftReport::compute(
    const Data::Dataset &reference, const Data::Dataset &current, const DriftOptions &options)
{
    Base::NullProgressSink sink;
    return compute(reference, current, options, Base::Progress(sink));
}

Base::Result<DriftReport> DriftReport::compute(const Data::Dataset &reference, const Data::Dataset &current,
    const DriftOptions &options, const Base::Progress &progress)
{
    if (!(options.driftShare >= 0.0 && options.driftShare <= 1.0))
        return Base::Error(QStringLiteral("The drift share must be between 0 and 1, not %1").arg(options.driftShare));
    if (options.bins < 2)
        return Base::Error(QStringLiteral("The drift report needs at least 2 bins, not %1").arg(options.bins));
    if (reference.rowCount() == 0 || current.rowCount() == 0) {
        return Base::Error(
            QStringLiteral("The %1 data has no rows to compare")
                .arg(reference.rowCount() == 0 ? QStringLiteral("reference") : QStringLiteral("current")));
    }
    auto pairs = pairColumns(reference, current, options);
    if (!pairs.ok())
        return pairs.error();

    DriftReport report;
    report.m_referenceRows = reference.rowCount();
    report.m_currentRows = current.rowCount();
    report.m_driftShare = options.driftShare;
    const auto count = qsizetype(pairs.value().size());
    std::vector<std::optional<Base::Result<FeatureDrift>>> results(static_cast<std::size_t>(count));

    const QString stage = QStringLiteral("Comparing features");
    progress.report(0.0, stage);
    std::atomic<qsizetype> done {0};
    // forEachBlock asks the stop check on this thread only, before each feature it
    // takes: the natural place to report the features the others finished.
    const auto stopRequested = [&] {
        if (count > 0)
            progress.report(double(done.load()) / double(count), stage);
        return progress.stopRequested();
    };
    const int threads = options.threads > 0 ? options.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    bool finished = false;
    try {
        finished = Learn::Optim::forEachBlock(
            threads, count,
            [&](Eigen::Index index) {
                const Pair &pair = pairs.value()[std::size_t(index)];
                results[std::size_t(index)] = featureDrift(*pair.reference, *pair.current, pair.options);
                ++done;
            },
            stopRequested);
    } catch (const std::exception &e) {
        return Base::Error(QStringLiteral("The drift report failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    if (!finished || progress.stopRequested())
        return Base::Error(cancelledMessage());

    report.m_features.reserve(std::size_t(count));
    for (auto &result : results) {
        if (!result->ok())
            return result->error();
        report.m_features.push_back(std::move(*result).value());
    }
    progress.report(1.0, stage);
    return report;
}

qsizetype DriftReport::driftedCount() const
{
    return std::count_if(m_features.cbegin(), m_features.cend(), [](const FeatureDrift &f) { return f.drifted(); });
}

double DriftReport::shareDrifted() const
{
    return m_features.empty() ? 0.0 : double(driftedCount()) / double(m_features.size());
}

bool DriftReport::drifted() const
{
    return !m_features.empty() && shareDrifted() >= m_driftShare;
}

} // namespace Tandem::Drift
