// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/BundleManifest.h"
#include "core/learn/Estimator.h"
#include "core/learn/preprocess/Pipeline.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Tandem::Bundle {

/// A model build: the fitted pipeline and model with everything needed to score
/// new data the same way and to know where it came from (the BundleManifest). It
/// is one `.tandem` file on disk (BundleFile describes the layout).
///
/// A Bundle is immutable once made and cheap to copy (the model is shared): load
/// it once and score from any number of threads (Scorer), as a server does.
class Bundle
{
public:
    /// Checks that the parts belong together (see fromBytes) and refuses them otherwise.
    static Base::Result<Bundle> make(
        BundleManifest manifest, Learn::Pipeline pipeline, std::shared_ptr<const Learn::Estimator> model);

    const BundleManifest &manifest() const { return m_manifest; }
    const Learn::Pipeline &pipeline() const { return m_pipeline; }
    const Learn::Estimator &model() const { return *m_model; }
    std::shared_ptr<const Learn::Estimator> sharedModel() const { return m_model; }

    /// The file's bytes.
    Base::Result<QByteArray> toBytes() const;
    /// Writes the file atomically (QSaveFile): `path` holds the old file or the
    /// whole new one, never a part.
    Base::Status save(const QString &path) const;

    /// Reads a bundle's bytes (BundleFile::decode's refusals), then its manifest,
    /// pipeline and model, and checks that they agree: the same model, task,
    /// input columns, feature count and classes. `name` is named in errors.
    static Base::Result<Bundle> fromBytes(QByteArrayView bytes, const QString &name);
    static Base::Result<Bundle> load(const QString &path);
    /// Only the manifest (the checksum is still checked): for listing bundles.
    static Base::Result<BundleManifest> loadManifest(const QString &path);

    /// The serialised pipeline and model (what the file's PIPE and MODL sections
    /// hold): two bundles with equal bytes predict identically.
    Base::Result<QByteArray> pipelineBytes() const;
    Base::Result<QByteArray> modelBytes() const;

private:
    Bundle(BundleManifest manifest, Learn::Pipeline pipeline, std::shared_ptr<const Learn::Estimator> model);

    BundleManifest m_manifest;
    Learn::Pipeline m_pipeline;
    std::shared_ptr<const Learn::Estimator> m_model;
};

/// The usual file name suffix, ".tandem".
QString bundleSuffix();

} // namespace Tandem::Bundle
