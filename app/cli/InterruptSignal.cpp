// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/InterruptSignal.h"

#include <atomic>
#include <cstdlib>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <csignal>
#include <ctime>
#include <unistd.h>
#endif

namespace Tandem::Cli {
namespace {

// How often the owning thread looks for an interrupt: short enough to feel immediate.
constexpr int pollIntervalMs = 50;

// The same signal again this soon after the first is one request delivered twice:
// GNU timeout, for one, passes a signal on to its child and then to the child's
// whole process group. Taken as "quit now", it would skip the cancellation (and a
// Slurm batch's scancel) the first one asked for. A person pressing Ctrl-C again
// after the "interrupt again" notice is slower than this.
constexpr qint64 sameRequestWindowMs = 500;

// The first interrupt since the instance was made, packed into one lock-free
// atomic (only those may be touched from a signal handler): monotonic
// milliseconds, plus one so that 0 means "none yet", times 4, plus its kind.
std::atomic<qint64> firstInterrupt {0};
static_assert(std::atomic<qint64>::is_always_lock_free);
std::atomic<bool> instanceAlive {false};

constexpr char quitNow[] = "tandem-cli: interrupted again: quitting now\n";

/// Async-signal-safe: clock_gettime on Unix; the Windows handler runs on a thread of its own.
qint64 monotonicMs()
{
#ifdef Q_OS_WIN
    return qint64(GetTickCount64()) + 1;
#else
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000 + 1;
#endif
}

/// The first interrupt is noted for poll(); a later one, unless it is the same
/// kind within the repeat window, means the user wants out now, whatever is
/// running. `kind` is 0-3. Nothing but async-signal-safe calls here
/// (clock_gettime, write, _Exit).
void noteInterrupt(int kind)
{
    const qint64 now = monotonicMs();
    qint64 first = 0;
    if (firstInterrupt.compare_exchange_strong(first, now * 4 + kind))
        return;
    if (first % 4 == kind && now - first / 4 < sameRequestWindowMs)
        return;
#ifdef Q_OS_WIN
    DWORD written = 0;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), quitNow, DWORD(sizeof quitNow - 1), &written, nullptr);
#else
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, quitNow, sizeof quitNow - 1);
#endif
    std::_Exit(ExitInterrupted);
}

#ifdef Q_OS_WIN

BOOL WINAPI onConsoleEvent(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT)
        return FALSE; // closing the console, logging off: the default ending
    noteInterrupt(event == CTRL_C_EVENT ? 0 : 1);
    return TRUE;
}

void installHandler()
{
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

void removeHandler()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
}

#else

struct sigaction previousInt;
struct sigaction previousTerm;

void onSignal(int signal)
{
    noteInterrupt(signal == SIGINT ? 0 : 1);
}

void installHandler()
{
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);
}

void removeHandler()
{
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);
}

#endif

} // namespace

InterruptSignal::InterruptSignal(QObject *parent) : QObject(parent)
{
    [[maybe_unused]] const bool another = instanceAlive.exchange(true);
    Q_ASSERT_X(!another, "InterruptSignal", "one instance at a time");
    firstInterrupt = 0;
    installHandler();
    connect(&m_poll, &QTimer::timeout, this, &InterruptSignal::poll);
    m_poll.start(pollIntervalMs);
}

InterruptSignal::~InterruptSignal()
{
    removeHandler();
    instanceAlive = false;
}

void InterruptSignal::poll()
{
    if (firstInterrupt.load() == 0)
        return;
    m_poll.stop();
    m_interrupted = true;
    Q_EMIT interrupted();
}

} // namespace Tandem::Cli
