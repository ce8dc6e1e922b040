// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neighbors/NeighborSearch.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace Tandem::Learn {
namespace {

/// Queries per unit of work (one thread takes one block at a time).
constexpr Eigen::Index queryBlock = 32;
/// Training rows per single-precision product (32 × 2048 × p per step).
constexpr Eigen::Index productRows = 2048;
/// Training rows per step of the exact (Manhattan) kernel, in panels of 8.
constexpr Eigen::Index directRows = 256;
constexpr Eigen::Index panelRows = 8;
/// A query whose scaled values exceed this is searched exactly (no float estimate).
constexpr double largestScaled = 1.0e12;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The exact distance of two rows of p values: the sum, in feature order, of
/// (a - b)² (squared Euclidean) or |a - b| (Manhattan).
double exactDistance(const double *a, const double *b, Eigen::Index p, DistanceMetric metric)
{
    double sum = 0.0;
    if (metric == DistanceMetric::Euclidean) {
        for (Eigen::Index f = 0; f < p; ++f)
            sum += (a[f] - b[f]) * (a[f] - b[f]);
    } else {
        for (Eigen::Index f = 0; f < p; ++f)
            sum += std::abs(a[f] - b[f]);
    }
    return sum;
}

/// Manhattan distances of one query to 8 training rows packed feature-major
/// (panel[f * 8 + r]): 8 independent sums, each in feature order as exactDistance.
void panelManhattan(const double *panel, const double *query, Eigen::Index p, double *out)
{
    double sums[panelRows] = {};
    for (Eigen::Index f = 0; f < p; ++f) {
        const double q = query[f];
        const double *row = panel + f * panelRows;
        for (Eigen::Index r = 0; r < panelRows; ++r)
            sums[r] += std::abs(q - row[r]);
    }
    std::copy(sums, sums + panelRows, out);
}

/// One query's running selection. Each training row offers an interval
/// [lower, upper] that holds its exact distance; the selection keeps the k
/// smallest upper bounds and every row whose lower bound is not above the k-th
/// of them, so the k nearest rows (and all rows tied with the k-th) are always
/// among the candidates.
class Selection
{
public:
    struct Candidate {
        double lower;
        double exact; ///< NaN until measured
        Eigen::Index index;
    };

    void reset(Eigen::Index k)
    {
        m_k = std::size_t(k);
        m_upper.clear();
        m_candidates.clear();
        m_threshold = infinity;
        m_limit = std::max<std::size_t>(4 * m_k, 64);
    }

    double threshold() const { return m_threshold; }

    void offer(double lower, double upper, double exact, Eigen::Index index)
    {
        if (lower > m_threshold)
            return;
        m_candidates.push_back({lower, exact, index});
        if (m_upper.size() < m_k || upper < m_threshold) {
            if (m_upper.size() == m_k) {
                std::pop_heap(m_upper.begin(), m_upper.end());
                m_upper.pop_back();
            }
            m_upper.push_back(upper);
            std::push_heap(m_upper.begin(), m_upper.end());
            if (m_upper.size() == m_k)
                m_threshold = m_upper.front();
        }
        if (m_candidates.size() > m_limit)
            prune();
    }

    /// The k nearest by (exact distance, index); `measure` gives a row's exact distance.
    template<typename Measure> void finish(Measure measure, Eigen::Index *indices, double *distances, bool root)
    {
        prune();
        for (Candidate &c : m_candidates) {
            if (std::isnan(c.exact))
                c.exact = measure(c.index);
        }
        const auto byDistance = [](const Candidate &a, const Candidate &b) {
            return a.exact < b.exact || (a.exact == b.exact && a.index < b.index);
        };
        std::partial_sort(
            m_candidates.begin(), m_candidates.begin() + std::ptrdiff_t(m_k), m_candidates.end(), byDistance);
        for (std::size_t i = 0; i < m_k; ++i) {
            indices[i] = m_candidates[i].index;
            distances[i] = root ? std::sqrt(m_candidates[i].exact) : m_candidates[i].exact;
        }
    }

private:
    void prune()
    {
        const double threshold = m_threshold;
        std::erase_if(m_candidates, [threshold](const Candidate &c) { return c.lower > threshold; });
        if (m_candidates.size() > m_limit / 2)
            m_limit *= 2;
    }

    std::size_t m_k = 0;
    std::vector<double> m_upper; ///< max-heap of the k smallest upper bounds
    std::vector<Candidate> m_candidates;
    double m_threshold = infinity;
    std::size_t m_limit = 64;
};

/// Buffers one thread reuses from block to block.
struct Workspace {
    Matrix queries; ///< p × b, the block's queries as given
    Eigen::MatrixXf scaled; ///< p × b, centred and scaled, single precision
    Eigen::VectorXd scaledNorms;
    std::vector<char> exactOnly;
    Eigen::MatrixXf products; ///< training rows × b
    std::vector<double> panel;
    std::vector<Selection> selections;
};

} // namespace

QString NeighborSearch::stoppedMessage()
{
    return QStringLiteral("Prediction was stopped");
}

void NeighborSearch::setData(const Matrix &X, DistanceMetric metric)
{
    m_metric = metric;
    m_points = X.transpose();
    m_center.resize(0);
    m_approximate.resize(0, 0);
    m_approximateNorms.resize(0);
    m_scale = 1.0;
    if (metric != DistanceMetric::Euclidean || X.rows() == 0)
        return;
    m_center = X.colwise().mean();
    const double largest = X.cols() > 0 ? (X.rowwise() - m_center).cwiseAbs().maxCoeff() : 0.0;
    // A power of two: scaling is exact, and the largest centred value becomes ~1,
    // far from single precision's overflow and underflow.
    if (largest > 0.0)
        m_scale = std::ldexp(1.0, -std::ilogb(largest));
    m_approximate = ((X.rowwise() - m_center) * m_scale).transpose().cast<float>();
    m_approximateNorms = m_approximate.cast<double>().colwise().squaredNorm().transpose();
}

Base::Result<Neighbors> NeighborSearch::search(
    const Matrix &queries, Eigen::Index k, int threads, const Base::Progress *progress) const
{
    const Eigen::Index n = size(), p = m_points.rows(), count = queries.rows();
    if (k < 1 || k > n)
        return Base::Error(QStringLiteral("cannot find %1 nearest neighbours among %2 training rows").arg(k).arg(n));
    if (queries.cols() != p)
        return Base::Error(QStringLiteral("the search was set up for %1 features, got %2").arg(p).arg(queries.cols()));

    Neighbors result;
    result.indices.resize(count, k);
    result.distances.resize(count, k);
    const bool approximate = m_metric == DistanceMetric::Euclidean;
    const Eigen::Index stepRows = approximate ? productRows : directRows;
    const Eigen::Index blocks = (count + queryBlock - 1) / queryBlock;
    const Eigen::Index stepsPerBlock = (n + stepRows - 1) / stepRows;
    const double totalSteps = double(blocks * stepsPerBlock);
    // Rounding of the single-precision estimate: conversion, norms and the dot
    // product each err by at most ~p·u relative to ||a||² + ||b||² (u = FLT_EPSILON/2),
    // plus underflow; the bound taken here is about twice that.
    const double relativeMargin = double(2 * p + 20) * double(FLT_EPSILON);
    const double absoluteMargin = 16.0 * double(p + 1) * double(FLT_MIN);

    std::atomic<Eigen::Index> next {0};
    std::atomic<qint64> stepsDone {0};
    std::atomic<bool> stop {false};
    std::mutex failureMutex;
    QString failure;

    const auto processBlock = [&](Eigen::Index block, Workspace &ws, bool onCaller) {
        const Eigen::Index first = block * queryBlock, width = std::min(queryBlock, count - first);
        ws.queries = queries.middleRows(first, width).transpose();
        ws.selections.resize(std::size_t(queryBlock));
        for (Eigen::Index i = 0; i < width; ++i)
            ws.selections[std::size_t(i)].reset(k);
        const auto step = [&] {
            const qint64 done = ++stepsDone;
            if (onCaller && progress) {
                progress->report(double(done) / totalSteps, QStringLiteral("Finding neighbours"));
                if (progress->stopRequested())
                    stop = true;
            }
            return stop.load(std::memory_order_relaxed);
        };
        if (approximate) {
            ws.scaled = ((ws.queries.colwise() - m_center.transpose()) * m_scale).cast<float>();
            ws.scaledNorms = ws.scaled.cast<double>().colwise().squaredNorm().transpose();
            ws.exactOnly.assign(std::size_t(width), 0);
            for (Eigen::Index i = 0; i < width; ++i) {
                const double scaledMax
                    = p > 0 ? ((ws.queries.col(i) - m_center.transpose()) * m_scale).cwiseAbs().maxCoeff() : 0.0;
                ws.exactOnly[std::size_t(i)] = scaledMax > largestScaled;
            }
            for (Eigen::Index j0 = 0; j0 < n; j0 += stepRows) {
                const Eigen::Index rows = std::min(stepRows, n - j0);
                ws.products.noalias() = m_approximate.middleCols(j0, rows).transpose() * ws.scaled;
                for (Eigen::Index i = 0; i < width; ++i) {
                    Selection &selection = ws.selections[std::size_t(i)];
                    if (ws.exactOnly[std::size_t(i)]) {
                        for (Eigen::Index j = j0; j < j0 + rows; ++j) {
                            const double d
                                = exactDistance(ws.queries.col(i).data(), m_points.col(j).data(), p, m_metric);
                            selection.offer(d, d, d, j);
                        }
                        continue;
                    }
                    const double queryNorm = ws.scaledNorms[i];
                    const float *products = ws.products.col(i).data();
                    const double *norms = m_approximateNorms.data() + j0;
                    for (Eigen::Index j = 0; j < rows; ++j) {
                        const double estimate = queryNorm + norms[j] - 2.0 * double(products[j]);
                        const double margin = relativeMargin * (queryNorm + norms[j]) + absoluteMargin;
                        if (estimate - margin <= selection.threshold())
                            selection.offer(estimate - margin, estimate + margin, std::nan(""), j0 + j);
                    }
                }
                if (step())
                    return;
            }
        } else {
            ws.panel.resize(std::size_t(p * panelRows));
            double distances[panelRows];
            for (Eigen::Index j0 = 0; j0 < n; j0 += stepRows) {
                const Eigen::Index end = std::min(j0 + stepRows, n);
                for (Eigen::Index c0 = j0; c0 < end; c0 += panelRows) {
                    const Eigen::Index rows = std::min(panelRows, end - c0);
                    for (Eigen::Index r = 0; r < panelRows; ++r) {
                        const double *source = m_points.col(c0 + std::min(r, rows - 1)).data();
                        for (Eigen::Index f = 0; f < p; ++f)
                            ws.panel[std::size_t(f * panelRows + r)] = source[f];
                    }
                    for (Eigen::Index i = 0; i < width; ++i) {
                        panelManhattan(ws.panel.data(), ws.queries.col(i).data(), p, distances);
                        Selection &selection = ws.selections[std::size_t(i)];
                        for (Eigen::Index r = 0; r < rows; ++r)
                            selection.offer(distances[r], distances[r], distances[r], c0 + r);
                    }
                }
                if (step())
                    return;
            }
        }
        Eigen::Matrix<Eigen::Index, Eigen::Dynamic, 1> indexRow(k);
        Vector distanceRow(k);
        for (Eigen::Index i = 0; i < width; ++i) {
            const double *query = ws.queries.col(i).data();
            ws.selections[std::size_t(i)].finish(
                [&](Eigen::Index j) { return exactDistance(query, m_points.col(j).data(), p, m_metric); },
                indexRow.data(), distanceRow.data(), m_metric == DistanceMetric::Euclidean);
            result.indices.row(first + i) = indexRow.transpose();
            result.distances.row(first + i) = distanceRow.transpose();
        }
    };

    const auto work = [&](bool onCaller) {
        try {
            Workspace ws;
            for (Eigen::Index block = next++; block < blocks && !stop.load(); block = next++)
                processBlock(block, ws, onCaller);
        } catch (const std::exception &e) {
            const std::lock_guard lock(failureMutex);
            if (failure.isEmpty())
                failure = QStringLiteral("the neighbour search failed: %1").arg(QString::fromLocal8Bit(e.what()));
            stop = true;
        }
    };

    std::vector<std::thread> helpers;
    const Eigen::Index helperCount = std::min<Eigen::Index>(std::max(threads, 1) - 1, blocks - 1);
    for (Eigen::Index h = 0; h < helperCount; ++h) {
        try {
            helpers.emplace_back(work, false);
        } catch (const std::system_error &) {
            break; // fewer threads: the blocks are shared out all the same
        }
    }
    work(true);
    for (std::thread &helper : helpers)
        helper.join();

    if (!failure.isEmpty())
        return Base::Error(failure);
    if (stop.load())
        return Base::Error(stoppedMessage());
    if (progress)
        progress->report(1.0, QStringLiteral("Finding neighbours"));
    return result;
}

} // namespace Tandem::Learn
