// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/ExitCode.h"

#include <QObject>
#include <QTimer>

namespace Tandem::Cli {

/// Ctrl-C for the commands that run jobs. While an instance lives, SIGINT and SIGTERM
/// (Unix) or Ctrl-C and Ctrl-Break (Windows console) no longer end the process: the
/// first one makes the instance emit interrupted() on its own thread, so the command
/// can cancel its work, keep the store consistent and exit with ExitInterrupted; a
/// second one ends the process at once with that code. The same signal again within
/// half a second counts as the first: wrappers such as GNU timeout pass one on twice.
/// Destroying the instance puts back the handling there was before. One instance at
/// a time.
///
/// The operating system's handler only notes the first interrupt, in a lock-free
/// atomic (async-signal-safe on Unix; a thread of its own on Windows), and a timer on
/// the instance's thread polls it: the same path for both systems, and no Qt call in
/// a handler.
class InterruptSignal : public QObject
{
    Q_OBJECT
public:
    explicit InterruptSignal(QObject *parent = nullptr);
    ~InterruptSignal() override;
    InterruptSignal(const InterruptSignal &) = delete;
    InterruptSignal &operator=(const InterruptSignal &) = delete;

    /// True once interrupted() has been emitted.
    bool isInterrupted() const { return m_interrupted; }

Q_SIGNALS:
    /// The user asked the command to stop (emitted once).
    void interrupted();

private:
    void poll();

    QTimer m_poll;
    bool m_interrupted = false;
};

} // namespace Tandem::Cli
