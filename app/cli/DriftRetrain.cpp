// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/DriftRetrain.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptSignal.h"
#include "app/cli/SpecLaunch.h"
#include "app/cli/StderrProgress.h"
#include "core/runs/JobQueue.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QTextStream>

namespace Tandem::Cli {
namespace {

QJsonValue optionalId(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

} // namespace

int DriftRetrain::prepare(
    const QString &specOrRunId, const QString &workspaceDir, Monitor::RetrainData data, CliOutput &output)
{
    m_data = data;
    bool isRunId = false;
    const qint64 runId = specOrRunId.toLongLong(&isRunId);
    isRunId = isRunId && !QFileInfo::exists(specOrRunId);
    if (isRunId) {
        auto workspace = Store::Workspace::open(workspaceDir);
        if (!workspace.ok())
            return output.failure(workspace.error());
        m_workspace = workspace.value();
        auto source = Monitor::retrainSourceOfRun(m_workspace->store(), runId);
        if (!source.ok())
            return output.failure(source.error());
        m_source = source.value();
        return ExitSuccess;
    }
    auto spec = Runs::RunSpec::load(specOrRunId);
    if (!spec.ok())
        return output.failure(spec.error());
    auto source = Monitor::retrainSourceOfSpec(spec.value());
    if (!source.ok())
        return output.failure(Base::Error(source.error().message, specOrRunId));
    m_source = source.value();
    auto workspace = Store::Workspace::create(workspaceDir);
    if (!workspace.ok())
        return output.failure(workspace.error());
    m_workspace = workspace.value();
    return ExitSuccess;
}

int DriftRetrain::run(const QString &currentPath, CliOutput &output)
{
    const QString what = m_source->runId ? QStringLiteral("run %1").arg(*m_source->runId)
                                         : QStringLiteral("the spec '%1'").arg(m_source->name);
    output.err() << QStringLiteral("tandem-cli drift: the data drifted: retraining %1 on %2 (%3)\n")
                        .arg(what, QDir::toNativeSeparators(currentPath), Monitor::retrainDataName(m_data));
    output.err().flush();
    StderrProgress sink(output.err(), QStringLiteral("drift"));
    auto plan = Monitor::prepareRetrain(*m_source, m_workspace->path(), currentPath, m_data, Base::Progress(sink));
    if (!plan.ok())
        return output.failure(plan.error());

    InterruptSignal interrupt;
    Runs::JobQueue queue;
    QEventLoop loop;
    bool ended = false;
    qsizetype runsEnded = 0;
    const auto reportEnd = [&](qint64 runId, qsizetype total) {
        auto details = m_workspace->store().run(runId);
        if (details.ok())
            output.err() << runProgressLine(details.value().run, ++runsEnded, total) << '\n';
        output.err().flush();
    };
    // One progress line per job and tenth: the new run and the old model's evaluation run side by side.
    QHash<Runs::JobId, std::shared_ptr<StderrProgress>> sinks;
    QObject::connect(&queue, &Runs::JobQueue::jobProgress, &queue,
        [&](Runs::JobId id, double fraction, const QString &stage, double) {
            auto &jobSink = sinks[id];
            if (!jobSink)
                jobSink = std::make_shared<StderrProgress>(output.err(), QStringLiteral("drift"));
            jobSink->report(fraction, stage);
        });
    auto launch = Monitor::launchRetrain(m_workspace, queue, plan.value(),
        [&](const Monitor::RetrainLaunch &launched, Store::RunStatus status, const QString &error) {
            const qsizetype total = launched.originalOnCurrentRunId ? 2 : 1;
            if (launched.originalOnCurrentRunId)
                reportEnd(*launched.originalOnCurrentRunId, total);
            reportEnd(launched.runId, total);
            m_status = status;
            m_error = error;
            ended = true;
            loop.quit();
        });
    if (!launch.ok())
        return output.failure(launch.error());
    m_launch = launch.value();
    for (const QString &note : m_launch->notes)
        output.err() << QStringLiteral("note: ") << note << '\n';
    output.err().flush();
    QObject::connect(&interrupt, &InterruptSignal::interrupted, &queue, [&] {
        output.err() << QStringLiteral("tandem-cli: interrupted: cancelling the retrain\n");
        output.err().flush();
        queue.cancelAll();
    });
    if (!ended)
        loop.exec();
    if (interrupt.isInterrupted())
        return ExitInterrupted;
    if (m_status != Store::RunStatus::Done)
        return output.failure(Base::Error(
            QStringLiteral("the retrain run %1 %2%3")
                .arg(m_launch->runId)
                .arg(Store::runStatusName(m_status), m_error.isEmpty() ? QString() : QStringLiteral(": ") + m_error)));
    return ExitSuccess;
}

QJsonValue DriftRetrain::json() const
{
    if (!m_launch)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject {
        {QStringLiteral("run_id"), m_launch->runId},
        {QStringLiteral("status"), Store::runStatusName(m_status)},
        {QStringLiteral("error"), m_error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_error)},
        {QStringLiteral("original_run_id"), optionalId(m_launch->originalRunId)},
        {QStringLiteral("original_on_current_run_id"), optionalId(m_launch->originalOnCurrentRunId)},
        {QStringLiteral("experiment_id"), optionalId(m_launch->experimentId)},
        {QStringLiteral("data"), Monitor::retrainDataName(m_data)},
        {QStringLiteral("dataset"), m_launch->trainingPath},
    };
}

void DriftRetrain::printText(QTextStream &out) const
{
    if (!m_launch)
        return;
    out << QStringLiteral("\nRetrain: run %1 %2 on %3")
               .arg(m_launch->runId)
               .arg(Store::runStatusName(m_status), QDir::toNativeSeparators(m_launch->trainingPath));
    if (m_launch->originalRunId)
        out << QStringLiteral(" (retrain of run %1)").arg(*m_launch->originalRunId);
    out << '\n';
    if (m_launch->originalOnCurrentRunId) {
        out << QStringLiteral("  run %1 holds run %2's model scored on the current data: compare it with run %3\n")
                   .arg(*m_launch->originalOnCurrentRunId)
                   .arg(*m_launch->originalRunId)
                   .arg(m_launch->runId);
    }
}

} // namespace Tandem::Cli
