// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/TreeEnsemble.h"

#include "core/base/SeededRandom.h"
#include "core/learn/optim/RowBlocks.h"
#include "core/learn/tree/FeatureBinning.h"
#include "core/learn/tree/MaxFeatures.h"
#include "core/learn/tree/TreeBuilder.h"
#include "core/learn/tree/TreeJobs.h"

#include <QDataStream>

#include <climits>
#include <cmath>
#include <limits>
#include <memory>
#include <new>

namespace Tandem::Learn {
namespace {

constexpr double unbounded = std::numeric_limits<double>::infinity();
/// A sanity bound for n_estimators (and for a damaged file's tree count).
constexpr int maxTrees = 100000;

/// Draws `draws` rows with replacement: counts[i] = how often row i was drawn.
void drawBootstrap(Base::SeededRandom &random, Eigen::Index rows, Eigen::Index draws, std::vector<quint32> &counts)
{
    counts.assign(size_t(rows), 0);
    for (Eigen::Index d = 0; d < draws; ++d)
        ++counts[size_t(random.bounded(quint64(rows)))];
}

int clampToInt(qint64 value)
{
    return int(std::min<qint64>(value, INT_MAX));
}

/// scikit-learn's "balanced" class weights: n / (classes present × rows of the class).
std::vector<double> balancedRowWeights(const Vector &y, int classCount)
{
    std::vector<double> classRows(size_t(classCount), 0.0);
    for (Eigen::Index i = 0; i < y.size(); ++i)
        ++classRows[size_t(y[i])];
    const double present = double(std::count_if(classRows.begin(), classRows.end(), [](double c) { return c > 0; }));
    std::vector<double> weights(size_t(y.size()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        weights[size_t(i)] = double(y.size()) / (present * classRows[size_t(y[i])]);
    return weights;
}

/// Categorical codes outside 0..C-1 cannot be split on: an error naming the feature.
Base::Status checkCategoryCodes(const Matrix &X, const std::vector<int> &categoryCounts, const BinnedMatrix &binned)
{
    for (size_t f = 0; f < categoryCounts.size(); ++f) {
        if (categoryCounts[f] <= 0 || categoryCounts[f] > maxValueBins)
            continue;
        const BinCode *codes = binned.column(Eigen::Index(f));
        for (Eigen::Index i = 0; i < binned.rows; ++i) {
            if (codes[i] == missingBin)
                return Base::Error(QStringLiteral("feature %1 has %2 categories but holds the code %3 at row %4")
                                       .arg(f + 1)
                                       .arg(categoryCounts[f])
                                       .arg(X(i, Eigen::Index(f)))
                                       .arg(i + 1));
        }
    }
    return {};
}

/// The codes transposed, row by row (blocks of rows in parallel).
std::vector<BinCode> rowMajorCodes(const BinnedMatrix &binned, int threads)
{
    std::vector<BinCode> rowMajor(binned.codes.size());
    const Optim::RowBlocks blocks(binned.rows, binned.cols);
    Optim::forEachBlock(threads, blocks.count(),
        [&](Eigen::Index block) {
            const Eigen::Index begin = blocks.begin(block), end = begin + blocks.size(block);
            for (Eigen::Index f = 0; f < binned.cols; ++f) {
                const BinCode *column = binned.column(f);
                for (Eigen::Index i = begin; i < end; ++i)
                    rowMajor[size_t(i * binned.cols + f)] = column[i];
            }
        },
        {});
    return rowMajor;
}

} // namespace

TreeEnsemble::TreeEnsemble(Kind kind, Task task) : m_kind(kind), m_task(task)
{
    initParams();
}

QString TreeEnsemble::id() const
{
    const QString base = m_kind == Kind::DecisionTree ? QStringLiteral("tree")
        : m_kind == Kind::RandomForest                ? QStringLiteral("forest")
                                                      : QStringLiteral("extratrees");
    return isClassifier() ? base : base + QStringLiteral("_reg");
}

QList<ParamSpec> TreeEnsemble::params() const
{
    QList<ParamSpec> specs;
    if (isEnsemble()) {
        specs << ParamSpec::integer(QStringLiteral("n_estimators"), 100, 1, maxTrees, QStringLiteral("Number of trees"))
              << ParamSpec::boolean(QStringLiteral("bootstrap"), m_kind == Kind::RandomForest,
                     QStringLiteral("Grow each tree on a bootstrap sample (rows drawn with replacement)"))
              << ParamSpec::real(QStringLiteral("max_samples"), 1.0, 0.0, 1.0,
                     QStringLiteral("Bootstrap sample size as a fraction of the rows"), false)
              << ParamSpec::boolean(QStringLiteral("oob_score"), false,
                     QStringLiteral("Score each row with the trees that did not see it (needs bootstrap)"));
    }
    if (isClassifier()) {
        specs << ParamSpec::choice(QStringLiteral("criterion"), QStringLiteral("gini"),
            {QStringLiteral("gini"), QStringLiteral("entropy"), QStringLiteral("log_loss")},
            QStringLiteral("Impurity a split reduces: Gini, or entropy (log_loss is the same)"));
    } else {
        specs << ParamSpec::choice(QStringLiteral("criterion"), QStringLiteral("squared_error"),
            {QStringLiteral("squared_error")}, QStringLiteral("Impurity a split reduces: the variance"));
    }
    const bool sqrtDefault = isClassifier() && isEnsemble();
    specs << ParamSpec::integer(QStringLiteral("max_depth"), 0, 0, unbounded,
        QStringLiteral("Deepest level a tree may grow to (0 = unlimited)"))
          << ParamSpec::integer(QStringLiteral("min_samples_split"), 2, 2, unbounded,
                 QStringLiteral("Fewest rows a node needs to be split"))
          << ParamSpec::integer(
                 QStringLiteral("min_samples_leaf"), 1, 1, unbounded, QStringLiteral("Fewest rows a leaf may hold"))
          << maxFeaturesSpec(sqrtDefault ? QStringLiteral("sqrt") : QStringLiteral("all"))
          << ParamSpec::real(QStringLiteral("min_impurity_decrease"), 0.0, 0.0, unbounded,
                 QStringLiteral("Split only when the weighted impurity falls by at least this much"));
    if (isClassifier()) {
        specs << ParamSpec::choice(QStringLiteral("class_weight"), QStringLiteral("none"),
            {QStringLiteral("none"), QStringLiteral("balanced")},
            QStringLiteral("Weigh classes equally (balanced: inversely to their frequency)"));
    }
    return specs;
}

Base::Status TreeEnsemble::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    try {
        TreeSettings settings;
        const QString criterion = paramChoice(QStringLiteral("criterion"));
        settings.criterion = criterion == QLatin1String("gini") ? TreeSettings::Criterion::Gini
            : criterion == QLatin1String("squared_error")       ? TreeSettings::Criterion::SquaredError
                                                                : TreeSettings::Criterion::Entropy;
        settings.maxDepth = clampToInt(paramInt(QStringLiteral("max_depth")));
        settings.minSamplesSplit = clampToInt(paramInt(QStringLiteral("min_samples_split")));
        settings.minSamplesLeaf = clampToInt(paramInt(QStringLiteral("min_samples_leaf")));
        settings.minImpurityDecrease = paramDouble(QStringLiteral("min_impurity_decrease"));
        settings.randomThresholds = m_kind == Kind::ExtraTrees;
        const auto maxFeatures = resolveMaxFeatures(paramChoice(QStringLiteral("max_features")), int(X.cols()));
        if (!maxFeatures.ok())
            return maxFeatures.error();
        settings.maxFeatures = maxFeatures.value();

        const int treeCount = isEnsemble() ? int(paramInt(QStringLiteral("n_estimators"))) : 1;
        const bool bootstrap = isEnsemble() && paramBool(QStringLiteral("bootstrap"));
        const bool oob = isEnsemble() && paramBool(QStringLiteral("oob_score"));
        if (oob && !bootstrap)
            return Base::Error(QStringLiteral("oob_score needs bootstrap: only then do trees leave rows out"));
        const Eigen::Index rows = X.rows();
        const Eigen::Index draws = bootstrap
            ? std::max<Eigen::Index>(
                1, Eigen::Index(std::llround(paramDouble(QStringLiteral("max_samples")) * double(rows))))
            : rows;
        const int threads = std::max(1, context.threads);

        context.progress().report(0.0, QStringLiteral("Binning features"));
        auto binning = FeatureBinning::fit(X, context.categoryCounts, maxValueBins, context.seed, threads);
        if (!binning.ok())
            return binning.error();
        const BinnedMatrix binned = binning.value().transform(X, threads);
        if (const Base::Status codes = checkCategoryCodes(X, context.categoryCounts, binned); !codes.ok())
            return codes;
        if (context.stopRequested())
            return Base::Error(FitContext::stoppedMessage());

        TreeTrainingData data;
        data.binning = &binning.value();
        data.binned = &binned;
        const std::vector<BinCode> rowMajor = rowMajorCodes(binned, threads);
        data.rowMajorCodes = rowMajor.data();
        data.targets = &y;
        data.classCount = isClassifier() ? context.classCount : 0;
        if (isClassifier() && paramChoice(QStringLiteral("class_weight")) == QLatin1String("balanced"))
            data.rowWeights = balancedRowWeights(y, context.classCount);

        std::vector<FittedTree> trees(static_cast<size_t>(treeCount));
        std::vector<std::unique_ptr<TreeBuilder>> builders(static_cast<size_t>(threads));
        std::vector<std::vector<quint32>> sampleCounts(static_cast<size_t>(threads));
        const TreeJob growTree = [&](int index, int worker, const std::function<bool(double)> &keepGoing) {
            std::unique_ptr<TreeBuilder> &builder = builders[size_t(worker)];
            if (!builder)
                builder = std::make_unique<TreeBuilder>(data, settings);
            Base::SeededRandom random = Base::SeededRandom::derived(context.seed, quint64(index));
            std::vector<quint32> &counts = sampleCounts[size_t(worker)];
            if (bootstrap)
                drawBootstrap(random, rows, draws, counts);
            return builder->build(counts, random, trees[size_t(index)], keepGoing);
        };
        std::vector<bool> done;
        const Base::Status grown
            = runTreeJobs(treeCount, threads, context.progress().subrange(0.02, oob ? 0.95 : 1.0), growTree, done);
        m_trees.clear();
        for (size_t i = 0; i < trees.size(); ++i) {
            if (done[i])
                m_trees.push_back(std::move(trees[i]));
        }
        m_valueWidth = std::max(data.classCount, 1);
        m_threads = threads;
        m_oobScore.reset();
        if (!grown.ok())
            return grown;
        if (oob) {
            const double score = outOfBagScore(X, y, context.seed, draws);
            if (context.stopRequested())
                return Base::Error(FitContext::stoppedMessage());
            m_oobScore = score;
            context.reportStep(
                treeCount, isClassifier() ? QStringLiteral("oob_accuracy") : QStringLiteral("oob_r2"), score);
        }
        context.progress().report(1.0, QStringLiteral("Trees grown"));
        return {};
    } catch (const std::bad_alloc &) {
        return Base::Error(QStringLiteral("not enough memory to grow the trees"));
    }
}

Matrix TreeEnsemble::summedLeafValues(const Matrix &X) const
{
    Matrix sums = Matrix::Zero(X.rows(), m_valueWidth);
    const Optim::RowBlocks blocks(X.rows(), Eigen::Index(m_trees.size()) * 32);
    Optim::forEachBlock(m_threads, blocks.count(),
        [&](Eigen::Index block) {
            const Eigen::Index begin = blocks.begin(block), end = begin + blocks.size(block);
            for (const FittedTree &tree : m_trees) {
                for (Eigen::Index row = begin; row < end; ++row) {
                    const double *values = tree.leafValues(X, row);
                    for (int k = 0; k < m_valueWidth; ++k)
                        sums(row, k) += values[k];
                }
            }
        },
        {});
    return sums;
}

double TreeEnsemble::outOfBagScore(const Matrix &X, const Vector &y, quint64 seed, Eigen::Index draws) const
{
    // Each tree's bootstrap is drawn again from its stream: the rows it left out.
    const Eigen::Index rows = X.rows();
    Matrix sums = Matrix::Zero(rows, m_valueWidth);
    std::vector<int> votes(size_t(rows), 0);
    std::vector<quint32> counts;
    const Optim::RowBlocks blocks(rows, 64);
    for (size_t t = 0; t < m_trees.size(); ++t) {
        Base::SeededRandom random = Base::SeededRandom::derived(seed, quint64(t));
        drawBootstrap(random, rows, draws, counts);
        Optim::forEachBlock(m_threads, blocks.count(),
            [&](Eigen::Index block) {
                for (Eigen::Index row = blocks.begin(block); row < blocks.begin(block) + blocks.size(block); ++row) {
                    if (counts[size_t(row)] > 0)
                        continue;
                    const double *values = m_trees[t].leafValues(X, row);
                    for (int k = 0; k < m_valueWidth; ++k)
                        sums(row, k) += values[k];
                    ++votes[size_t(row)];
                }
            },
            {});
    }
    // As scikit-learn, rows no tree left out count with a zero prediction.
    if (isClassifier()) {
        Eigen::Index correct = 0;
        for (Eigen::Index row = 0; row < rows; ++row) {
            Eigen::Index best = 0;
            sums.row(row).maxCoeff(&best);
            correct += double(best) == y[row] ? 1 : 0;
        }
        return double(correct) / double(rows);
    }
    double residual = 0.0, total = 0.0;
    const double mean = y.mean();
    for (Eigen::Index row = 0; row < rows; ++row) {
        const double prediction = sums(row, 0) / double(std::max(votes[size_t(row)], 1));
        residual += (y[row] - prediction) * (y[row] - prediction);
        total += (y[row] - mean) * (y[row] - mean);
    }
    return total > 0.0 ? 1.0 - residual / total : 0.0;
}

Base::Result<Vector> TreeEnsemble::featureImportances() const
{
    if (!isFitted())
        return Base::Error(QStringLiteral("%1 is not fitted yet").arg(id()));
    // scikit-learn: each tree's decreases normalised to sum 1, averaged over the
    // trees that split at all, normalised again.
    Vector mean = Vector::Zero(featureCount());
    int splitting = 0;
    for (const FittedTree &tree : m_trees) {
        if (tree.nodeCount() <= 1)
            continue;
        const Vector decrease = Eigen::Map<const Vector>(tree.impurityDecrease().data(), featureCount());
        const double sum = decrease.sum();
        mean += sum > 0.0 ? Vector(decrease / sum) : decrease;
        ++splitting;
    }
    if (splitting == 0)
        return mean;
    mean /= double(splitting);
    const double sum = mean.sum();
    return sum > 0.0 ? Vector(mean / sum) : mean;
}

Base::Result<Vector> TreeEnsemble::predictImpl(const Matrix &X) const
{
    const Matrix sums = summedLeafValues(X);
    Vector predictions(X.rows());
    for (Eigen::Index row = 0; row < X.rows(); ++row) {
        if (isClassifier()) {
            Eigen::Index best = 0;
            sums.row(row).maxCoeff(&best);
            predictions[row] = double(best);
        } else {
            predictions[row] = sums(row, 0) / double(m_trees.size());
        }
    }
    return predictions;
}

Base::Result<Matrix> TreeEnsemble::predictProbaImpl(const Matrix &X) const
{
    if (!isClassifier())
        return Estimator::predictProbaImpl(X);
    return Matrix(summedLeafValues(X) / double(m_trees.size()));
}

void TreeEnsemble::writeState(QDataStream &out) const
{
    out << qint32(m_valueWidth) << qint32(featureCount()) << qint32(m_trees.size()) << m_oobScore.has_value()
        << m_oobScore.value_or(0.0);
    for (const FittedTree &tree : m_trees)
        tree.write(out);
}

Base::Status TreeEnsemble::readState(QDataStream &in)
{
    qint32 valueWidth = 0, features = 0, treeCount = 0;
    bool hasOob = false;
    double oob = 0.0;
    in >> valueWidth >> features >> treeCount >> hasOob >> oob;
    // Each tree takes at least its three counts and an importance per feature.
    if (in.status() != QDataStream::Ok || valueWidth < 1 || valueWidth > 1 << 20 || features < 0 || treeCount < 1
        || treeCount > maxTrees || !BinaryFormat::holds(in, treeCount, 12 + 8 * qint64(features)))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (%1 header)").arg(id()));
    std::vector<FittedTree> trees(static_cast<size_t>(treeCount));
    for (FittedTree &tree : trees) {
        if (const Base::Status status = tree.read(in, valueWidth, features); !status.ok())
            return status;
    }
    m_trees = std::move(trees);
    m_valueWidth = valueWidth;
    m_oobScore = hasOob ? std::optional<double>(oob) : std::nullopt;
    m_threads = 1;
    return {};
}

Base::Status TreeEnsemble::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (m_valueWidth != std::max(classCount, 1))
        return inconsistentState(QStringLiteral("the leaf width"));
    for (const FittedTree &tree : m_trees) {
        if (Eigen::Index(tree.impurityDecrease().size()) != featureCount)
            return inconsistentState(QStringLiteral("a tree's feature count"));
    }
    return {};
}

} // namespace Tandem::Learn
