// SPDX-License-Identifier: GPL-3.0-or-later
// bench_cancel: how long a long fit takes to stop once asked (issue 5, "Cancellation
// and progress": a 500-tree forest or a 1000-round boosting run stops within 200 ms).
// The tests check that a stop request ends every fit with the stopped error; this
// program measures the delay, which no test may assert.
//
//   bench_cancel [--rows N] [--threads N] [--after SECONDS]
//
// Fits each case on N rows × 20 features of seeded synthetic data (a nonlinear
// two-class rule with label noise) on a thread, requests a stop after SECONDS of
// fitting (default 1), and prints the milliseconds until fit() returned, whether it
// returned the stopped error, the last progress fraction and whether progress was
// monotone. A plain program, not a test.
#include "core/base/SeededRandom.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace Tandem;
using Clock = std::chrono::steady_clock;

namespace {

/// Records progress and stops when told.
class StopSwitch final : public Base::ProgressSink
{
public:
    void report(double fraction, const QString &) override
    {
        std::lock_guard lock(m_mutex);
        if (fraction < m_last)
            m_monotone = false;
        m_last = fraction;
    }
    bool stopRequested() const override { return m_stop.load(); }
    void stop() { m_stop = true; }
    double last() const
    {
        std::lock_guard lock(m_mutex);
        return m_last;
    }
    bool monotone() const
    {
        std::lock_guard lock(m_mutex);
        return m_monotone;
    }

private:
    std::atomic<bool> m_stop {false};
    mutable std::mutex m_mutex;
    double m_last = 0.0;
    bool m_monotone = true;
};

struct Case {
    const char *model;
    Learn::ParamValues params;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("rows"), QStringLiteral("Rows of synthetic data."), QStringLiteral("N"),
                           QStringLiteral("200000")},
        {QStringLiteral("threads"), QStringLiteral("FitContext::threads."), QStringLiteral("N"), QStringLiteral("2")},
        {QStringLiteral("after"), QStringLiteral("Seconds of fitting before the stop request."),
            QStringLiteral("SECONDS"), QStringLiteral("1")}});
    parser.process(app);
    const Eigen::Index rows = parser.value(QStringLiteral("rows")).toLongLong();
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    const double after = parser.value(QStringLiteral("after")).toDouble();

    Base::SeededRandom random(1);
    Learn::Matrix X(rows, 20);
    Learn::Vector y(rows);
    for (Eigen::Index i = 0; i < rows; ++i) {
        for (Eigen::Index j = 0; j < 20; ++j)
            X(i, j) = random.uniform() * 2.0 - 1.0;
        const double score = X(i, 0) * X(i, 1) + std::sin(3.0 * X(i, 2)) + X(i, 3) - 0.5 * X(i, 4) * X(i, 4);
        y[i] = (score > 0.0) != (random.uniform() < 0.1) ? 1.0 : 0.0;
    }

    const Case cases[] = {
        {"forest", {{QStringLiteral("n_estimators"), 500}}},
        {"extratrees", {{QStringLiteral("n_estimators"), 500}}},
        {"gbdt", {{QStringLiteral("n_estimators"), 1000}, {QStringLiteral("early_stopping"), false}}},
        {"mlp",
            {{QStringLiteral("max_iter"), 1000}, {QStringLiteral("hidden_layer_sizes"), QStringLiteral("256,128")}}},
        {"tree", {}},
    };
    std::printf("%-12s %10s %8s %10s %9s\n", "model", "stop (ms)", "stopped", "progress", "monotone");
    for (const Case &c : cases) {
        auto model = Learn::Registry::instance().create(QLatin1String(c.model), c.params);
        if (!model.ok()) {
            std::printf("%-12s %s\n", c.model, qPrintable(model.error().message));
            continue;
        }
        StopSwitch sink;
        Learn::FitContext context {Base::Progress(sink)};
        context.threads = threads;
        context.classCount = 2;
        Base::Status status;
        Clock::time_point returned;
        std::thread fitter([&] {
            status = model.value()->fit(X, y, context);
            returned = Clock::now();
        });
        std::this_thread::sleep_for(std::chrono::duration<double>(after));
        const Clock::time_point requested = Clock::now();
        sink.stop();
        fitter.join();
        const double ms = std::chrono::duration<double, std::milli>(returned - requested).count();
        const bool stopped = !status.ok() && status.error().message == Learn::FitContext::stoppedMessage();
        std::printf("%-12s %10.1f %8s %10.3f %9s\n", c.model, std::max(ms, 0.0), stopped ? "yes" : "finished",
            sink.last(), sink.monotone() ? "yes" : "NO");
    }
    return 0;
}
