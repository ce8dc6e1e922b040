// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/GradientBoosting.h"

#include "core/learn/boosting/FeatureGroups.h"
#include "core/learn/boosting/TreeGrower.h"
#include "core/learn/boosting/WorkerPool.h"
#include "core/learn/optim/RowBlocks.h"

#include <QDataStream>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace Tandem::Learn {

using Boosting::BoostedTree;
using Boosting::GradientPair;
using Boosting::Loss;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

/// scikit-learn turns early stopping on from this many rows when it is "auto".
constexpr Eigen::Index autoEarlyStoppingRows = 10000;

/// Rows X(rows, :) as a new matrix.
Matrix selectRows(const Matrix &X, const std::vector<qint32> &rows)
{
    Matrix out(Eigen::Index(rows.size()), X.cols());
    for (Eigen::Index c = 0; c < X.cols(); ++c)
        for (size_t i = 0; i < rows.size(); ++i)
            out(Eigen::Index(i), c) = X(rows[i], c);
    return out;
}

/// A seeded hold-out of about `fraction` of the rows, stratified by class for a
/// classifier (each class gives its share, rounded); both lists ascending.
void splitValidation(const Vector &y, bool stratify, double fraction, quint64 seed, std::vector<qint32> &train,
    std::vector<qint32> &validation)
{
    std::mt19937_64 random(seed);
    std::vector<std::vector<qint32>> strata(1);
    if (stratify) {
        strata.assign(size_t(y.maxCoeff()) + 1, {});
        for (Eigen::Index i = 0; i < y.size(); ++i)
            strata[size_t(y[i])].push_back(qint32(i));
    } else {
        strata[0].resize(size_t(y.size()));
        std::iota(strata[0].begin(), strata[0].end(), 0);
    }
    for (std::vector<qint32> &rows : strata) {
        std::shuffle(rows.begin(), rows.end(), random);
        const size_t held = size_t(std::llround(fraction * double(rows.size())));
        validation.insert(validation.end(), rows.begin(), rows.begin() + qint64(held));
        train.insert(train.end(), rows.begin() + qint64(held), rows.end());
    }
    std::sort(train.begin(), train.end());
    std::sort(validation.begin(), validation.end());
}

/// scikit-learn's _should_stop on losses (lower is better).
bool noRecentImprovement(const std::vector<double> &losses, int rounds, double tol)
{
    const size_t reference = size_t(rounds) + 1;
    if (losses.size() < reference)
        return false;
    const double target = losses[losses.size() - reference] - tol;
    for (size_t i = losses.size() - reference + 1; i < losses.size(); ++i)
        if (losses[i] < target)
            return false;
    return true;
}

} // namespace

GradientBoosting::GradientBoosting(Kind kind) : m_kind(kind)
{
    initParams();
}

QString GradientBoosting::id() const
{
    return m_kind == Kind::Classifier ? QStringLiteral("gbdt") : QStringLiteral("gbdt_reg");
}

Task GradientBoosting::task() const
{
    return m_kind == Kind::Classifier ? Task::Classification : Task::Regression;
}

QList<ParamSpec> GradientBoosting::params() const
{
    ParamSpec validationFraction = ParamSpec::real(QStringLiteral("validation_fraction"), 0.1, 0.0, 1.0,
        QStringLiteral("Share of the rows held out to decide early stopping"), false);
    validationFraction.maximumInclusive = false;
    return {
        ParamSpec::integer(QStringLiteral("n_estimators"), 100, 1, infinity,
            QStringLiteral("Boosting rounds (scikit-learn's max_iter); one tree per class and round for the "
                           "multiclass classifier")),
        ParamSpec::real(QStringLiteral("learning_rate"), 0.1, 0.0, infinity,
            QStringLiteral("Shrinkage of each tree's contribution"), false, true),
        ParamSpec::integer(QStringLiteral("max_depth"), 0, 0, infinity,
            QStringLiteral("Deepest split level of a tree (edges from the root); 0 = unlimited")),
        ParamSpec::integer(QStringLiteral("max_leaf_nodes"), 31, 2, infinity,
            QStringLiteral("Leaves per tree; trees grow best split first")),
        ParamSpec::integer(
            QStringLiteral("min_samples_leaf"), 20, 1, infinity, QStringLiteral("Fewest training rows in a leaf")),
        ParamSpec::real(QStringLiteral("l2_regularization"), 0.0, 0.0, infinity,
            QStringLiteral("L2 penalty on leaf values (added to the hessian sum)")),
        ParamSpec::integer(QStringLiteral("max_bins"), 255, 2, maxValueBins,
            QStringLiteral("Value bins per feature (missing values get one more)")),
        ParamSpec::real(QStringLiteral("subsample"), 1.0, 0.0, 1.0,
            QStringLiteral("Share of the rows (seeded, without replacement) each round's trees are fitted on"), false),
        ParamSpec::choice(QStringLiteral("early_stopping"), QStringLiteral("auto"),
            {QStringLiteral("auto"), QStringLiteral("true"), QStringLiteral("false")},
            QStringLiteral("Stop when the held-out loss stops improving; auto: when there are more than "
                           "10,000 rows")),
        validationFraction,
        ParamSpec::integer(QStringLiteral("n_iter_no_change"), 10, 1, infinity,
            QStringLiteral("Early stopping: rounds without an improvement before stopping")),
        ParamSpec::real(QStringLiteral("tol"), 1e-7, 0.0, infinity,
            QStringLiteral("Early stopping: smallest loss decrease that counts as an improvement")),
    };
}

Loss GradientBoosting::loss() const
{
    if (m_kind == Kind::Regressor)
        return Loss(Loss::Kind::SquaredError, 1);
    return classCount() > 2 ? Loss(Loss::Kind::Softmax, classCount()) : Loss(Loss::Kind::BinaryLogistic, 2);
}

Base::Status GradientBoosting::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const int threads = std::max(context.threads, 1);
    const int rounds = int(paramInt(QStringLiteral("n_estimators")));
    const QString earlyChoice = paramChoice(QStringLiteral("early_stopping"));
    const bool earlyStopping = earlyChoice == QLatin1String("true")
        || (earlyChoice == QLatin1String("auto") && X.rows() > autoEarlyStoppingRows);
    const bool classifier = m_kind == Kind::Classifier;
    const Loss lossFunction = classifier && context.classCount > 2 ? Loss(Loss::Kind::Softmax, context.classCount)
        : classifier                                               ? Loss(Loss::Kind::BinaryLogistic, 2)
                                                                   : Loss(Loss::Kind::SquaredError, 1);
    const std::function<bool()> stop = [&context] { return context.stopRequested(); };
    // The training loss only feeds step reports: without a listener its logarithms are skipped.
    const bool reportLoss = bool(context.stepSink);

    // The rows trees are fitted on and, with early stopping, the held-out ones.
    std::vector<qint32> trainRows, validationRows;
    Matrix heldX;
    Vector trainY = y, validationY;
    Matrix trainCopy;
    const Matrix *trainX = &X;
    if (earlyStopping) {
        splitValidation(
            y, classifier, paramDouble(QStringLiteral("validation_fraction")), context.seed, trainRows, validationRows);
        if (trainRows.empty() || validationRows.empty())
            return Base::Error(QStringLiteral("validation_fraction %1 leaves no rows for %2 (of %3)")
                                   .arg(paramDouble(QStringLiteral("validation_fraction")))
                                   .arg(trainRows.empty() ? QStringLiteral("training") : QStringLiteral("validation"))
                                   .arg(X.rows()));
        trainCopy = selectRows(X, trainRows);
        heldX = selectRows(X, validationRows);
        trainY = y(trainRows);
        validationY = y(validationRows);
        trainX = &trainCopy;
    }
    const Eigen::Index n = trainX->rows();
    const Eigen::Index heldRows = heldX.rows();

    context.progress().report(0.0, QStringLiteral("Binning"));
    auto binning = FeatureBinning::fit(
        *trainX, context.categoryCounts, int(paramInt(QStringLiteral("max_bins"))), context.seed, threads, stop);
    if (!binning.ok())
        return binning.error();
    m_binning = std::move(binning).value();
    const BinnedMatrix binned = m_binning.transform(*trainX, threads, stop);
    const BinnedMatrix heldBinned = m_binning.transform(heldX, threads, stop);
    if (stop())
        return Base::Error(FitContext::stoppedMessage());
    std::vector<int> binCounts(size_t(X.cols()));
    std::vector<bool> categorical(size_t(X.cols()));
    for (int f = 0; f < int(X.cols()); ++f) {
        binCounts[size_t(f)] = m_binning.binCount(f);
        categorical[size_t(f)] = m_binning.isCategorical(f);
    }
    const Boosting::FeatureGroups groups(binned.codes.data(), n, binCounts, categorical, missingBin, threads);
    if (stop())
        return Base::Error(FitContext::stoppedMessage());

    Boosting::GrowerSettings settings;
    settings.maxLeafNodes = int(paramInt(QStringLiteral("max_leaf_nodes")));
    settings.maxDepth = int(paramInt(QStringLiteral("max_depth")));
    settings.constraints.l2Regularization = paramDouble(QStringLiteral("l2_regularization"));
    settings.constraints.minSamplesLeaf = quint32(paramInt(QStringLiteral("min_samples_leaf")));
    settings.learningRate = paramDouble(QStringLiteral("learning_rate"));
    Boosting::WorkerPool workers(threads);
    Boosting::TreeGrower grower(groups, settings, workers);

    const int K = lossFunction.treesPerRound();
    m_treesPerRound = K;
    m_baseline = lossFunction.baseline(trainY);
    m_trees.clear();
    m_gains.assign(size_t(X.cols()), 0.0);
    m_threads = threads;
    std::vector<double> raw(size_t(K * n)), heldRaw(size_t(K * heldRows));
    for (int k = 0; k < K; ++k) {
        std::fill(raw.begin() + k * n, raw.begin() + (k + 1) * n, m_baseline[size_t(k)]);
        std::fill(heldRaw.begin() + k * heldRows, heldRaw.begin() + (k + 1) * heldRows, m_baseline[size_t(k)]);
    }
    std::vector<GradientPair> pairs(size_t(K * n));

    // Sums over rows in fixed blocks, added in block order: the same bits on any thread count.
    const Optim::RowBlocks blocks(n, 16 * K);
    std::vector<double> partial(size_t(blocks.count()));
    const auto meanOverBlocks = [&](const std::function<double(Eigen::Index, Eigen::Index)> &sum) -> double {
        workers.forEachBlock(blocks.count(),
            [&](Eigen::Index b) { partial[size_t(b)] = sum(blocks.begin(b), blocks.begin(b) + blocks.size(b)); });
        return std::accumulate(partial.begin(), partial.end(), 0.0) / double(n);
    };
    /// Adds one tree's values to the raw scores of rows through their bin codes.
    const auto addTree = [&](const BoostedTree &tree, const BinnedMatrix &codes, double *scores) {
        const Optim::RowBlocks rowBlocks(codes.rows, 64);
        workers.forEachBlock(rowBlocks.count(), [&](Eigen::Index b) {
            for (Eigen::Index i = rowBlocks.begin(b); i < rowBlocks.begin(b) + rowBlocks.size(b); ++i)
                scores[i] += tree.predictBinned(codes.codes.data(), codes.rows, i, missingBin);
        });
    };

    const double subsample = paramDouble(QStringLiteral("subsample"));
    const qint64 sampleSize = std::max<qint64>(1, qint64(std::floor(subsample * double(n))));
    std::mt19937_64 sampler(context.seed ^ 0x9e3779b97f4a7c15ULL);
    std::vector<qint32> allRows(static_cast<size_t>(n));
    std::iota(allRows.begin(), allRows.end(), 0);
    std::vector<double> validationLosses;
    const int patience = int(paramInt(QStringLiteral("n_iter_no_change")));
    const double tol = paramDouble(QStringLiteral("tol"));
    const QString stage = QStringLiteral("Boosting");

    int round = 0;
    for (; round < rounds; ++round) {
        const double trainLoss = meanOverBlocks([&](Eigen::Index begin, Eigen::Index end) {
            return lossFunction.gradients(raw.data(), trainY, begin, end, pairs.data(), reportLoss);
        });
        if (round > 0 && reportLoss)
            context.reportStep(round, QStringLiteral("train_loss"), trainLoss);

        std::vector<qint32> rows = allRows;
        if (sampleSize < n) {
            // A partial Fisher-Yates shuffle draws the round's rows without replacement.
            for (qint64 i = 0; i < sampleSize; ++i)
                std::swap(rows[size_t(i)], rows[size_t(i + qint64(sampler() % quint64(n - i)))]);
            rows.resize(size_t(sampleSize));
            std::sort(rows.begin(), rows.end());
        }
        for (int k = 0; k < K; ++k) {
            if (!grower.grow(k + 1 < K ? rows : std::move(rows), pairs.data() + k * n, stop))
                return Base::Error(FitContext::stoppedMessage());
            const BoostedTree &tree = grower.tree();
            double *scores = raw.data() + k * n;
            if (sampleSize < n) {
                addTree(tree, binned, scores);
            } else {
                // Every training row sits in a leaf of the grower: no traversal needed.
                const std::vector<qint32> &order = grower.rows();
                const std::vector<Boosting::LeafRows> &leaves = grower.leaves();
                workers.forEachBlock(Eigen::Index(leaves.size()), [&](Eigen::Index l) {
                    const Boosting::LeafRows &leaf = leaves[size_t(l)];
                    const double value = tree.nodes[size_t(leaf.node)].value;
                    for (qint64 i = leaf.begin; i < leaf.end; ++i) {
                        Boosting::prefetch(
                            scores + order[size_t(std::min(i + Boosting::prefetchDistance, leaf.end - 1))]);
                        scores[order[size_t(i)]] += value;
                    }
                });
            }
            if (earlyStopping)
                addTree(tree, heldBinned, heldRaw.data() + k * heldRows);
            grower.addGains(m_gains);
            m_trees.push_back(tree);
            const double done = double(round * K + k + 1) / double(rounds * K);
            if (done < 1.0)
                context.progress().report(done, stage);
        }
        if (earlyStopping) {
            const double heldLoss = lossFunction.loss(heldRaw.data(), validationY, 0, heldRows) / double(heldRows);
            context.reportStep(round + 1, QStringLiteral("validation_loss"), heldLoss);
            validationLosses.push_back(heldLoss);
            if (noRecentImprovement(validationLosses, patience, tol)) {
                ++round;
                break;
            }
        }
        if (stop())
            return Base::Error(FitContext::stoppedMessage());
    }
    if (reportLoss) {
        const double finalLoss = meanOverBlocks(
            [&](Eigen::Index begin, Eigen::Index end) { return lossFunction.loss(raw.data(), trainY, begin, end); });
        context.reportStep(round, QStringLiteral("train_loss"), finalLoss);
    }
    context.progress().report(1.0, stage);
    return {};
}

std::vector<double> GradientBoosting::rawScores(const Matrix &X) const
{
    const BinnedMatrix binned = m_binning.transform(X, m_threads);
    const Eigen::Index n = X.rows();
    const int K = m_treesPerRound;
    std::vector<double> raw(size_t(K * n));
    const Optim::RowBlocks blocks(n, qint64(m_trees.size()) * 4);
    Optim::forEachBlock(m_threads, blocks.count(),
        [&](Eigen::Index b) {
            for (Eigen::Index i = blocks.begin(b); i < blocks.begin(b) + blocks.size(b); ++i) {
                for (int k = 0; k < K; ++k) {
                    double score = m_baseline[size_t(k)];
                    for (size_t t = size_t(k); t < m_trees.size(); t += size_t(K))
                        score += m_trees[t].predictBinned(binned.codes.data(), n, i, missingBin);
                    raw[size_t(k * n + i)] = score;
                }
            }
        },
        {});
    return raw;
}

Base::Result<Vector> GradientBoosting::predictImpl(const Matrix &X) const
{
    const std::vector<double> raw = rawScores(X);
    const Eigen::Index n = X.rows();
    Vector out(n);
    if (m_kind == Kind::Regressor) {
        for (Eigen::Index i = 0; i < n; ++i)
            out[i] = raw[size_t(i)];
        return out;
    }
    const int K = m_treesPerRound;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (K == 1) {
            out[i] = raw[size_t(i)] > 0.0 && classCount() > 1 ? 1.0 : 0.0;
            continue;
        }
        int best = 0;
        for (int k = 1; k < K; ++k)
            if (raw[size_t(k * n + i)] > raw[size_t(best * n + i)])
                best = k;
        out[i] = best;
    }
    return out;
}

Base::Result<Matrix> GradientBoosting::predictProbaImpl(const Matrix &X) const
{
    if (m_kind != Kind::Classifier)
        return Estimator::predictProbaImpl(X);
    const std::vector<double> raw = rawScores(X);
    const Eigen::Index n = X.rows();
    const int K = m_treesPerRound;
    const Loss lossFunction = loss();
    Matrix proba(n, classCount());
    std::vector<double> scores(static_cast<size_t>(K)), p(static_cast<size_t>(std::max(K, 2)));
    for (Eigen::Index i = 0; i < n; ++i) {
        for (int k = 0; k < K; ++k)
            scores[size_t(k)] = raw[size_t(k * n + i)];
        lossFunction.probabilities(scores.data(), p.data());
        for (int c = 0; c < classCount(); ++c)
            proba(i, c) = classCount() == 1 ? 1.0 : p[size_t(c)];
    }
    return proba;
}

Base::Result<Vector> GradientBoosting::featureImportances() const
{
    if (!isFitted())
        return Base::Error(QStringLiteral("%1 is not fitted yet").arg(id()));
    Vector gains = Eigen::Map<const Vector>(m_gains.data(), Eigen::Index(m_gains.size()));
    const double total = gains.sum();
    if (total > 0.0)
        gains /= total;
    return gains;
}

void GradientBoosting::writeState(QDataStream &out) const
{
    m_binning.writeState(out);
    out << qint32(m_treesPerRound) << qint32(m_trees.size());
    for (const double value : m_baseline)
        out << value;
    for (const double gain : m_gains)
        out << gain;
    for (const BoostedTree &tree : m_trees)
        tree.write(out);
}

Base::Status GradientBoosting::readState(QDataStream &in)
{
    if (const Base::Status status = m_binning.readState(in); !status.ok())
        return status;
    qint32 perRound = 0, treeCount = 0;
    in >> perRound >> treeCount;
    const int features = m_binning.featureCount();
    // Each tree takes at least its node and set counts.
    if (in.status() != QDataStream::Ok || perRound < 1 || perRound > (1 << 16) || treeCount < 0
        || treeCount % perRound != 0 || !BinaryFormat::holds(in, treeCount, 8))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (%1 sizes)").arg(id()));
    m_treesPerRound = perRound;
    m_baseline.assign(size_t(perRound), 0.0);
    for (double &value : m_baseline)
        in >> value;
    m_gains.assign(size_t(features), 0.0);
    for (double &gain : m_gains)
        in >> gain;
    m_trees.assign(size_t(treeCount), BoostedTree {});
    for (BoostedTree &tree : m_trees)
        if (const Base::Status status = tree.read(in, features); !status.ok())
            return status;
    m_threads = 1;
    return {};
}

Base::Status GradientBoosting::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (m_binning.featureCount() != featureCount)
        return inconsistentState(QStringLiteral("the binning's feature count"));
    // Trees per round as loss() makes them: one per class for softmax, else one.
    if (m_treesPerRound != (classCount > 2 ? classCount : 1))
        return inconsistentState(QStringLiteral("the trees per round"));
    return {};
}

} // namespace Tandem::Learn
