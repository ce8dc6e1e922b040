// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/CsvOptions.h"
#include "core/data/LoadReport.h"
#include "core/runs/JobQueue.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

namespace Tandem::Ui {

/// Loads dataset files as jobs on the process's JobQueue and keeps what was
/// loaded, so that switching between datasets does not read a file twice.
/// Everything it signals happens on the GUI thread.
class DatasetLoader : public QObject
{
    Q_OBJECT
public:
    explicit DatasetLoader(Runs::JobQueue *jobs, QObject *parent = nullptr);

    /// Starts loading `path` unless it is loaded or loading already.
    void request(const QString &path);
    /// How to read `path` from now on (the import dialog's choice); forgets what
    /// was loaded with other options.
    void setOptions(const QString &path, const Data::CsvOptions &options);
    Data::CsvOptions options(const QString &path) const { return m_options.value(path); }
    /// Forgets a loaded dataset (or an error) so the next request reads the file again.
    void forget(const QString &path);
    void cancel(const QString &path);

    bool isLoading(const QString &path) const { return m_loading.contains(path); }
    /// The loaded dataset, if `path` loaded successfully.
    std::optional<Data::LoadedDataset> result(const QString &path) const;
    /// The error of the last failed load of `path`, empty otherwise.
    QString error(const QString &path) const { return m_errors.value(path); }

Q_SIGNALS:
    void progress(const QString &path, double fraction);
    void loaded(const QString &path);
    void failed(const QString &path, const QString &message);
    void cancelled(const QString &path);

private:
    void finishLoad(
        const QString &path, const Runs::JobInfo &job, const std::optional<Base::Result<Data::LoadedDataset>> &result);

    Runs::JobQueue *m_jobs;
    QHash<QString, Runs::JobId> m_loading;
    QHash<QString, Data::LoadedDataset> m_loaded;
    QHash<QString, QString> m_errors;
    QHash<QString, Data::CsvOptions> m_options;
};

} // namespace Tandem::Ui
