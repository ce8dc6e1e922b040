// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/learn/Estimator.h"

namespace Tandem::Learn {

enum class DistanceMetric : quint8 { Euclidean, Manhattan };

/// The k nearest training rows of each query row, nearest first.
struct Neighbors {
    /// queries × k training row indices.
    Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> indices;
    /// queries × k distances (Euclidean or Manhattan, not squared).
    Matrix distances;
};

/// Exact brute-force k-nearest-neighbour search.
///
/// Order. Neighbours are ranked by their distance computed directly, as a sum
/// over the features in order (of (a - b)² or |a - b|), and ties in that
/// distance by the training row index, lowest first (what a stable sort by
/// distance gives, and what scikit-learn keeps at the k-th place). Manhattan
/// distances are the very sums scikit-learn computes, so its ties break the
/// same way. The result depends on nothing else: not on the thread count, the
/// blocking, or which other rows are queried with it.
///
/// Speed. Euclidean search first ranks candidates with ||a||² + ||b||² - 2 a·b
/// in single precision, through Eigen's matrix product on blocks of 32 queries
/// by 2048 training rows (the data centred on the training mean first, which
/// keeps the norms small). A rigorous bound on that estimate's rounding error
/// keeps every row that could still be among the k nearest; those few are then
/// measured exactly in double precision. Manhattan distances are computed
/// exactly, 8 training rows at a time. Query blocks run on `threads` threads.
class NeighborSearch
{
public:
    /// Remembers X (n × p) and prepares the search structures.
    void setData(const Matrix &X, DistanceMetric metric);
    /// The training rows as stored: p × n, one column per training row.
    const Matrix &points() const { return m_points; }
    Eigen::Index size() const { return m_points.cols(); }
    DistanceMetric metric() const { return m_metric; }

    /// The k nearest training rows of each row of `queries` (q × p), 1 <= k <= size().
    /// With a progress, reports the fraction done and stops within ~50 ms when
    /// asked (the error is then stoppedMessage()).
    Base::Result<Neighbors> search(
        const Matrix &queries, Eigen::Index k, int threads, const Base::Progress *progress = nullptr) const;

    static QString stoppedMessage();

private:
    DistanceMetric m_metric = DistanceMetric::Euclidean;
    Matrix m_points;
    /// Euclidean: the training mean, the centred rows in single precision
    /// (p × n) and their squared norms (in double, from the float values).
    Eigen::RowVectorXd m_center;
    /// A power of two that brings the largest centred training value near 1.
    double m_scale = 1.0;
    Eigen::MatrixXf m_approximate;
    Eigen::VectorXd m_approximateNorms;
};

} // namespace Tandem::Learn
