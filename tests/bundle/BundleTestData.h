// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the bundle tests share: a small table with every kind of input a pipeline
// treats (numbers with missing values, integers, booleans, categories with
// missing values), run specs over it, and bundles fitted from them.

#include "core/bundle/Export.h"
#include "core/bundle/ModelFit.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"

#include <QByteArray>
#include <QString>

#include <cstring>
#include <memory>

namespace Tandem::BundleTest {

/// `rows` rows of x (numeric, every 9th missing), n (integer), flag (boolean),
/// color (categorical, every 13th missing), label (class a/b/c from the inputs)
/// and y (a value): deterministic, no random source.
inline QByteArray tableCsv(int rows = 120, int colors = 3)
{
    static const char *palette[] = {"red", "green", "blue", "amber", "violet"};
    QByteArray text = "x,n,flag,color,label,y\n";
    for (int i = 0; i < rows; ++i) {
        const double x = double((i * 37) % 101) / 10.0 - 5.0;
        const int n = (i * 7) % 23;
        const bool flag = (i * 5) % 3 == 0;
        const int c = (i * 11) % colors;
        const double score = x + 0.3 * n - (flag ? 2.0 : 0.0) + (c == 1 ? 3.0 : 0.0) + double(i % 5) * 0.7;
        const char *label = score < 1.0 ? "a" : score < 5.0 ? "b" : "c";
        text += (i % 9 == 4 ? QByteArray() : QByteArray::number(x, 'g', 17)) + ',' + QByteArray::number(n) + ','
            + (flag ? "true" : "false") + ',' + (i % 13 == 6 ? QByteArray() : QByteArray(palette[c])) + ',' + label
            + ',' + QByteArray::number(score * 1.5 + 0.25, 'g', 17) + '\n';
    }
    return text;
}

inline std::shared_ptr<const Data::Dataset> table(int rows = 120)
{
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(tableCsv(rows), QStringLiteral("table.csv"), {}, Base::Progress(sink));
    return loaded.ok() ? loaded.value().dataset : nullptr;
}

/// A spec for `modelId` predicting label (classification) or y (regression) from the other columns.
inline Runs::RunSpec specFor(
    const QString &modelId, Eval::EvaluationSpec::Method method = Eval::EvaluationSpec::Method::KFold)
{
    Runs::RunSpec spec;
    spec.name = QStringLiteral("test ") + modelId;
    spec.modelId = modelId;
    const Learn::ModelInfo *info = Learn::Registry::instance().find(modelId);
    const bool classify = info && info->task == Learn::Task::Classification;
    spec.target = classify ? QStringLiteral("label") : QStringLiteral("y");
    spec.features = {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color")};
    if (modelId == QLatin1String("cnb"))
        spec.features = {QStringLiteral("color")}; // categorical naive Bayes reads categories only
    spec.evaluation.method = method;
    spec.evaluation.folds = 3;
    spec.evaluation.seed = 7;
    return spec;
}

/// A bundle of `spec` fitted on all of `data`, with the spec's cross-validated metrics.
inline Base::Result<Bundle::Bundle> bundleFor(const Data::Dataset &data, const Runs::RunSpec &spec)
{
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    auto fitted = Bundle::fitModel(data, spec, Bundle::FitScope::AllRows, 2, progress);
    if (!fitted.ok())
        return fitted.error();
    auto evaluated
        = Eval::crossValidate(data, spec.pipelineSpec(), spec.modelId, spec.params, spec.evaluationSpec(), progress);
    if (!evaluated.ok())
        return evaluated.error();
    Bundle::BundleOrigin origin;
    origin.datasetPath = QStringLiteral("table.csv");
    origin.evaluation = Eval::describe(spec.evaluation, evaluated.value().stratified);
    for (const Eval::Metric &metric : evaluated.value().metrics.means())
        origin.metrics.insert(metric.name, metric.value);
    return Bundle::makeBundle(data, spec, std::move(fitted).value(), origin, progress);
}

/// Bit-for-bit equality of two matrices (NaN equal to the same NaN).
template<typename A, typename B> bool sameBits(const A &a, const B &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
        && std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

} // namespace Tandem::BundleTest
