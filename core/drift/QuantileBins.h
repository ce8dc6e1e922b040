// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace Tandem::Drift {

/// The bin edges that the PSI and the Jensen–Shannon distance use on a numeric
/// feature: the reference's quantiles at i / bins for i = 1 .. bins - 1 (numpy's
/// "linear" quantiles, Data::linearQuantiles), repeated edges dropped (a value
/// that fills several deciles makes one bin). The outer bins are open, so every
/// value of either sample falls in a bin; with B edges there are B + 1 bins.
/// Empty when the sample is empty or bins < 2.
std::vector<double> quantileEdges(std::span<const double> sortedReference, int bins);

/// How many values of a sorted sample fall in each bin: value v is in bin k, the
/// number of edges <= v (numpy.searchsorted(edges, v, side="right")), i.e. bins
/// (-inf, e1), [e1, e2), ..., [eB, inf). edges.size() + 1 counts, by binary search.
std::vector<qint64> binCounts(std::span<const double> sortedValues, std::span<const double> edges);

} // namespace Tandem::Drift
