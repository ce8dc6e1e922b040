// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/ClusterProfile.h"
#include "core/runs/SlurmCommands.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

namespace Tandem::Ui {

/// Settings > Cluster's "Test connection": runs `sinfo` (Runs::sinfoCommand) the way
/// the SlurmExecutor runs its commands (here, or through `ssh HOST` on the login node), as a
/// background QProcess, and reports the cluster's partitions or why it could not
/// reach them. One test at a time; starting another stops the first.
class ClusterConnectionTest : public QObject
{
    Q_OBJECT
public:
    /// How long sinfo (and ssh) may take before the test gives up.
    static constexpr int timeoutMs = 30000;

    explicit ClusterConnectionTest(QObject *parent = nullptr);
    ~ClusterConnectionTest() override;

    /// Runs::sinfoCommand's lines as one line per partition: "batch (default): up, time limit
    /// 1-00:00:00, 3 nodes idle, 1 node mixed".
    static QStringList describePartitions(const QByteArray &sinfoOutput);

    void start(const Runs::ClusterProfile &profile);
    bool isRunning() const { return m_process != nullptr; }

Q_SIGNALS:
    /// `ok`: sinfo answered; `text` lists the partitions, or says what went wrong.
    void finished(bool ok, const QString &text);

private:
    void stop();

    QPointer<QProcess> m_process;
};

} // namespace Tandem::Ui
