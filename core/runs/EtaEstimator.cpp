// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/EtaEstimator.h"

#include <algorithm>

namespace Tandem::Runs {
namespace {

/// Weight of the newest raw estimate: low enough to damp one uneven step.
constexpr double smoothing = 0.3;
/// Below this much progress or time an estimate is mostly noise.
constexpr double minFraction = 0.01;
constexpr double minSeconds = 0.5;

} // namespace

void EtaEstimator::update(double fraction, double elapsedSeconds)
{
    if (fraction >= 1.0) {
        m_secondsLeft = 0.0;
        m_lastElapsed = elapsedSeconds;
        return;
    }
    if (fraction < minFraction || elapsedSeconds < minSeconds)
        return;
    const double raw = elapsedSeconds * (1.0 - fraction) / fraction;
    if (m_secondsLeft < 0.0) {
        m_secondsLeft = raw;
    } else {
        const double countedDown = std::max(0.0, m_secondsLeft - (elapsedSeconds - m_lastElapsed));
        m_secondsLeft = smoothing * raw + (1.0 - smoothing) * countedDown;
    }
    m_lastElapsed = elapsedSeconds;
}

} // namespace Tandem::Runs
