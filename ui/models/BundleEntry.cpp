// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/BundleEntry.h"

#include "core/bundle/Bundle.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>

namespace Tandem::Ui {

QString BundleEntry::name() const
{
    return QFileInfo(path).completeBaseName();
}

bool BundleEntry::isStale() const
{
    const QFileInfo info(path);
    if (!info.exists())
        return size >= 0;
    return info.size() != size || info.lastModified() != modified;
}

BundleEntry readBundleEntry(const QString &path, bool added)
{
    BundleEntry entry;
    entry.path = path;
    entry.added = added;
    const QFileInfo info(path);
    if (!info.exists()) {
        entry.error = QCoreApplication::translate(
            "Tandem::Ui::BundleEntry", "the file is not there any more (moved or deleted?)");
        return entry;
    }
    entry.size = info.size();
    entry.modified = info.lastModified();
    auto manifest = Bundle::Bundle::loadManifest(path);
    if (manifest.ok())
        entry.manifest = std::move(manifest).value();
    else
        entry.error = manifest.error().message;
    return entry;
}

QList<BundleEntry> readBundleEntries(const QList<std::pair<QString, bool>> &paths, const QList<BundleEntry> &known)
{
    QHash<QString, const BundleEntry *> byPath;
    for (const BundleEntry &entry : known)
        byPath.insert(entry.path, &entry);
    QList<BundleEntry> entries;
    entries.reserve(paths.size());
    for (const auto &[path, added] : paths) {
        const BundleEntry *old = byPath.value(path);
        if (old && !old->isStale()) {
            entries << *old;
            entries.last().added = added;
        } else {
            entries << readBundleEntry(path, added);
        }
    }
    return entries;
}

QStringList leadingMetrics(Learn::Task task)
{
    if (task == Learn::Task::Classification)
        return {QStringLiteral("accuracy"), QStringLiteral("roc_auc"), QStringLiteral("roc_auc_ovr"),
            QStringLiteral("f1_macro")};
    return {QStringLiteral("r2"), QStringLiteral("rmse"), QStringLiteral("mae")};
}

} // namespace Tandem::Ui
