// SPDX-License-Identifier: GPL-3.0-or-later
// Permutation importance runs as a job of the JobQueue: progress reaches the
// queue, the result comes back, and a cancel ends it as cancelled.
#include "core/base/SeededRandom.h"
#include "core/eval/PermutationImportance.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"
#include "core/runs/JobQueue.h"

#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace Tandem;
using Runs::JobQueue;
using Runs::JobState;

namespace {

struct Problem {
    Learn::Matrix X;
    Learn::Vector y;
    std::unique_ptr<Learn::Estimator> model;
};

/// A forest fitted on y = [x0 > 0] over 3 uniform features.
Problem fittedForest()
{
    Problem problem;
    Base::SeededRandom random(3);
    problem.X.resize(400, 3);
    problem.y.resize(400);
    for (Eigen::Index i = 0; i < 400; ++i) {
        for (Eigen::Index j = 0; j < 3; ++j)
            problem.X(i, j) = random.uniform() * 2.0 - 1.0;
        problem.y[i] = problem.X(i, 0) > 0.0 ? 1.0 : 0.0;
    }
    auto model = Learn::Registry::instance().create(QStringLiteral("forest"), {{QStringLiteral("n_estimators"), 20}});
    Learn::FitContext context;
    context.classCount = 2;
    if (!model.ok() || !model.value()->fit(problem.X, problem.y, context).ok())
        qFatal("cannot fit the forest");
    problem.model = std::move(model).value();
    return problem;
}

} // namespace

class TestImportanceJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsAsAJobWithProgress()
    {
        const Problem problem = fittedForest();
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy progress(&queue, &JobQueue::jobProgress);
        Eval::PermutationImportance importance;
        const auto id = queue.submit(QStringLiteral("Permutation importance"), [&](const Base::Progress &p) {
            Eval::PermutationOptions options;
            options.threads = 2;
            auto result = Eval::permutationImportance(*problem.model, problem.X, problem.y, options, p);
            if (!result.ok())
                return Base::Status(result.error());
            importance = std::move(result).value();
            return Base::Status {};
        });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(id).state, JobState::Done);
        QCOMPARE(queue.info(id).fraction, 1.0);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(importance.mean.size(), 3);
        QVERIFY(importance.mean[0] > 0.3); // the forest needs x0 ...
        QVERIFY(importance.mean[0] > 10 * std::abs(importance.mean[1])); // ... and hardly x1 or x2
        QVERIFY(importance.mean[0] > 10 * std::abs(importance.mean[2]));
    }

    void cancelEndsItCancelled()
    {
        const Problem problem = fittedForest();
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        const auto id = queue.submit(QStringLiteral("Permutation importance"), [&](const Base::Progress &p) {
            while (!p.stopRequested()) // hold until the test has cancelled
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            auto result = Eval::permutationImportance(*problem.model, problem.X, problem.y, {}, p);
            return result.ok() ? Base::Status {} : Base::Status(result.error());
        });
        QTRY_COMPARE(started.count(), 1);
        queue.cancel(id);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(id).state, JobState::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestImportanceJob)
#include "tst_importance_job.moc"
