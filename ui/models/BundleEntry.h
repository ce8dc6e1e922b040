// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/bundle/BundleManifest.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Tandem::Ui {

/// One bundle file as the Models view lists it: its manifest, or why it could
/// not be read (a file that is not a bundle, is truncated, modified or of a
/// newer format is listed with that refusal, never hidden).
struct BundleEntry {
    /// Absolute path.
    QString path;
    /// Added by the user (Add Bundle…) rather than found in the workspace's models folder.
    bool added = false;
    /// Bytes, or -1 when the file is not there (an added bundle that was moved).
    qint64 size = -1;
    QDateTime modified;
    std::optional<Bundle::BundleManifest> manifest;
    /// The refusal (Bundle::loadManifest's message) when there is no manifest.
    QString error;

    bool loaded() const { return manifest.has_value(); }
    /// The file's name without the suffix.
    QString name() const;
    /// True when the file may have changed since this entry was read.
    bool isStale() const;
};

/// Reads `path`'s manifest (the whole file is read for its checksum: call it off
/// the GUI thread).
BundleEntry readBundleEntry(const QString &path, bool added);

/// Reads the entries for `paths` that are not in `known` or whose file changed
/// since (size or time), reusing the others: a rescan of the folder reads only
/// what is new.
QList<BundleEntry> readBundleEntries(const QList<std::pair<QString, bool>> &paths, const QList<BundleEntry> &known);

/// The metrics to show first for a task, in order (the rest follow by name).
QStringList leadingMetrics(Learn::Task task);

} // namespace Tandem::Ui
