// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/Scorer.h"

#include "core/data/Dataset.h"

#include <numeric>

namespace Tandem::Bundle {

Scorer::Scorer(std::shared_ptr<const Bundle> bundle) : m_bundle(std::move(bundle)) { }

QStringList Scorer::outputColumns(bool probabilities) const
{
    QStringList columns {QStringLiteral("prediction")};
    if (probabilities && m_bundle->manifest().task == Learn::Task::Classification) {
        for (const QString &label : m_bundle->manifest().classes)
            columns << QStringLiteral("proba_") + label;
    }
    return columns;
}

Base::Result<Scores> Scorer::score(
    const Data::Dataset &data, const RowPlaces &places, const ScoreOptions &options) const
{
    const BundleManifest &manifest = m_bundle->manifest();
    if (const Base::Status status = manifest.inputs.check(data, places, options.allowUnknownCategories); !status.ok())
        return status.error();
    Scores scores;
    const qint64 rows = data.rowCount();
    if (rows == 0)
        return scores;
    std::vector<qint64> rowIndices(static_cast<std::size_t>(rows));
    std::iota(rowIndices.begin(), rowIndices.end(), qint64(0));
    // Small batches are padded with copies of their last row: see the class comment.
    if (rows < minimumBatchRows)
        rowIndices.resize(std::size_t(minimumBatchRows), rows - 1);
    auto X = m_bundle->pipeline().transform(data, rowIndices);
    if (!X.ok())
        return Base::Error(X.error().message, places.source);
    const Learn::Estimator &model = m_bundle->model();
    auto predicted = model.predict(X.value());
    if (!predicted.ok())
        return Base::Error(predicted.error().message, places.source);
    scores.predicted = predicted.value().head(rows);
    if (manifest.task == Learn::Task::Classification) {
        scores.labels = m_bundle->pipeline().decodeClasses(scores.predicted);
        if (options.probabilities) {
            auto probabilities = model.predictProba(X.value());
            if (!probabilities.ok())
                return Base::Error(probabilities.error().message, places.source);
            scores.probabilities = probabilities.value().topRows(rows);
        }
    }
    return scores;
}

} // namespace Tandem::Bundle
