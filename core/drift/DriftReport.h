// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/drift/FeatureDrift.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Drift {

/// What DriftReport::compute() compares and how.
struct DriftOptions {
    /// The features to compare, in this order; empty: every column of the
    /// reference (in its order) but those in `excluded`. Each must exist in both
    /// datasets.
    QStringList columns;
    /// Columns left out when `columns` is empty (a target, a time or id column).
    QStringList excluded;
    /// Per-column test and threshold; columns not listed get the default test.
    QHash<QString, TestChoice> tests;
    /// Tests computed for every feature besides the verdict's (FeatureDriftOptions).
    QList<DriftTest> additionalTests;
    DefaultTestRule rule;
    int bins = 10;
    double missingShareThreshold = 0.05;
    /// The dataset drifts when at least this share of the features drift
    /// (Evidently's drift_share).
    double driftShare = 0.5;
    /// Features compared at once; 0: one per core. A job on the queue passes its
    /// share, JobContext::threads(). The results do not depend on it.
    int threads = 0;
};

/// The drift of every feature between a reference and a current dataset, and the
/// dataset-level verdict.
///
/// Compute it as a job: compute() compares features in parallel (up to
/// DriftOptions::threads at once, each sorting its two columns once and running
/// all its tests on the sorted arrays), reports the fraction of features done and
/// polls Progress::stopRequested() between features; a stop returns an Error whose
/// message is cancelledMessage(). The sink is only called from the calling thread.
/// The columns and tests are checked before any work: a dataset without rows, a
/// column missing from either dataset, types that cannot be compared, or a test
/// that does not fit its column is an Error naming the column.
class DriftReport
{
public:
    static Base::Result<DriftReport> compute(const Data::Dataset &reference, const Data::Dataset &current,
        const DriftOptions &options, const Base::Progress &progress);
    static Base::Result<DriftReport> compute(
        const Data::Dataset &reference, const Data::Dataset &current, const DriftOptions &options = {});

    static QString cancelledMessage();

    qint64 referenceRows() const { return m_referenceRows; }
    qint64 currentRows() const { return m_currentRows; }
    /// One entry per compared feature, in DriftOptions::columns order (or the reference's).
    const std::vector<FeatureDrift> &features() const { return m_features; }

    qsizetype driftedCount() const;
    /// Drifted features over compared features; 0 when there are none.
    double shareDrifted() const;
    /// DriftOptions::driftShare.
    double driftShare() const { return m_driftShare; }
    /// shareDrifted() >= driftShare(), with at least one feature compared.
    bool drifted() const;

private:
    qint64 m_referenceRows = 0;
    qint64 m_currentRows = 0;
    std::vector<FeatureDrift> m_features;
    double m_driftShare = 0.5;
};

} // namespace Tandem::Drift
