// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/ReproducibilityCheck.h"

#include "core/bundle/Bundle.h"
#include "core/bundle/BundleFile.h"
#include "core/bundle/ModelFit.h"
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/runs/RunSpec.h"

#include <QBuffer>
#include <QLocale>

#include <cmath>

namespace Tandem::Bundle {
namespace {

QString numberText(double value)
{
    return std::isnan(value) ? QStringLiteral("NaN") : QString::number(value, 'g', QLocale::FloatingPointShortest);
}

/// Equal values, or both NaN (a metric that could not be computed either time).
bool sameMetric(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

template<typename Part> QString digest(const Part &part)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!part.save(buffer).ok())
        return {};
    return BundleFile::sha256Hex(buffer.data());
}

} // namespace

bool CheckReport::allMatched() const
{
    return std::all_of(items.begin(), items.end(), [](const CheckItem &item) { return item.matched; });
}

Base::Result<CheckReport> checkBundle(
    const Bundle &bundle, const Data::Dataset &data, int threads, const Base::Progress &progress)
{
    const BundleManifest &manifest = bundle.manifest();
    if (manifest.runSpec.isEmpty())
        return Base::Error(QStringLiteral("the bundle holds no RunSpec to rebuild it from"));
    auto parsed = Runs::RunSpec::fromJson(manifest.runSpec);
    if (!parsed.ok())
        return Base::Error(QStringLiteral("the bundle's RunSpec: %1").arg(parsed.error().message));
    Runs::RunSpec spec = std::move(parsed).value();

    CheckReport report;
    const QString fingerprint = data.fingerprint();
    report.items.append(CheckItem {QStringLiteral("dataset fingerprint"), fingerprint == manifest.datasetFingerprint,
        manifest.datasetFingerprint, fingerprint});

    progress.report(0.0, QStringLiteral("Evaluating"));
    auto evaluated = Eval::crossValidate(data, spec.pipelineSpec(), spec.modelId, spec.params,
        spec.evaluationSpec(threads), progress.subrange(0.0, 0.8));
    if (!evaluated.ok())
        return evaluated.error();
    QMap<QString, double> means;
    for (const Eval::Metric &metric : evaluated.value().metrics.means())
        means.insert(metric.name, metric.value);
    for (auto it = manifest.metrics.constBegin(); it != manifest.metrics.constEnd(); ++it) {
        const auto found = means.constFind(it.key());
        const bool present = found != means.constEnd();
        report.items.append(
            CheckItem {QStringLiteral("metric ") + it.key(), present && sameMetric(it.value(), found.value()),
                numberText(it.value()), present ? numberText(found.value()) : QStringLiteral("(not computed)")});
    }

    progress.report(0.8, QStringLiteral("Refitting"));
    auto fitted = fitModel(data, spec, manifest.fitScope, threads, progress.subrange(0.8, 1.0));
    if (!fitted.ok())
        return fitted.error();
    const QString expected = digest(bundle.pipeline()) + QLatin1Char('/') + digest(bundle.model());
    const QString found = digest(fitted.value().pipeline) + QLatin1Char('/') + digest(*fitted.value().model);
    report.items.append(CheckItem {QStringLiteral("model"), expected == found, QStringLiteral("sha256 ") + expected,
        QStringLiteral("sha256 ") + found});
    progress.report(1.0, QStringLiteral("Checked"));
    return report;
}

} // namespace Tandem::Bundle
