// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/cluster/ClusterResultsRecovery.h"

#include "core/runs/ClusterResultsImport.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/shell/Counting.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace Tandem::Ui {
namespace {

struct Outcome {
    int imported = 0;
    QString note;
    bool problem = false;
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Tandem::Ui::ClusterResultsRecovery", text);
}

Outcome importPending(const Store::Workspace &workspace)
{
    Outcome outcome;
    auto store = workspace.openStore();
    const auto report = store.ok() ? Runs::importPendingClusterResults(*store.value())
                                   : Base::Result<Runs::ClusterResultsImport>(store.error());
    if (!report.ok()) {
        outcome.problem = true;
        outcome.note = tr("Cannot import the cluster results that finished while Tandem was closed: %1")
                           .arg(report.error().toString());
        return outcome;
    }
    outcome.imported = int(report.value().importedRunIds.size());
    QStringList sentences;
    if (outcome.imported > 0)
        sentences << tr("Imported %1 that finished while Tandem was closed.")
                         .arg(countOf(outcome.imported, tr("cluster result"), tr("cluster results")));
    const QList<Base::Error> &problems = report.value().problems;
    if (!problems.isEmpty()) {
        outcome.problem = true;
        sentences << (problems.size() == 1
                ? tr("A cluster result could not be imported: %1").arg(problems.first().toString())
                : tr("%1 could not be imported (tandem-cli workspace import-results lists them), the first: %2")
                      .arg(countOf(problems.size(), tr("cluster result"), tr("cluster results")),
                          problems.first().toString()));
    }
    outcome.note = sentences.join(QLatin1Char(' '));
    return outcome;
}

} // namespace

ClusterResultsRecovery::ClusterResultsRecovery(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

ClusterResultsRecovery::~ClusterResultsRecovery()
{
    m_pool.waitForDone();
}

void ClusterResultsRecovery::start(std::shared_ptr<Store::Workspace> workspace)
{
    if (!workspace || workspace->isReadOnly()
        || !QFileInfo(QDir(workspace->path()).filePath(QStringLiteral("cluster"))).isDir())
        return;
    if (m_current)
        m_next = std::move(workspace);
    else
        launch(std::move(workspace));
}

void ClusterResultsRecovery::launch(std::shared_ptr<Store::Workspace> workspace)
{
    m_current = std::move(workspace);
    const Store::Workspace *borrowed = m_current.get();
    QtConcurrent::run(&m_pool, [borrowed] {
        return importPending(*borrowed);
    }).then(this, [this](const Outcome &outcome) {
        const QString path = m_current->path();
        m_current.reset();
        if (!outcome.note.isEmpty())
            Q_EMIT finished(path, outcome.imported, outcome.note, outcome.problem);
        if (m_next)
            launch(std::exchange(m_next, nullptr));
    });
}

} // namespace Tandem::Ui
