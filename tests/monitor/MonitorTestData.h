// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the monitor tests share: a reference and a current table whose column x
// moves, a run spec over them, and bundles fitted from them.

#include "core/bundle/Export.h"
#include "core/bundle/ModelFit.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/runs/RunSpec.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cmath>
#include <memory>

namespace Tandem::MonitorTest {

/// `rows` rows of x (numbers: [0, 10) on the reference, [2, 12) on the current
/// side), color (r/g/b) and label: hi when x + (color is g) > 5, else lo; on the
/// current side every 4th label is flipped.
inline QByteArray tableCsv(bool current, int rows = 120)
{
    static const char *const colors[] = {"r", "g", "b"};
    QByteArray text = "x,color,label\n";
    for (int i = 1; i <= rows; ++i) {
        const double x = std::fmod(double(i) * (current ? 0.41421356237309515 : 0.6180339887498949), 1.0) * 10
            + (current ? 2.0 : 0.0);
        const int color = (i * 7) % 3;
        bool high = x + (color == 1 ? 1.0 : 0.0) > 5.0;
        if (current && i % 4 == 0)
            high = !high;
        text += QByteArray::number(x, 'g', 17) + ',' + colors[color] + ',' + (high ? "hi" : "lo") + '\n';
    }
    return text;
}

inline std::shared_ptr<const Data::Dataset> parse(const QByteArray &csv, const QString &name = QStringLiteral("t.csv"))
{
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(csv, name, {}, Base::Progress(sink));
    return loaded.ok() ? loaded.value().dataset : nullptr;
}

inline QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/// A depth-2 tree on x and color, 3-fold, in experiment "monitor".
inline Runs::RunSpec treeSpec(const QString &dataPath)
{
    Runs::RunSpec spec;
    spec.name = QStringLiteral("tree");
    spec.experiment = QStringLiteral("monitor");
    spec.datasetPath = dataPath;
    spec.target = QStringLiteral("label");
    spec.features = {QStringLiteral("x"), QStringLiteral("color")};
    spec.modelId = QStringLiteral("tree");
    spec.params.insert(QStringLiteral("max_depth"), qint64(2));
    spec.evaluation.folds = 3;
    spec.evaluation.seed = 2;
    return spec;
}

/// A bundle of `spec` fitted on all of `data`, claiming `metrics` as its run's.
inline std::shared_ptr<const Bundle::Bundle> bundleFor(
    const Data::Dataset &data, const Runs::RunSpec &spec, const QMap<QString, double> &metrics = {})
{
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    auto fitted = Bundle::fitModel(data, spec, Bundle::FitScope::AllRows, 1, progress);
    if (!fitted.ok())
        return nullptr;
    Bundle::BundleOrigin origin;
    origin.metrics = metrics;
    auto bundle = Bundle::makeBundle(data, spec, std::move(fitted).value(), origin, progress);
    return bundle.ok() ? std::make_shared<const Bundle::Bundle>(std::move(bundle).value()) : nullptr;
}

} // namespace Tandem::MonitorTest
