// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/Bundle.h"

#include "core/bundle/BundleFile.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

namespace Tandem::Bundle {
namespace {

/// Files larger than this are refused before they are read (a bundle of a k-NN
/// model holds its training rows, but not this many).
constexpr qint64 maxBundleBytes = qint64(4) << 30;

Base::Error named(Base::Error error, const QString &name)
{
    if (error.file.isEmpty())
        error.file = name;
    return error;
}

Base::Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot open the bundle: %1").arg(file.errorString()), path);
    if (file.size() > maxBundleBytes)
        return Base::Error(
            QStringLiteral("not a Tandem model bundle: %1 bytes is larger than any bundle").arg(file.size()), path);
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Base::Error(QStringLiteral("cannot read the bundle: %1").arg(file.errorString()), path);
    return bytes;
}

Base::Result<BundleManifest> parseManifest(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Base::Error(QStringLiteral("the bundle's manifest is damaged: it is not a JSON object (%1)")
                               .arg(parseError.errorString()));
    return BundleManifest::fromJson(document.object());
}

template<typename Part> Base::Result<QByteArray> serialise(const Part &part)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (const Base::Status status = part.save(buffer); !status.ok())
        return status.error();
    return buffer.data();
}

/// Whether the manifest, pipeline and model describe one model build.
Base::Status checkParts(const BundleManifest &manifest, const Learn::Pipeline &pipeline, const Learn::Estimator &model)
{
    const auto mismatch
        = [](const QString &what) { return Base::Error(QStringLiteral("the bundle is inconsistent: %1").arg(what)); };
    if (!pipeline.isFitted() || !model.isFitted())
        return mismatch(QStringLiteral("its pipeline or model is not fitted"));
    if (model.id() != manifest.modelId)
        return mismatch(
            QStringLiteral("the manifest names model %1, the file holds %2").arg(manifest.modelId, model.id()));
    if (model.task() != manifest.task || pipeline.task() != manifest.task)
        return mismatch(QStringLiteral("the model, pipeline and manifest disagree on the task"));
    if (pipeline.featureCount() != model.featureCount())
        return mismatch(QStringLiteral("the pipeline makes %1 features, the model reads %2")
                            .arg(pipeline.featureCount())
                            .arg(model.featureCount()));
    if (InputSchema::fromPipeline(pipeline) != manifest.inputs)
        return mismatch(QStringLiteral("the manifest's input schema is not the pipeline's"));
    if (pipeline.spec().target != manifest.target)
        return mismatch(QStringLiteral("the manifest's target is not the pipeline's"));
    if (manifest.task == Learn::Task::Classification
        && (pipeline.classes() != manifest.classes || model.classCount() != pipeline.classCount()))
        return mismatch(QStringLiteral("the classes of the manifest, pipeline and model differ"));
    return {};
}

} // namespace

Bundle::Bundle(BundleManifest manifest, Learn::Pipeline pipeline, std::shared_ptr<const Learn::Estimator> model)
    : m_manifest(std::move(manifest)), m_pipeline(std::move(pipeline)), m_model(std::move(model))
{ }

Base::Result<Bundle> Bundle::make(
    BundleManifest manifest, Learn::Pipeline pipeline, std::shared_ptr<const Learn::Estimator> model)
{
    if (!model)
        return Base::Error(QStringLiteral("a bundle needs a model"));
    if (const Base::Status status = checkParts(manifest, pipeline, *model); !status.ok())
        return status.error();
    return Bundle(std::move(manifest), std::move(pipeline), std::move(model));
}

Base::Result<QByteArray> Bundle::pipelineBytes() const
{
    return serialise(m_pipeline);
}

Base::Result<QByteArray> Bundle::modelBytes() const
{
    return serialise(*m_model);
}

Base::Result<QByteArray> Bundle::toBytes() const
{
    auto pipeline = pipelineBytes();
    if (!pipeline.ok())
        return pipeline.error();
    auto model = modelBytes();
    if (!model.ok())
        return model.error();
    BundleFile::Sections sections;
    sections.manifest = QJsonDocument(m_manifest.toJson()).toJson(QJsonDocument::Compact);
    sections.pipeline = std::move(pipeline).value();
    sections.model = std::move(model).value();
    return BundleFile::encode(sections);
}

Base::Status Bundle::save(const QString &path) const
{
    auto bytes = toBytes();
    if (!bytes.ok())
        return named(bytes.error(), path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Base::Error(QStringLiteral("cannot write the bundle: %1").arg(file.errorString()), path);
    if (file.write(bytes.value()) != bytes.value().size() || !file.commit())
        return Base::Error(QStringLiteral("cannot write the bundle: %1").arg(file.errorString()), path);
    return {};
}

Base::Result<Bundle> Bundle::fromBytes(QByteArrayView bytes, const QString &name)
{
    auto sections = BundleFile::decode(bytes, name);
    if (!sections.ok())
        return sections.error();
    auto manifest = parseManifest(sections.value().manifest);
    if (!manifest.ok())
        return named(manifest.error(), name);

    QBuffer pipelineBuffer(&sections.value().pipeline);
    pipelineBuffer.open(QIODevice::ReadOnly);
    auto pipeline = Learn::Pipeline::load(pipelineBuffer);
    if (!pipeline.ok())
        return named(Base::Error(QStringLiteral("the bundle's pipeline: %1").arg(pipeline.error().message)), name);
    if (!pipelineBuffer.atEnd())
        return named(Base::Error(QStringLiteral("the bundle's pipeline section has bytes after the pipeline")), name);

    QBuffer modelBuffer(&sections.value().model);
    modelBuffer.open(QIODevice::ReadOnly);
    auto model = Learn::Estimator::load(modelBuffer);
    if (!model.ok())
        return named(Base::Error(QStringLiteral("the bundle's model: %1").arg(model.error().message)), name);
    if (!modelBuffer.atEnd())
        return named(Base::Error(QStringLiteral("the bundle's model section has bytes after the model")), name);

    auto made = make(std::move(manifest).value(), std::move(pipeline).value(),
        std::shared_ptr<const Learn::Estimator>(std::move(model).value()));
    if (!made.ok())
        return named(made.error(), name);
    return made;
}

Base::Result<Bundle> Bundle::load(const QString &path)
{
    auto bytes = readFile(path);
    if (!bytes.ok())
        return bytes.error();
    return fromBytes(bytes.value(), path);
}

Base::Result<BundleManifest> Bundle::loadManifest(const QString &path)
{
    auto bytes = readFile(path);
    if (!bytes.ok())
        return bytes.error();
    auto sections = BundleFile::decode(bytes.value(), path);
    if (!sections.ok())
        return sections.error();
    auto manifest = parseManifest(sections.value().manifest);
    if (!manifest.ok())
        return named(manifest.error(), path);
    return manifest;
}

QString bundleSuffix()
{
    return QStringLiteral(".tandem");
}

} // namespace Tandem::Bundle
