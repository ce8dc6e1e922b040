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
#include <unistd.h>
#endif

namespace Tandem::Cli {
namespace {

// How often the owning thread looks at the count: short enough to feel immediate.
constexpr int pollIntervalMs = 50;

// Signals received since the instance was made. Only lock-free atomics may be
// touched from a signal handler.
std::atomic<int> interruptCount {0};
static_assert(std::atomic<int>::is_always_lock_free);
std::atomic<bool> instanceAlive {false};

constexpr char quitNow[] = "tandem-cli: interrupted again: quitting now\n";

/// The second interrupt: the user wants out now, whatever is running. Nothing but
/// async-signal-safe calls here (write, _Exit).
void countInterrupt()
{
    if (interruptCount.fetch_add(1) == 0)
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
    countInterrupt();
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

void onSignal(int)
{
    countInterrupt();
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
    interruptCount = 0;
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
    if (interruptCount.load() == 0)
        return;
    m_poll.stop();
    m_interrupted = true;
    Q_EMIT interrupted();
}

} // namespace Tandem::Cli
