// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Splits.h"

#include "core/base/SeededRandom.h"
#include "core/eval/Validation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace Tandem::Eval {

namespace {

std::vector<qint64> iota(qint64 begin, qint64 end)
{
    std::vector<qint64> values(static_cast<size_t>(std::max<qint64>(0, end - begin)));
    std::iota(values.begin(), values.end(), begin);
    return values;
}

/// Train/test folds from each row's test fold number.
QList<Fold> foldsFromAssignment(const std::vector<int> &testFold, int folds, int repeat)
{
    QList<Fold> result(folds);
    for (int f = 0; f < folds; ++f) {
        result[f].repeat = repeat;
        result[f].index = f;
    }
    for (size_t row = 0; row < testFold.size(); ++row) {
        for (int f = 0; f < folds; ++f)
            (f == testFold[row] ? result[f].test : result[f].train).push_back(static_cast<qint64>(row));
    }
    return result;
}

Fold sortedFold(std::vector<qint64> train, std::vector<qint64> test)
{
    std::sort(train.begin(), train.end());
    std::sort(test.begin(), test.end());
    return {std::move(train), std::move(test), 0, 0};
}

Base::Status checkFolds(qint64 rows, const KFoldOptions &options)
{
    if (options.folds < 2)
        return Base::Error(QStringLiteral("k-fold needs at least 2 folds, got %1").arg(options.folds));
    if (options.folds > rows)
        return Base::Error(
            QStringLiteral("cannot make %1 folds of %2 rows: there must be at least as many rows as folds")
                .arg(options.folds)
                .arg(rows));
    if (options.repeats < 1)
        return Base::Error(QStringLiteral("the number of repeats must be at least 1, got %1").arg(options.repeats));
    if (options.repeats > 1 && !options.shuffle)
        return Base::Error(QStringLiteral("repeated k-fold needs shuffling: without it every repeat is the same"));
    return {};
}

/// Class codes of `classes` and the rows of each code. numberByFirstAppearance:
/// code 0 is the first value met (StratifiedKFold); otherwise codes follow the
/// sorted values (numpy.unique, as StratifiedShuffleSplit).
Base::Result<std::vector<std::vector<qint64>>> rowsByClass(const Eigen::VectorXd &classes, bool numberByFirstAppearance)
{
    if (auto status = Detail::checkFinite("the class column", classes); !status)
        return status.error();
    std::map<double, size_t> code;
    std::vector<std::vector<qint64>> rows;
    for (Eigen::Index i = 0; i < classes.size(); ++i) {
        const double value = classes[i] == 0.0 ? 0.0 : classes[i]; // -0.0 and 0.0 are one class
        auto [it, added] = code.try_emplace(value, rows.size());
        if (added)
            rows.emplace_back();
        rows[it->second].push_back(i);
    }
    if (!numberByFirstAppearance) {
        std::vector<std::vector<qint64>> sorted;
        for (auto &[value, index] : code)
            sorted.push_back(std::move(rows[index]));
        rows = std::move(sorted);
    }
    return rows;
}

/// scikit-learn's _approximate_mode: `draws` items spread over the classes in
/// proportion to `counts`, floors first, then the largest remainders, ties broken
/// at random.
std::vector<qint64> approximateMode(const std::vector<qint64> &counts, qint64 draws, Base::SeededRandom &random)
{
    const double total = static_cast<double>(std::accumulate(counts.begin(), counts.end(), qint64(0)));
    std::vector<qint64> result(counts.size());
    std::vector<double> remainder(counts.size());
    qint64 assigned = 0;
    for (size_t c = 0; c < counts.size(); ++c) {
        const double continuous = static_cast<double>(counts[c]) / total * static_cast<double>(draws);
        const double floored = std::floor(continuous);
        result[c] = static_cast<qint64>(floored);
        remainder[c] = continuous - floored;
        assigned += result[c];
    }
    qint64 needed = draws - assigned;
    std::vector<double> levels = remainder;
    std::sort(levels.begin(), levels.end(), std::greater<>());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    for (double level : levels) {
        if (needed <= 0)
            break;
        std::vector<size_t> tied;
        for (size_t c = 0; c < remainder.size(); ++c) {
            if (remainder[c] == level)
                tied.push_back(c);
        }
        const auto now = std::min<qint64>(static_cast<qint64>(tied.size()), needed);
        if (now < static_cast<qint64>(tied.size()))
            random.shuffle(tied);
        for (qint64 i = 0; i < now; ++i)
            ++result[tied[static_cast<size_t>(i)]];
        needed -= now;
    }
    return result;
}

} // namespace

Base::Result<SplitPlan> holdoutSplit(qint64 rows, const HoldoutOptions &options)
{
    if (!(options.testFraction > 0.0 && options.testFraction < 1.0))
        return Base::Error(
            QStringLiteral("the test fraction must be between 0 and 1 (exclusive), got %1").arg(options.testFraction));
    const auto testRows = static_cast<qint64>(std::ceil(options.testFraction * static_cast<double>(rows)));
    const qint64 trainRows = rows - testRows;
    if (trainRows <= 0)
        return Base::Error(QStringLiteral("with %1 rows and a test fraction of %2 the training set would be empty")
                               .arg(rows)
                               .arg(options.testFraction));
    SplitPlan plan;
    if (!options.shuffle) {
        plan.folds.append({iota(0, trainRows), iota(trainRows, rows), 0, 0});
        return plan;
    }
    std::vector<qint64> order = iota(0, rows);
    Base::SeededRandom random(options.seed);
    random.shuffle(order);
    const auto cut = order.begin() + testRows;
    plan.folds.append(sortedFold({cut, order.end()}, {order.begin(), cut}));
    return plan;
}

Base::Result<SplitPlan> stratifiedHoldoutSplit(const Eigen::VectorXd &classes, const HoldoutOptions &options)
{
    if (!options.shuffle)
        return Base::Error(QStringLiteral("a stratified holdout always shuffles: it cannot keep the row order"));
    const auto plain = holdoutSplit(classes.size(), {options.testFraction, false, 0});
    if (!plain)
        return plain.error();
    const auto testRows = static_cast<qint64>(plain->folds.front().test.size());
    const qint64 trainRows = classes.size() - testRows;
    auto groups = rowsByClass(classes, false);
    if (!groups)
        return groups.error();
    const auto classCount = static_cast<qint64>(groups->size());
    std::vector<qint64> counts;
    for (const auto &group : groups.value()) {
        if (group.size() < 2)
            return Base::Error(QStringLiteral("a class has a single row: a stratified holdout needs at least 2 rows of "
                                              "every class"));
        counts.push_back(static_cast<qint64>(group.size()));
    }
    if (trainRows < classCount || testRows < classCount)
        return Base::Error(QStringLiteral("a stratified holdout of %1 classes needs at least %1 rows in each part, got "
                                          "%2 training and %3 test rows")
                               .arg(classCount)
                               .arg(trainRows)
                               .arg(testRows));
    Base::SeededRandom random(options.seed);
    const std::vector<qint64> trainCounts = approximateMode(counts, trainRows, random);
    std::vector<qint64> remaining(counts.size());
    for (size_t c = 0; c < counts.size(); ++c)
        remaining[c] = counts[c] - trainCounts[c];
    const std::vector<qint64> testCounts = approximateMode(remaining, testRows, random);
    std::vector<qint64> train;
    std::vector<qint64> test;
    for (size_t c = 0; c < counts.size(); ++c) {
        std::vector<qint64> &group = groups.value()[c];
        random.shuffle(group);
        const auto trainEnd = group.begin() + trainCounts[c];
        train.insert(train.end(), group.begin(), trainEnd);
        test.insert(test.end(), trainEnd, trainEnd + testCounts[c]);
    }
    SplitPlan plan;
    plan.folds.append(sortedFold(std::move(train), std::move(test)));
    return plan;
}

Base::Result<SplitPlan> kFoldSplit(qint64 rows, const KFoldOptions &options)
{
    if (auto status = checkFolds(rows, options); !status)
        return status.error();
    Base::SeededRandom random(options.seed);
    SplitPlan plan;
    std::vector<int> testFold(static_cast<size_t>(rows));
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        std::vector<qint64> order = iota(0, rows);
        if (options.shuffle)
            random.shuffle(order);
        size_t position = 0;
        for (int f = 0; f < options.folds; ++f) {
            const qint64 size = rows / options.folds + (f < rows % options.folds ? 1 : 0);
            for (qint64 i = 0; i < size; ++i)
                testFold[static_cast<size_t>(order[position++])] = f;
        }
        plan.folds.append(foldsFromAssignment(testFold, options.folds, repeat));
    }
    return plan;
}

Base::Result<SplitPlan> stratifiedKFoldSplit(const Eigen::VectorXd &classes, const KFoldOptions &options)
{
    if (auto status = checkFolds(classes.size(), options); !status)
        return status.error();
    const auto groups = rowsByClass(classes, true);
    if (!groups)
        return groups.error();
    const int k = options.folds;
    SplitPlan plan;
    qint64 smallest = classes.size();
    for (const auto &group : groups.value())
        smallest = std::min(smallest, static_cast<qint64>(group.size()));
    const bool allSmall = std::all_of(
        groups->begin(), groups->end(), [k](const auto &group) { return static_cast<qint64>(group.size()) < k; });
    if (allSmall)
        return Base::Error(
            QStringLiteral("cannot stratify %1 folds: every class has fewer than %1 rows").arg(options.folds));
    if (smallest < k)
        plan.warnings.append(QStringLiteral("the smallest class has only %1 rows, fewer than the %2 folds: some folds "
                                            "will not test it")
                                 .arg(smallest)
                                 .arg(k));

    // The deal of the class-sorted rows to the folds, round-robin: row p of that
    // order goes to fold p % k, so class c (positions [start, start + count))
    // gives fold f the positions congruent to f modulo k.
    std::vector<std::vector<int>> foldsOfClass;
    qint64 start = 0;
    for (const auto &group : groups.value()) {
        const auto count = static_cast<qint64>(group.size());
        std::vector<int> folds;
        folds.reserve(group.size());
        for (int f = 0; f < k; ++f) {
            const qint64 first = start + ((f - start % k) % k + k) % k;
            const qint64 inFold = first < start + count ? (start + count - 1 - first) / k + 1 : 0;
            folds.insert(folds.end(), static_cast<size_t>(inFold), f);
        }
        foldsOfClass.push_back(std::move(folds));
        start += count;
    }

    Base::SeededRandom random(options.seed);
    std::vector<int> testFold(static_cast<size_t>(classes.size()));
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        for (size_t c = 0; c < groups->size(); ++c) {
            std::vector<int> folds = foldsOfClass[c];
            if (options.shuffle)
                random.shuffle(folds);
            const auto &rows = groups.value()[c];
            for (size_t i = 0; i < rows.size(); ++i)
                testFold[static_cast<size_t>(rows[i])] = folds[i];
        }
        plan.folds.append(foldsFromAssignment(testFold, k, repeat));
    }
    return plan;
}

Base::Result<SplitPlan> timeSeriesSplit(qint64 rows, const TimeSeriesOptions &options)
{
    if (options.splits < 2)
        return Base::Error(QStringLiteral("a time-ordered split needs at least 2 splits, got %1").arg(options.splits));
    if (options.testSize < 0 || options.gap < 0 || options.maxTrainSize < 0)
        return Base::Error(QStringLiteral("test size, gap and maximum train size cannot be negative"));
    const qint64 splits = options.splits;
    if (splits + 1 > rows)
        return Base::Error(QStringLiteral("%1 time-ordered splits need at least %2 rows, got %3")
                               .arg(splits)
                               .arg(splits + 1)
                               .arg(rows));
    const qint64 testSize = options.testSize > 0 ? options.testSize : rows / (splits + 1);
    if (rows - options.gap - testSize * splits <= 0)
        return Base::Error(QStringLiteral("%1 rows are too few for %2 splits with %3 test rows each and a gap of %4")
                               .arg(rows)
                               .arg(splits)
                               .arg(testSize)
                               .arg(options.gap));
    SplitPlan plan;
    int index = 0;
    for (qint64 testStart = rows - splits * testSize; testStart < rows; testStart += testSize) {
        const qint64 trainEnd = testStart - options.gap;
        const qint64 trainBegin
            = options.maxTrainSize > 0 && options.maxTrainSize < trainEnd ? trainEnd - options.maxTrainSize : 0;
        plan.folds.append({iota(trainBegin, trainEnd), iota(testStart, testStart + testSize), 0, index++});
    }
    return plan;
}

} // namespace Tandem::Eval
