// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QDateTime>
#include <QString>

namespace Tandem::Drift {

struct DriftAnalysis;

struct HtmlReportOptions {
    /// The page's heading; empty: "Drift report".
    QString title;
    /// When the report was made; null: now.
    QDateTime created;
};

/// The whole drift analysis as one self-contained HTML page: inline CSS, inline
/// SVG charts (DriftSvg.h), no scripts and no external resources, so it can be
/// mailed, archived by CI or opened offline. It holds the dataset verdict, the
/// alerts, one table row per feature from the strongest drift down (sparkline,
/// test, score, threshold, verdict, findings), each feature's distributions (and
/// its score per window), the target's and the predictions' drift, drift over
/// time and performance per window. Every name from the data is escaped.
QString driftHtmlReport(const DriftAnalysis &analysis, const HtmlReportOptions &options = {});

/// Writes driftHtmlReport() to `path` atomically (QSaveFile); the error names the file.
Base::Status writeDriftHtmlReport(
    const QString &path, const DriftAnalysis &analysis, const HtmlReportOptions &options = {});

} // namespace Tandem::Drift
