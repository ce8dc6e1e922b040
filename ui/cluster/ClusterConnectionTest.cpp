// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/cluster/ClusterConnectionTest.h"

#include <QMap>
#include <QProcess>
#include <QTimer>

namespace Tandem::Ui {

ClusterConnectionTest::ClusterConnectionTest(QObject *parent) : QObject(parent) { }

ClusterConnectionTest::~ClusterConnectionTest()
{
    stop();
}

QStringList ClusterConnectionTest::describePartitions(const QByteArray &sinfoOutput)
{
    struct Partition {
        QString availability;
        QString timeLimit;
        bool isDefault = false;
        QStringList nodes;
    };
    QStringList order;
    QMap<QString, Partition> partitions;
    for (const QString &line : QString::fromUtf8(sinfoOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.trimmed().split(QLatin1Char('|'));
        if (fields.size() < 5)
            continue;
        QString name = fields.at(0);
        const bool isDefault = name.endsWith(QLatin1Char('*'));
        if (isDefault)
            name.chop(1);
        if (!partitions.contains(name))
            order.append(name);
        Partition &partition = partitions[name];
        partition.availability = fields.at(1);
        partition.timeLimit = fields.at(2);
        partition.isDefault |= isDefault;
        const int count = fields.at(3).toInt();
        partition.nodes.append(
            tr("%1 %2").arg(count == 1 ? tr("1 node") : tr("%1 nodes").arg(fields.at(3)), fields.at(4)));
    }
    QStringList lines;
    for (const QString &name : std::as_const(order)) {
        const Partition &partition = partitions.value(name);
        lines.append(tr("%1%2: %3, time limit %4, %5")
                         .arg(name, partition.isDefault ? tr(" (default)") : QString(), partition.availability,
                             partition.timeLimit, partition.nodes.join(QStringLiteral(", "))));
    }
    return lines;
}

void ClusterConnectionTest::start(const Runs::ClusterProfile &profile)
{
    stop();
    const Base::Result<Runs::SlurmCommand> command = Runs::sinfoCommand(profile);
    if (!command.ok()) {
        const QString message = command.error().toString();
        QTimer::singleShot(0, this, [this, message] { Q_EMIT finished(false, message); });
        return;
    }
    auto *process = new QProcess(this);
    m_process = process;
    const QString shown = command.value().toString();
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    auto finish = [this, process, shown](const QString &failure) {
        if (m_process != process)
            return;
        m_process = nullptr;
        const QByteArray output = process->readAllStandardOutput();
        const QString errors = QString::fromUtf8(process->readAllStandardError()).trimmed();
        process->disconnect(this);
        process->deleteLater();
        if (failure.isEmpty() && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0) {
            const QStringList partitions = describePartitions(output);
            Q_EMIT finished(true,
                partitions.isEmpty() ? tr("sinfo answered but lists no partition.")
                                     : tr("Connected. Partitions:\n%1").arg(partitions.join(QLatin1Char('\n'))));
            return;
        }
        const QString why = !failure.isEmpty() ? failure
            : !errors.isEmpty()                ? errors
                                               : tr("exit code %1").arg(process->exitCode());
        Q_EMIT finished(false, tr("%1\n(command: %2)").arg(why, shown));
    };
    connect(process, &QProcess::finished, this, [finish] { finish({}); });
    connect(process, &QProcess::errorOccurred, this, [process, finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(tr("cannot start %1: %2").arg(process->program(), process->errorString()));
    });
    connect(timeout, &QTimer::timeout, this, [process, finish] {
        process->kill();
        finish(tr("no answer within %1 s").arg(timeoutMs / 1000));
    });
    timeout->start(timeoutMs);
    process->start(command.value().program, command.value().arguments);
}

void ClusterConnectionTest::stop()
{
    if (QProcess *process = m_process) {
        m_process = nullptr;
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
        delete process;
    }
}

} // namespace Tandem::Ui
