// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>

namespace Tandem::Plot {

/// How an axis maps values to screen distance. Downsampling and binning work in
/// the axis' own space, so a pixel column of a log axis covers a ratio of values.
enum class AxisScale { Linear, Log10 };

/// `value` in the axis' space: itself, or log10 of it. A value a log axis cannot
/// show (zero, negative, NaN) becomes NaN.
inline double toAxisSpace(double value, AxisScale scale)
{
    if (scale == AxisScale::Linear)
        return value;
    return value > 0.0 ? std::log10(value) : std::nan("");
}

/// The inverse of toAxisSpace.
inline double fromAxisSpace(double value, AxisScale scale)
{
    return scale == AxisScale::Linear ? value : std::pow(10.0, value);
}

/// The x and y scales of a plot.
struct Scales {
    AxisScale x = AxisScale::Linear;
    AxisScale y = AxisScale::Linear;
};

} // namespace Tandem::Plot
