// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/Trainer.h"

#include "core/base/SeededRandom.h"
#include "core/learn/neural/BatchGradient.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace Tandem::Learn::Neural {
namespace {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Progress is reported when it has grown by this much (and at each new epoch).
constexpr double progressStep = 0.001;

} // namespace

Trainer::Trainer(const TrainingOptions &options, FitContext &context) : m_options(options), m_context(context) { }

Base::Result<Trainer::Split> Trainer::split(
    const Network &network, const Eigen::VectorXd &y, Base::SeededRandom &random) const
{
    const Eigen::Index n = y.size();
    const auto validationRows = Eigen::Index(std::ceil(m_options.validationFraction * double(n)));
    if (validationRows < 1 || validationRows >= n)
        return Base::Error(
            QStringLiteral("early_stopping needs rows both to train on and to validate on: validation_fraction %1 of "
                           "%2 rows leaves %3 for validation")
                .arg(m_options.validationFraction)
                .arg(n)
                .arg(validationRows));
    Split split;
    if (network.output() == Output::Identity) {
        std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), Eigen::Index(0));
        random.shuffle(order);
        split.validation.assign(order.begin(), order.begin() + validationRows);
        split.training.assign(order.begin() + validationRows, order.end());
    } else {
        // Stratified: each class gives its share of the validation rows (largest
        // remainders get the rows that rounding down leaves over).
        const Eigen::Index classes = network.output() == Output::Logistic ? 2 : network.outputCount();
        std::vector<std::vector<Eigen::Index>> byClass(static_cast<std::size_t>(classes));
        for (Eigen::Index i = 0; i < n; ++i)
            byClass[std::size_t(y[i])].push_back(i);
        std::vector<Eigen::Index> quota(static_cast<std::size_t>(classes));
        std::vector<std::pair<double, Eigen::Index>> remainders;
        Eigen::Index assigned = 0;
        for (Eigen::Index k = 0; k < classes; ++k) {
            const double exact = double(validationRows) * double(byClass[std::size_t(k)].size()) / double(n);
            quota[std::size_t(k)] = Eigen::Index(std::floor(exact));
            assigned += quota[std::size_t(k)];
            remainders.emplace_back(-(exact - std::floor(exact)), k);
        }
        std::sort(remainders.begin(), remainders.end());
        for (std::size_t r = 0; assigned < validationRows && r < remainders.size(); ++r, ++assigned)
            ++quota[std::size_t(remainders[r].second)];
        for (Eigen::Index k = 0; k < classes; ++k) {
            std::vector<Eigen::Index> &rows = byClass[std::size_t(k)];
            random.shuffle(rows);
            const auto take = std::ptrdiff_t(std::min<Eigen::Index>(quota[std::size_t(k)], Eigen::Index(rows.size())));
            split.validation.insert(split.validation.end(), rows.begin(), rows.begin() + take);
            split.training.insert(split.training.end(), rows.begin() + take, rows.end());
        }
    }
    // Training rows in data order (which matters when shuffle is off).
    std::sort(split.training.begin(), split.training.end());
    return split;
}

Base::Result<double> Trainer::validationScore(
    const Network &network, const Eigen::MatrixXd &X, const Eigen::VectorXd &y) const
{
    constexpr Eigen::Index chunkRows = 4096;
    double correct = 0.0, residual = 0.0;
    for (Eigen::Index first = 0; first < X.rows(); first += chunkRows) {
        if (m_context.stopRequested())
            return Base::Error(FitContext::stoppedMessage());
        const Eigen::Index rows = std::min(chunkRows, X.rows() - first);
        const Eigen::VectorXd predicted = network.decide(network.forward(X.middleRows(first, rows)));
        if (network.output() == Output::Identity)
            residual += (y.segment(first, rows) - predicted).squaredNorm();
        else
            correct += double((y.segment(first, rows).array() == predicted.array()).count());
    }
    if (network.output() != Output::Identity)
        return correct / double(X.rows());
    // R², 1 for a perfect fit of a constant target and 0 otherwise (scikit-learn's r2_score).
    const double total = (y.array() - y.mean()).square().sum();
    if (total == 0.0)
        return residual == 0.0 ? 1.0 : 0.0;
    return 1.0 - residual / total;
}

Base::Result<TrainingSummary> Trainer::train(
    Network &network, const Eigen::MatrixXd &X, const Eigen::VectorXd &y, Base::SeededRandom &random)
{
    const TrainingOptions &options = m_options;
    const auto stopRequested = [this] { return m_context.stopRequested(); };

    // With early stopping the validation rows are held out; the training rows are
    // then copied, as they are when shuffled, into a row-major matrix so that a
    // mini-batch gathers whole rows.
    Eigen::MatrixXd validationX;
    Eigen::VectorXd validationY;
    RowMajorMatrix source;
    Eigen::VectorXd sourceY;
    if (options.earlyStopping) {
        auto split = this->split(network, y, random);
        if (!split.ok())
            return split.error();
        const Split &rows = split.value();
        validationX.resize(Eigen::Index(rows.validation.size()), X.cols());
        validationY.resize(validationX.rows());
        for (std::size_t k = 0; k < rows.validation.size(); ++k) {
            validationX.row(Eigen::Index(k)) = X.row(rows.validation[k]);
            validationY[Eigen::Index(k)] = y[rows.validation[k]];
        }
        source.resize(Eigen::Index(rows.training.size()), X.cols());
        sourceY.resize(source.rows());
        for (std::size_t k = 0; k < rows.training.size(); ++k) {
            source.row(Eigen::Index(k)) = X.row(rows.training[k]);
            sourceY[Eigen::Index(k)] = y[rows.training[k]];
        }
    } else if (options.shuffle) {
        source = X;
        sourceY = y;
    }
    const bool gather = options.earlyStopping || options.shuffle;
    const Eigen::Index n = gather ? source.rows() : X.rows();
    const Eigen::Index batchSize = std::clamp<Eigen::Index>(options.batchSize, 1, n);
    const Eigen::Index batches = (n + batchSize - 1) / batchSize;

    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    Eigen::MatrixXd batchX(gather ? batchSize : 0, X.cols());
    Eigen::VectorXd batchY(gather ? batchSize : 0);
    BatchGradient batchGradient(network, options.alpha, m_context.threads);
    Eigen::VectorXd gradient;
    const std::unique_ptr<Optimizer> optimizer = Optimizer::create(options.optimizer, network.parameterCount());

    TrainingSummary summary;
    double bestLoss = std::numeric_limits<double>::infinity();
    double bestScore = -std::numeric_limits<double>::infinity();
    Eigen::VectorXd bestParameters;
    int noImprovement = 0;
    qint64 samplesSeen = 0;
    double reported = -1.0;
    for (int epoch = 0; epoch < options.maxEpochs; ++epoch) {
        if (options.shuffle)
            random.shuffle(order);
        const QString stage = QStringLiteral("Epoch %1/%2").arg(epoch + 1).arg(options.maxEpochs);
        double accumulatedLoss = 0.0;
        for (Eigen::Index batch = 0; batch < batches; ++batch) {
            if (m_context.stopRequested())
                return Base::Error(FitContext::stoppedMessage());
            const Eigen::Index first = batch * batchSize, rows = std::min(batchSize, n - first);
            Base::Result<double> loss = 0.0;
            if (gather) {
                for (Eigen::Index i = 0; i < rows; ++i) {
                    const Eigen::Index row = order[std::size_t(first + i)];
                    batchX.row(i) = source.row(row);
                    batchY[i] = sourceY[row];
                }
                loss = batchGradient.compute(network, batchX.topRows(rows), batchY.head(rows), gradient, stopRequested);
            } else {
                loss = batchGradient.compute(
                    network, X.middleRows(first, rows), y.segment(first, rows), gradient, stopRequested);
            }
            if (!loss.ok())
                return loss.error();
            accumulatedLoss += loss.value() * double(rows);
            optimizer->update(network.parameters(), gradient);

            const double fraction = (double(epoch) + double(batch + 1) / double(batches)) / double(options.maxEpochs);
            if (fraction < 1.0 && (fraction >= reported + progressStep || batch == 0)) {
                m_context.progress().report(fraction, stage);
                reported = fraction;
            }
        }

        const double epochLoss = accumulatedLoss / double(n);
        if (!std::isfinite(epochLoss))
            return Base::Error(QStringLiteral("the training loss is no longer finite after epoch %1: lower "
                                              "learning_rate_init or scale the features")
                                   .arg(epoch + 1));
        summary.epochs = epoch + 1;
        summary.loss = epochLoss;
        m_context.reportStep(epoch + 1, QStringLiteral("train_loss"), epochLoss);
        samplesSeen += n;

        if (options.earlyStopping) {
            const Base::Result<double> score = validationScore(network, validationX, validationY);
            if (!score.ok())
                return score.error();
            m_context.reportStep(epoch + 1, QStringLiteral("validation_score"), score.value());
            noImprovement = score.value() < bestScore + options.tol ? noImprovement + 1 : 0;
            if (score.value() > bestScore) {
                bestScore = score.value();
                bestParameters = network.parameters();
            }
        } else {
            noImprovement = epochLoss > bestLoss - options.tol ? noImprovement + 1 : 0;
            bestLoss = std::min(bestLoss, epochLoss);
        }
        optimizer->epochEnded(samplesSeen);
        if (noImprovement > options.noChangeEpochs) {
            if (optimizer->stopOnNoImprovement()) {
                summary.converged = true;
                break;
            }
            noImprovement = 0;
        }
    }
    if (options.earlyStopping && bestParameters.size() == network.parameterCount())
        network.parameters() = bestParameters;
    return summary;
}

} // namespace Tandem::Learn::Neural
