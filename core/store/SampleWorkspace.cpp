// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SampleWorkspace.h"

#include "core/store/JsonTextEdit.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace Tandem::Store {
namespace {

const QString datasetsFolder = QStringLiteral("datasets");

/// Writes `bytes` to `target` unless a file is there already (the user's, maybe edited).
Base::Status writeIfMissing(const QString &target, const QByteArray &bytes)
{
    if (QFileInfo::exists(target))
        return {};
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Base::Error {QStringLiteral("cannot write the sample file: %1").arg(file.errorString()), target};
    return {};
}

Base::Result<QByteArray> readResource(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error {QStringLiteral("cannot read the bundled file"), resource};
    return file.readAll();
}

/// Copies the bundled datasets into `datasets` and registers them; returns their file names.
Base::Result<QStringList> copyDatasets(Workspace &workspace, const QDir &datasets)
{
    // Sorted, so the workspace lists the samples in the same order everywhere.
    const QDir samples(QStringLiteral(":/samples"));
    const QStringList names = samples.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString target = datasets.filePath(name);
        if (!QFileInfo::exists(target)) {
            if (!QFile::copy(samples.filePath(name), target))
                return Base::Error {QStringLiteral("cannot write the sample file"), target};
            // Resource files are read-only; the user's copy should not be.
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
        }
        if (!name.endsWith(QLatin1String(".txt"))) {
            if (const Base::Status added = workspace.addDataset(target); !added.ok())
                return added.error();
        }
    }
    return names;
}

/// Copies the bundled example specs into `examples`, each spec's dataset.path
/// ("../samples/iris.csv" in the source tree) made to point at the workspace's copy.
Base::Status copyExamples(const QDir &examples, const QStringList &sampleNames)
{
    const QDir bundled(QStringLiteral(":/examples"));
    for (const QString &name : bundled.entryList(QDir::Files, QDir::Name)) {
        const QString resource = bundled.filePath(name);
        auto bytes = readResource(resource);
        if (!bytes.ok())
            return bytes.error();
        QByteArray content = bytes.value();
        if (name.endsWith(QLatin1String(".json"))) {
            const QString sample = QFileInfo(QJsonDocument::fromJson(content)
                                                 .object()
                                                 .value(QStringLiteral("dataset"))
                                                 .toObject()
                                                 .value(QStringLiteral("path"))
                                                 .toString())
                                       .fileName();
            if (!sampleNames.contains(sample))
                return Base::Error {QStringLiteral("dataset.path names no bundled sample dataset"), resource};
            auto rewritten = replaceJsonString(content, {QStringLiteral("dataset"), QStringLiteral("path")},
                QStringLiteral("../%1/%2").arg(datasetsFolder, sample), resource);
            if (!rewritten.ok())
                return rewritten.error();
            content = rewritten.value();
        }
        if (const Base::Status written = writeIfMissing(examples.filePath(name), content); !written.ok())
            return written;
    }
    return {};
}

} // namespace

QString defaultSampleWorkspaceDir()
{
    // A fixed "Tandem" folder, not the application's own one: the GUI (Tandem) and the
    // CLI (tandem-cli) must find the same sample workspace.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("Tandem/Sample workspace"));
}

QString sampleExamplesDir(const QString &workspacePath)
{
    return QDir(workspacePath).filePath(QStringLiteral("examples"));
}

Base::Result<QString> createSampleWorkspace(const QString &dir)
{
    auto workspace = Workspace::create(dir);
    if (!workspace.ok())
        return workspace.error();
    const QDir root(workspace.value()->path());
    const QDir datasets(root.filePath(datasetsFolder));
    const QDir examples(sampleExamplesDir(root.path()));
    for (const QDir &folder : {datasets, examples}) {
        if (!QDir().mkpath(folder.path()))
            return Base::Error {QStringLiteral("cannot create the folder"), folder.path()};
    }
    auto sampleNames = copyDatasets(*workspace.value(), datasets);
    if (!sampleNames.ok())
        return sampleNames.error();
    if (const Base::Status copied = copyExamples(examples, sampleNames.value()); !copied.ok())
        return copied.error();
    return workspace.value()->path();
}

} // namespace Tandem::Store
