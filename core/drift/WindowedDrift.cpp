// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/WindowedDrift.h"

#include "core/data/Dataset.h"
#include "core/drift/RowSelection.h"
#include "core/drift/Windows.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Tandem::Drift {

qsizetype WindowedDrift::driftedWindowCount() const
{
    return std::count_if(windows.cbegin(), windows.cend(), [](const DriftWindow &w) { return w.datasetDrifted; });
}

Base::Result<WindowedDrift> windowedDrift(const Data::Dataset &reference, const Data::Dataset &current,
    std::span<const double> currentOrder, const WindowSpec &windows, const DriftOptions &options,
    const Base::Progress &progress)
{
    if (qint64(currentOrder.size()) != current.rowCount()) {
        return Base::Error(QStringLiteral("The order column has %1 values for %2 current rows")
                               .arg(currentOrder.size())
                               .arg(current.rowCount()));
    }
    if (!isValidWindowSpec(windows))
        return Base::Error(QStringLiteral("The drift windows need a positive size"));

    std::vector<qint64> ordered;
    ordered.reserve(currentOrder.size());
    for (qint64 row = 0; row < current.rowCount(); ++row) {
        if (!std::isnan(currentOrder[std::size_t(row)]))
            ordered.push_back(row);
    }
    if (ordered.empty())
        return Base::Error(QStringLiteral("The current data has no rows with an order value"));
    std::stable_sort(ordered.begin(), ordered.end(),
        [&](qint64 a, qint64 b) { return currentOrder[std::size_t(a)] < currentOrder[std::size_t(b)]; });
    std::vector<double> sortedOrder(ordered.size());
    for (std::size_t i = 0; i < ordered.size(); ++i)
        sortedOrder[i] = currentOrder[std::size_t(ordered[i])];

    // The features each window compares: those named, else the reference's but the excluded.
    QStringList features = options.columns;
    if (features.isEmpty()) {
        for (const QString &name : reference.columnNames()) {
            if (!options.excluded.contains(name))
                features << name;
        }
    }
    for (const QString &name : std::as_const(features)) {
        if (current.indexOf(name) < 0)
            return Base::Error(
                QStringLiteral("Column '%1' of the reference is missing from the current data").arg(name));
    }
    DriftOptions windowOptions = options;
    windowOptions.columns = features;

    WindowedDrift result;
    result.features = features;
    result.driftShare = options.driftShare;
    const auto cuts = cutWindows(sortedOrder, windows);
    for (std::size_t w = 0; w < cuts.size(); ++w) {
        if (progress.stopRequested())
            return Base::Error(DriftReport::cancelledMessage());
        const auto [begin, end] = cuts[w];
        const std::span<const qint64> rows(ordered.data() + begin, end - begin);
        Data::DatasetBuilder builder;
        builder.reserveColumns(features.size());
        for (const QString &name : std::as_const(features))
            builder.addColumn(selectRows(current.column(current.indexOf(name)), rows));
        const auto part = builder.build();
        if (!part.ok())
            return part.error();
        const Base::Progress step
            = progress.subrange(double(w) / double(cuts.size()), double(w + 1) / double(cuts.size()));
        const auto report = DriftReport::compute(reference, *part.value(), windowOptions, step);
        if (!report.ok())
            return report.error();
        DriftWindow window;
        window.start = sortedOrder[begin];
        window.end = sortedOrder[end - 1];
        window.rows = qint64(rows.size());
        for (const FeatureDrift &f : report->features()) {
            window.outcomes.push_back(f.outcome);
            window.drifted.push_back(f.drifted());
        }
        window.shareDrifted = report->shareDrifted();
        window.datasetDrifted = report->drifted();
        result.windows.push_back(std::move(window));
    }
    progress.report(1.0, QStringLiteral("Comparing windows"));
    return result;
}

} // namespace Tandem::Drift
