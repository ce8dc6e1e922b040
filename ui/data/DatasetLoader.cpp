// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/DatasetLoader.h"

#include "core/data/DatasetReader.h"

#include <QFileInfo>
#include <QPointer>

#include <memory>

namespace Tandem::Ui {

DatasetLoader::DatasetLoader(Runs::JobQueue *jobs, QObject *parent) : QObject(parent), m_jobs(jobs)
{
    connect(jobs, &Runs::JobQueue::jobProgress, this, [this](Runs::JobId id, double fraction) {
        if (const QString path = m_loading.key(id); !path.isEmpty())
            Q_EMIT progress(path, fraction);
    });
}

void DatasetLoader::request(const QString &path)
{
    if (m_loading.contains(path) || m_loaded.contains(path))
        return;
    m_errors.remove(path);
    // The job writes its result here; the completion reads it on the GUI thread.
    auto result = std::make_shared<std::optional<Base::Result<Data::LoadedDataset>>>();
    const Runs::JobId id = m_jobs->submit(
        tr("Load %1").arg(QFileInfo(path).fileName()),
        [path, result, options = m_options.value(path)](const Base::Progress &progress) -> Base::Status {
            Data::ReadOptions read;
            read.csv = options;
            *result = Data::DatasetReader::read(path, read, progress);
            if (!result->value().ok())
                return result->value().error();
            return {};
        },
        [self = QPointer<DatasetLoader>(this), path, result](const Runs::JobInfo &job) {
            if (self)
                self->finishLoad(path, job, *result);
        });
    m_loading.insert(path, id);
}

void DatasetLoader::finishLoad(
    const QString &path, const Runs::JobInfo &job, const std::optional<Base::Result<Data::LoadedDataset>> &result)
{
    m_loading.remove(path);
    if (job.state == Runs::JobState::Done && result && result->ok()) {
        m_loaded.insert(path, result->value());
        Q_EMIT loaded(path);
    } else if (job.state == Runs::JobState::Failed) {
        m_errors.insert(path, job.message);
        Q_EMIT failed(path, job.message);
    } else {
        Q_EMIT cancelled(path);
    }
}

void DatasetLoader::setOptions(const QString &path, const Data::CsvOptions &options)
{
    m_options.insert(path, options);
    forget(path);
}

void DatasetLoader::forget(const QString &path)
{
    m_loaded.remove(path);
    m_errors.remove(path);
}

void DatasetLoader::cancel(const QString &path)
{
    if (m_loading.contains(path))
        m_jobs->cancel(m_loading.value(path));
}

std::optional<Data::LoadedDataset> DatasetLoader::result(const QString &path) const
{
    const auto it = m_loaded.constFind(path);
    if (it == m_loaded.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace Tandem::Ui
