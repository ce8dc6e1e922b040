// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Tandem::Runs {

/// Estimates a job's time left from its progress fraction over elapsed time.
///
/// The raw estimate elapsed × (1 − f) / f jumps with every uneven step (a slow
/// first fold, a fast last one); it is blended with the previous estimate counted
/// down by the time since, so the "about 2 min left" a user reads moves smoothly.
class EtaEstimator
{
public:
    /// Records progress `fraction` at `elapsedSeconds` since the job started.
    void update(double fraction, double elapsedSeconds);
    /// Seconds left, or a negative value while unknown (too early to say).
    double secondsLeft() const { return m_secondsLeft; }

private:
    double m_secondsLeft = -1.0;
    double m_lastElapsed = 0.0;
};

} // namespace Tandem::Runs
