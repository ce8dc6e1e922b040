// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/Wasserstein.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Drift {
namespace {

/// Neumaier's compensated sum.
class CompensatedSum
{
public:
    void add(double x)
    {
        const double t = m_sum + x;
        m_compensation += std::abs(m_sum) >= std::abs(x) ? (m_sum - t) + x : (x - t) + m_sum;
        m_sum = t;
    }
    double value() const { return m_sum + m_compensation; }

private:
    double m_sum = 0.0;
    double m_compensation = 0.0;
};

/// numpy.std(values) (ddof 0) by two compensated passes.
double populationStd(std::span<const double> values)
{
    CompensatedSum sum;
    for (const double value : values)
        sum.add(value);
    const double mean = sum.value() / double(values.size());
    CompensatedSum squares;
    for (const double value : values)
        squares.add((value - mean) * (value - mean));
    return std::sqrt(squares.value() / double(values.size()));
}

} // namespace

double wassersteinDistance(std::span<const double> sortedA, std::span<const double> sortedB)
{
    if (sortedA.empty() || sortedB.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double na = double(sortedA.size());
    const double nb = double(sortedB.size());
    // Walk the merged values; between one and the next, F_a and F_b are the shares
    // of each sample at or below the first (scipy's searchsorted(..., "right")).
    std::size_t i = 0;
    std::size_t j = 0;
    const auto nextValue = [&] {
        if (i == sortedA.size())
            return sortedB[j];
        if (j == sortedB.size())
            return sortedA[i];
        return std::min(sortedA[i], sortedB[j]);
    };
    CompensatedSum area;
    double value = nextValue();
    while (i < sortedA.size() || j < sortedB.size()) {
        if (j == sortedB.size() || (i < sortedA.size() && sortedA[i] <= sortedB[j]))
            ++i;
        else
            ++j;
        if (i == sortedA.size() && j == sortedB.size())
            break;
        const double next = nextValue();
        if (next != value) {
            area.add(std::abs(double(i) / na - double(j) / nb) * (next - value));
            value = next;
        }
    }
    return area.value();
}

double normalizedWasserstein(std::span<const double> sortedReference, std::span<const double> sortedCurrent)
{
    if (sortedReference.empty() || sortedCurrent.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double scale = std::max(populationStd(sortedReference), 0.001);
    return wassersteinDistance(sortedReference, sortedCurrent) / scale;
}

} // namespace Tandem::Drift
