// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

/// Stand-ins for Slurm's commands (sbatch, squeue, sacct, scancel, sinfo) and ssh,
/// first on the PATH while the object lives (tests of the SlurmExecutor and of the
/// workbench's cluster views): each records its arguments in a control folder and answers what the test
/// wrote there (<tool>.out on stdout, or <tool>.fail on stderr with exit 1). `ssh`
/// runs the command line it is given with /bin/sh, as a login node's shell would.
class FakeSlurm
{
public:
    FakeSlurm()
    {
        static const char *const script = R"(#!/bin/sh
tool=$(basename "$0")
for a in "$@"; do printf '%s\n' "$a"; done >> "$FAKE_SLURM/$tool.args"
echo "@@end@@" >> "$FAKE_SLURM/$tool.args"
if [ "$tool" = ssh ]; then for last; do :; done; exec /bin/sh -c "$last"; fi
if [ -f "$FAKE_SLURM/$tool.fail" ]; then cat "$FAKE_SLURM/$tool.fail" >&2; exit 1; fi
[ -f "$FAKE_SLURM/$tool.out" ] && cat "$FAKE_SLURM/$tool.out"
exit 0
)";
        const QDir root(m_dir.path());
        root.mkpath(QStringLiteral("bin"));
        root.mkpath(QStringLiteral("control"));
        for (const char *tool : {"sbatch", "squeue", "sacct", "scancel", "sinfo", "ssh"}) {
            QFile file(root.filePath(QStringLiteral("bin/") + QLatin1String(tool)));
            if (file.open(QIODevice::WriteOnly))
                file.write(script);
            file.close();
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        m_path = qgetenv("PATH");
        qputenv("PATH", root.filePath(QStringLiteral("bin")).toLocal8Bit() + ':' + m_path);
        qputenv("FAKE_SLURM", control().toLocal8Bit());
    }
    ~FakeSlurm()
    {
        qputenv("PATH", m_path);
        qunsetenv("FAKE_SLURM");
    }
    FakeSlurm(const FakeSlurm &) = delete;
    FakeSlurm &operator=(const FakeSlurm &) = delete;

    QString control() const { return QDir(m_dir.path()).filePath(QStringLiteral("control")); }

    /// What `tool` answers from now on (replaced atomically: a command running
    /// meanwhile reads the old answer or the new one, never none).
    bool answer(const QString &tool, const QByteArray &output, bool fail = false) const
    {
        const QDir dir(control());
        QSaveFile file(dir.filePath(tool + (fail ? QStringLiteral(".fail") : QStringLiteral(".out"))));
        if (!file.open(QIODevice::WriteOnly) || file.write(output) != output.size() || !file.commit())
            return false;
        QFile::remove(dir.filePath(tool + (fail ? QStringLiteral(".out") : QStringLiteral(".fail"))));
        return true;
    }

    /// Each call's arguments, as the tool received them.
    QList<QStringList> calls(const QString &tool) const
    {
        QFile file(QDir(control()).filePath(tool + QStringLiteral(".args")));
        QList<QStringList> list;
        if (!file.open(QIODevice::ReadOnly))
            return list;
        QStringList current;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line == QLatin1String("@@end@@")) {
                list.append(current);
                current.clear();
            } else {
                current.append(line);
            }
        }
        return list;
    }

private:
    QTemporaryDir m_dir;
    QByteArray m_path;
};
