// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SlurmExecutor.h"

#include "core/runs/ShellWords.h"
#include "core/runs/TaskResult.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>

#include <algorithm>

namespace Tandem::Runs {
namespace {

const QString submittingState = QStringLiteral("SUBMITTING");

JobState jobStateOf(Store::RunStatus status)
{
    switch (status) {
    case Store::RunStatus::Done: return JobState::Done;
    case Store::RunStatus::Cancelled: return JobState::Cancelled;
    default: return JobState::Failed;
    }
}

/// The shell script every task of a batch runs: tandem-cli on the task's entry of
/// the plan. Every path was checked against ShellWords' characters and is quoted.
QByteArray taskScript(const QString &batch, const QString &tandemCli, const QString &planPath, const QString &workspace)
{
    return QStringLiteral("#!/bin/sh\n"
                          "# Written by Tandem for batch %1: Slurm array task $SLURM_ARRAY_TASK_ID runs\n"
                          "# entry $SLURM_ARRAY_TASK_ID of plan.json (docs/CLUSTER.md).\n"
                          "exec %2 run %3 --task-index \"$SLURM_ARRAY_TASK_ID\" --workspace %4\n")
        .arg(batch, shellQuoted(tandemCli), shellQuoted(planPath), shellQuoted(workspace))
        .toUtf8();
}

} // namespace

QString SlurmJobInfo::slurmId() const
{
    return arrayJobId > 0 ? QStringLiteral("%1_%2").arg(arrayJobId).arg(taskIndex) : QString();
}

QString SlurmJobInfo::stage() const
{
    QString text = arrayJobId > 0 ? QStringLiteral("Slurm %1: %2").arg(slurmId(), slurmState)
                                  : QStringLiteral("Slurm: %1").arg(slurmState);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    if (!nodes.isEmpty())
        text += QStringLiteral(" on ") + nodes;
    return text;
}

SlurmExecutor::SlurmExecutor(ClusterProfile profile, std::shared_ptr<const Store::Workspace> workspace, QObject *parent)
    : Executor(parent), m_profile(std::move(profile)), m_workspace(std::move(workspace))
{
    qRegisterMetaType<JobId>("Tandem::Runs::JobId");
    qRegisterMetaType<JobState>("Tandem::Runs::JobState");
    qRegisterMetaType<SlurmJobInfo>();
    m_poll.setInterval(std::max(1, m_profile.pollIntervalSeconds) * 1000);
    connect(&m_poll, &QTimer::timeout, this, &SlurmExecutor::poll);
}

SlurmExecutor::~SlurmExecutor()
{
    // Commands still running must not call back into a half-destroyed executor.
    const QList<QProcess *> processes = findChildren<QProcess *>();
    for (QProcess *process : processes) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
        delete process;
    }
}

QString SlurmExecutor::name() const
{
    return QStringLiteral("slurm");
}

int SlurmExecutor::maxConcurrentJobs() const
{
    return m_profile.maxParallel;
}

JobId SlurmExecutor::submit(const JobRequest &request, JobQueue::Completion onFinished)
{
    return submitBatch(request.title, {BatchJob {request, std::move(onFinished)}}).constFirst();
}

QList<JobId> SlurmExecutor::submitBatch(const QString &title, const QList<BatchJob> &jobs)
{
    QList<JobId> ids;
    if (jobs.isEmpty())
        return ids;
    const QString batchName = newBatchName();
    Batch batch {batchName, BatchFiles(m_workspace->path(), batchName), 0, {}};
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        const JobRequest &request = jobs.at(i).request;
        Job job;
        job.info.id = m_nextId++;
        job.info.title = request.title;
        job.info.stage = QStringLiteral("Slurm: ") + submittingState;
        job.onFinished = jobs.at(i).onFinished;
        job.slurm.id = job.info.id;
        job.slurm.title = request.title;
        job.slurm.runId = qint64(request.description.value(QStringLiteral("runId")).toDouble(0));
        job.slurm.batch = batch.name;
        job.slurm.taskIndex = int(i);
        job.slurm.slurmState = submittingState;
        job.slurm.logPath = batch.files.logPath(int(i));
        job.slurm.resultPath = batch.files.resultPath(int(i));
        ids.append(job.info.id);
        batch.jobs.append(job.info.id);
        m_order.append(job.info.id);
        m_jobs.insert(job.info.id, std::move(job));
    }
    for (JobId id : std::as_const(ids))
        Q_EMIT jobAdded(id, m_jobs.value(id).info.title);

    Base::Result<ArraySubmission> prepared = prepareBatch(batch, title, jobs);
    m_batches.emplace(batchName, std::move(batch));
    if (!prepared.ok()) {
        // Completions come after submitBatch has returned, as with any executor.
        const QString message = prepared.error().toString();
        QTimer::singleShot(0, this, [this, ids, message] {
            for (JobId id : ids)
                finishJob(id, JobState::Failed, message);
        });
        return ids;
    }
    runCommand(sbatchCommand(m_profile, prepared.value()),
        [this, batchName](const CommandOutcome &outcome) { submitted(batchName, outcome); });
    return ids;
}

Base::Result<ArraySubmission> SlurmExecutor::prepareBatch(
    Batch &batch, const QString &title, const QList<BatchJob> &jobs)
{
    if (Base::Status valid = m_profile.validate(); !valid.ok())
        return Base::Error(QStringLiteral("the cluster profile cannot be used: ") + valid.error().message);
    const QString workspace = QDir::cleanPath(m_workspace->path());
    if (Base::Status safe = checkSafeWord(QStringLiteral("the workspace path"), workspace); !safe.ok())
        return safe.error();
    if (m_workspace->isReadOnly())
        return Base::Error(QStringLiteral("cannot run on the cluster: the workspace is read-only"), workspace);

    ClusterPlan plan;
    plan.batch = batch.name;
    plan.workspace = workspace;
    for (const BatchJob &job : jobs) {
        const QJsonObject description = job.request.description;
        const auto refuse = [&job](const QString &why) {
            return Base::Error(QStringLiteral("'%1' cannot run on a Slurm cluster: %2").arg(job.request.title, why));
        };
        if (description.value(QStringLiteral("kind")).toString() != QLatin1String("run"))
            return refuse(QStringLiteral("only runs can (this job has no description as a run)"));
        const qint64 runId = qint64(description.value(QStringLiteral("runId")).toDouble(0));
        const QJsonObject spec = description.value(QStringLiteral("spec")).toObject();
        if (runId <= 0 || spec.isEmpty())
            return refuse(QStringLiteral("its description lacks the run's id or spec"));
        if (QDir::cleanPath(description.value(QStringLiteral("workspace")).toString()) != workspace)
            return refuse(QStringLiteral("it belongs to workspace %1, this executor to %2")
                              .arg(description.value(QStringLiteral("workspace")).toString(), workspace));
        plan.tasks.append(ClusterTask {runId, job.request.title, spec});
    }

    const BatchFiles &files = batch.files;
    for (const QString &folder : {files.logsDirectory(), files.resultsDirectory()}) {
        if (!QDir().mkpath(folder))
            return Base::Error(QStringLiteral("cannot create the batch's folder"), folder);
    }
    if (Base::Status saved = plan.save(files.planPath()); !saved.ok())
        return saved.error();
    QSaveFile script(files.scriptPath());
    const QByteArray text = taskScript(batch.name, m_profile.tandemCli, files.planPath(), workspace);
    if (!script.open(QIODevice::WriteOnly) || script.write(text) != text.size() || !script.commit())
        return Base::Error(
            QStringLiteral("cannot write the batch script: %1").arg(script.errorString()), files.scriptPath());
    QFile::setPermissions(files.scriptPath(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
    return ArraySubmission {
        slurmJobName(title), int(jobs.size()), files.scriptPath(), files.logPattern(), files.directory()};
}

void SlurmExecutor::submitted(const QString &batchName, const CommandOutcome &outcome)
{
    const auto found = m_batches.find(batchName);
    if (found == m_batches.end())
        return;
    Batch &batch = found->second;
    Base::Result<qint64> arrayJobId = outcome.succeeded
        ? parseSbatchJobId(outcome.output)
        : Base::Result<qint64>(Base::Error(QStringLiteral("sbatch failed: %1").arg(outcome.error.trimmed())));
    if (!arrayJobId.ok()) {
        const QList<JobId> failed = batch.jobs;
        for (JobId id : failed) {
            if (const auto job = m_jobs.constFind(id); job != m_jobs.constEnd() && !isFinished(job->info.state))
                finishJob(id, job->slurm.cancelRequested ? JobState::Cancelled : JobState::Failed,
                    job->slurm.cancelRequested ? QString() : arrayJobId.error().toString());
        }
        return;
    }
    batch.arrayJobId = arrayJobId.value();
    Q_EMIT batchSubmitted(batch.name, batch.arrayJobId, int(batch.jobs.size()));
    const QList<JobId> jobs = batch.jobs;
    for (JobId id : jobs) {
        Job &job = m_jobs[id];
        job.slurm.arrayJobId = batch.arrayJobId;
        if (isFinished(job.info.state))
            continue;
        job.slurm.slurmState = QStringLiteral("PENDING");
        changed(job);
    }
    const bool cancelWanted = std::any_of(batch.jobs.cbegin(), batch.jobs.cend(), [this](JobId id) {
        const Job &job = m_jobs[id];
        return job.slurm.cancelRequested && !isFinished(job.info.state);
    });
    if (cancelWanted)
        cancelTasks(batch);
    updatePolling();
    poll();
}

void SlurmExecutor::runCommand(const Base::Result<SlurmCommand> &command, CommandDone done)
{
    if (!command.ok()) {
        CommandOutcome outcome;
        outcome.error = command.error().toString();
        QTimer::singleShot(0, this, [done = std::move(done), outcome] { done(outcome); });
        return;
    }
    auto *process = new QProcess(this);
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    const QString shown = command.value().toString();
    // Called once: a timeout that kills the process also makes it emit finished.
    auto called = std::make_shared<bool>(false);
    auto finish = [process, shown, called, done = std::move(done)](const QString &failure) {
        if (std::exchange(*called, true))
            return;
        CommandOutcome outcome;
        outcome.output = process->readAllStandardOutput();
        const QString errors = QString::fromUtf8(process->readAllStandardError()).trimmed();
        if (failure.isEmpty() && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0) {
            outcome.succeeded = true;
        } else {
            outcome.error = !failure.isEmpty() ? failure
                : !errors.isEmpty()            ? errors
                                               : QStringLiteral("exit code %1").arg(process->exitCode());
            outcome.error += QStringLiteral(" (command: %1)").arg(shown);
        }
        process->disconnect();
        process->deleteLater();
        done(outcome);
    };
    connect(process, &QProcess::finished, this, [finish] { finish({}); });
    connect(process, &QProcess::errorOccurred, this, [process, finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(QStringLiteral("cannot start %1: %2").arg(process->program(), process->errorString()));
    });
    connect(timeout, &QTimer::timeout, this, [process, finish] {
        finish(QStringLiteral("no answer within %1 s").arg(commandTimeoutMs / 1000));
        process->kill();
    });
    timeout->start(commandTimeoutMs);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->start(command.value().program, command.value().arguments);
}

void SlurmExecutor::updatePolling()
{
    if (activeCount() == 0)
        m_poll.stop();
    else if (!m_poll.isActive())
        m_poll.start();
}

void SlurmExecutor::poll()
{
    if (m_pollInFlight)
        return;
    QList<qint64> arrays;
    for (auto &[name, batch] : m_batches) {
        if (batch.arrayJobId <= 0)
            continue;
        bool active = false;
        const QList<JobId> jobs = batch.jobs;
        for (JobId id : jobs) {
            // A result file ends the job whatever Slurm says yet: it is written last.
            if (Job &job = m_jobs[id]; !isFinished(job.info.state) && !tryImport(job))
                active = true;
        }
        if (active)
            arrays.append(batch.arrayJobId);
    }
    updatePolling();
    if (arrays.isEmpty())
        return;
    m_pollInFlight = true;
    runCommand(squeueCommand(m_profile, arrays), [this, arrays](const CommandOutcome &outcome) {
        if (outcome.succeeded) {
            const Base::Result<QList<SlurmTaskState>> states = parseSqueue(outcome.output);
            if (states.ok()) {
                applyQueueState(states.value(), arrays);
                return;
            }
            Q_EMIT commandProblem(states.error().toString());
        } else if (outcome.error.contains(QLatin1String("Invalid job id"))) {
            // Slurm forgot every one of these arrays: sacct knows the rest.
            applyQueueState({}, arrays);
            return;
        } else {
            Q_EMIT commandProblem(outcome.error);
        }
        m_pollInFlight = false;
    });
}

void SlurmExecutor::applyQueueState(const QList<SlurmTaskState> &states, const QList<qint64> &arrays)
{
    QHash<QPair<qint64, int>, SlurmTaskState> byTask;
    for (const SlurmTaskState &state : states)
        byTask.insert({state.arrayJobId, state.taskIndex}, state);
    QList<JobId> missing;
    // A copy: a job's completion may submit more jobs.
    const QList<JobId> order = m_order;
    for (JobId id : order) {
        Job &job = m_jobs[id];
        if (isFinished(job.info.state) || !arrays.contains(job.slurm.arrayJobId))
            continue;
        const auto found = byTask.constFind({job.slurm.arrayJobId, job.slurm.taskIndex});
        if (found != byTask.constEnd())
            applyState(job, *found);
        else
            missing.append(id);
    }
    if (missing.isEmpty()) {
        m_pollInFlight = false;
        updatePolling();
        return;
    }
    QList<qint64> missingArrays;
    for (JobId id : std::as_const(missing)) {
        if (!missingArrays.contains(m_jobs[id].slurm.arrayJobId))
            missingArrays.append(m_jobs[id].slurm.arrayJobId);
    }
    runCommand(sacctCommand(m_profile, missingArrays),
        [this, missing](const CommandOutcome &outcome) { applyAccountingState(missing, outcome); });
}

void SlurmExecutor::applyAccountingState(const QList<JobId> &missing, const CommandOutcome &outcome)
{
    m_pollInFlight = false;
    QHash<QPair<qint64, int>, SlurmTaskState> byTask;
    QString why = QStringLiteral("Slurm no longer lists it");
    if (outcome.succeeded) {
        const Base::Result<QList<SlurmTaskState>> states = parseSacct(outcome.output);
        if (states.ok()) {
            for (const SlurmTaskState &state : states.value())
                byTask.insert({state.arrayJobId, state.taskIndex}, state);
        } else {
            why += QStringLiteral(" and sacct's answer cannot be read: ") + states.error().toString();
        }
    } else {
        why += QStringLiteral(" and sacct cannot tell: ") + outcome.error;
    }
    for (JobId id : missing) {
        const auto it = m_jobs.find(id);
        if (it == m_jobs.end() || isFinished(it->info.state))
            continue;
        const auto found = byTask.constFind({it->slurm.arrayJobId, it->slurm.taskIndex});
        if (found != byTask.constEnd())
            applyState(*it, *found);
        else
            taskLost(*it, why);
    }
    updatePolling();
}

void SlurmExecutor::applyState(Job &job, const SlurmTaskState &state)
{
    const bool moved
        = job.slurm.slurmState != state.state || job.slurm.reason != state.reason || job.slurm.nodes != state.nodes;
    job.slurm.slurmState = state.state;
    job.slurm.reason = state.reason;
    job.slurm.nodes = state.nodes;
    const SlurmPhase phase = state.phase();
    if (!isFinal(phase))
        job.waitingForResult.invalidate(); // requeued (after a preemption): not ended after all
    const bool ran = phase == SlurmPhase::Running || phase == SlurmPhase::Completed || phase == SlurmPhase::Failed
        || (phase == SlurmPhase::Cancelled && !state.nodes.isEmpty());
    if (ran && job.info.state == JobState::Queued) {
        job.info.state = JobState::Running;
        job.slurm.state = JobState::Running;
        // The store says running too; a run that is no longer queued stays as it is.
        static_cast<void>(m_workspace->store().markRunning(job.slurm.runId));
        Q_EMIT jobStarted(job.info.id);
    }
    if (moved)
        changed(job);
    if (isFinal(phase))
        taskEnded(job, state);
}

void SlurmExecutor::taskEnded(Job &job, const SlurmTaskState &state)
{
    if (tryImport(job))
        return;
    const QString log = QStringLiteral("log: %1").arg(job.slurm.logPath);
    if (state.phase() == SlurmPhase::Cancelled) {
        // Cancelled here: no message, as a local run. Cancelled by someone else: say so.
        finishJob(job.info.id, JobState::Cancelled,
            job.slurm.cancelRequested ? QString()
                                      : QStringLiteral("Slurm task %1 was cancelled outside Tandem: %2 (%3)")
                                            .arg(state.id(), state.describe(), log));
        return;
    }
    const QString where = state.nodes.isEmpty() ? QString() : QStringLiteral(" on ") + state.nodes;
    if (state.phase() == SlurmPhase::Completed)
        waitOrFail(job,
            QStringLiteral("Slurm task %1 ended %2%3 but wrote no result file %4 (%5)")
                .arg(state.id(), state.describe(), where, job.slurm.resultPath, log));
    else
        waitOrFail(job,
            QStringLiteral("Slurm task %1 ended %2%3 without a result (%4)")
                .arg(state.id(), state.describe(), where, log));
}

void SlurmExecutor::taskLost(Job &job, const QString &why)
{
    if (tryImport(job))
        return;
    if (job.slurm.cancelRequested) {
        finishJob(job.info.id, JobState::Cancelled, {});
        return;
    }
    waitOrFail(job,
        QStringLiteral("Slurm task %1 left no result file: %2 (log: %3)")
            .arg(job.slurm.slurmId(), why, job.slurm.logPath));
}

void SlurmExecutor::waitOrFail(Job &job, const QString &message)
{
    if (!job.waitingForResult.isValid())
        job.waitingForResult.start();
    if (job.waitingForResult.elapsed() < qint64(m_profile.resultWaitSeconds) * 1000)
        return; // shared storage may show the result file a little later
    finishJob(job.info.id, JobState::Failed,
        job.lastImportError.isEmpty() ? message
                                      : job.lastImportError + QStringLiteral(" (log: %1)").arg(job.slurm.logPath));
}

bool SlurmExecutor::tryImport(Job &job)
{
    if (job.slurm.arrayJobId <= 0 || !QFileInfo::exists(job.slurm.resultPath))
        return false;
    Store::ExperimentStore &store = m_workspace->store();
    const Base::Result<ImportOutcome> imported
        = importTaskResult(store, job.slurm.runId, job.slurm.resultPath, job.slurm.logPath);
    if (!imported.ok()) {
        // Possibly an artifact not visible yet on shared storage: retried until the
        // wait for a result is over.
        job.lastImportError = imported.error().toString();
        if (!job.waitingForResult.isValid())
            job.waitingForResult.start();
        if (job.waitingForResult.elapsed() < qint64(m_profile.resultWaitSeconds) * 1000)
            return false;
        finishJob(
            job.info.id, JobState::Failed, job.lastImportError + QStringLiteral(" (log: %1)").arg(job.slurm.logPath));
        return true;
    }
    const auto run = store.run(job.slurm.runId);
    if (!run.ok()) {
        finishJob(job.info.id, JobState::Failed, run.error().toString());
        return true;
    }
    finishJob(job.info.id, jobStateOf(run.value().run.status), run.value().run.error);
    return true;
}

void SlurmExecutor::finishJob(JobId id, JobState state, const QString &message)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end() || isFinished(it->info.state))
        return;
    it->info.state = state;
    it->info.message = message;
    it->info.fraction = 1.0;
    it->info.etaSeconds = 0.0;
    it->slurm.state = state;
    it->slurm.message = message;
    const JobInfo info = it->info;
    const SlurmJobInfo slurm = it->slurm;
    const JobQueue::Completion completion = std::exchange(it->onFinished, {});
    if (completion)
        completion(info);
    Q_EMIT slurmJobChanged(id, slurm);
    Q_EMIT jobFinished(id, state, message);
    updatePolling();
}

void SlurmExecutor::changed(Job &job)
{
    job.info.stage = job.slurm.stage();
    Q_EMIT slurmJobChanged(job.info.id, job.slurm);
    Q_EMIT jobProgress(job.info.id, job.info.fraction, job.info.stage, -1.0);
}

void SlurmExecutor::cancel(JobId id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end() || isFinished(it->info.state) || it->slurm.cancelRequested)
        return;
    it->slurm.cancelRequested = true;
    changed(*it);
    if (it->slurm.arrayJobId <= 0)
        return; // cancelled once sbatch has answered (submitted)
    runCommand(
        scancelCommand(m_profile, it->slurm.arrayJobId, it->slurm.taskIndex), [this](const CommandOutcome &outcome) {
            if (!outcome.succeeded)
                Q_EMIT commandProblem(QStringLiteral("scancel failed: ") + outcome.error);
        });
}

void SlurmExecutor::cancelAll()
{
    for (auto &[name, batch] : m_batches) {
        bool any = false;
        for (JobId id : std::as_const(batch.jobs)) {
            Job &job = m_jobs[id];
            if (isFinished(job.info.state) || job.slurm.cancelRequested)
                continue;
            job.slurm.cancelRequested = true;
            changed(job);
            any = true;
        }
        if (any && batch.arrayJobId > 0)
            cancelTasks(batch);
    }
}

void SlurmExecutor::cancelTasks(Batch &batch)
{
    // The whole array in one scancel when every unfinished task is to stop.
    QList<int> tasks;
    bool all = true;
    for (JobId id : std::as_const(batch.jobs)) {
        const Job &job = m_jobs[id];
        if (isFinished(job.info.state))
            continue;
        if (job.slurm.cancelRequested)
            tasks.append(job.slurm.taskIndex);
        else
            all = false;
    }
    const auto report = [this](const CommandOutcome &outcome) {
        if (!outcome.succeeded)
            Q_EMIT commandProblem(QStringLiteral("scancel failed: ") + outcome.error);
    };
    if (all) {
        runCommand(scancelCommand(m_profile, batch.arrayJobId), report);
        return;
    }
    for (int task : std::as_const(tasks))
        runCommand(scancelCommand(m_profile, batch.arrayJobId, task), report);
}

JobInfo SlurmExecutor::info(JobId id) const
{
    return m_jobs.value(id).info;
}

SlurmJobInfo SlurmExecutor::slurmJob(JobId id) const
{
    return m_jobs.value(id).slurm;
}

QList<SlurmJobInfo> SlurmExecutor::slurmJobs() const
{
    QList<SlurmJobInfo> jobs;
    jobs.reserve(m_order.size());
    for (JobId id : m_order)
        jobs.append(m_jobs.value(id).slurm);
    return jobs;
}

int SlurmExecutor::activeCount() const
{
    return int(
        std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const Job &job) { return !isFinished(job.info.state); }));
}

} // namespace Tandem::Runs
