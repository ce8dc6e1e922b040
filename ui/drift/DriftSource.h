// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileInfo>
#include <QObject>
#include <QString>

#include <optional>

namespace Tandem::Ui {

/// Where one side of a drift comparison comes from: a dataset file, possibly as
/// the training data of a run (whose model and spec then go with it: the
/// performance, Retrain).
struct DriftSource {
    QString path; ///< absolute
    std::optional<qint64> runId;
    QString runName;
    /// The run spec's target, offered as the target column.
    QString runTarget;

    bool isValid() const { return !path.isEmpty(); }
    bool isRun() const { return runId.has_value(); }
    /// "wine.csv", or "training data of run #12" for people.
    QString label() const
    {
        const QString file = QFileInfo(path).fileName();
        return runId ? QObject::tr("%1 (training data of run #%2)").arg(file, QString::number(*runId)) : file;
    }
    friend bool operator==(const DriftSource &a, const DriftSource &b)
    {
        return a.path == b.path && a.runId == b.runId;
    }
};

} // namespace Tandem::Ui
