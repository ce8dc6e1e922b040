// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/Column.h"

#include <QList>
#include <QString>

#include <limits>
#include <vector>

namespace Tandem::Data {

class Dataset;

/// What Profile::compute() computes and how much of it.
struct ProfileOptions {
    /// The column every other column is associated with (see ColumnProfile::association);
    /// empty for none. A name that is not a column is an error.
    QString target;
    /// Equal-width bins of each histogram.
    int histogramBins = 20;
    /// Most frequent values kept per categorical, text or boolean column.
    int topValues = 10;
    /// Distinct values are counted exactly up to this many, then estimated (HyperLogLog).
    qint64 exactDistinctLimit = 100000;
    /// Worker threads (columns are profiled in parallel); 0 uses one per core. The
    /// results are the same for every thread count.
    int threads = 0;
};

/// Equal-width histogram with numpy.histogram's rules: `edges` has bins + 1
/// entries from min to max (numpy.linspace: edges[i] = min + i * (max - min) / bins,
/// the last edge exactly max; a constant column uses [v - 0.5, v + 0.5]). A value v
/// falls in bin i when edges[i] <= v < edges[i + 1]; the last bin also holds
/// v == max. NaN and infinite values are not counted.
struct Histogram {
    std::vector<double> edges;
    std::vector<qint64> counts;
};

/// A value and how many non-missing cells hold it.
struct TopValue {
    QString value;
    qint64 count = 0;
};

/// How a column relates to ProfileOptions::target, computed over the rows where
/// both cells are present. "Numeric" below means numeric, integer or datetime
/// columns; "categorical" means categorical, text or boolean columns.
enum class AssociationMeasure : quint8 {
    None, ///< no target, the target itself, or a column with nothing to compare
    /// numeric vs numeric: Pearson's r in [-1, 1] (as scipy.stats.pearsonr).
    Pearson,
    /// numeric vs categorical (either way round): the correlation ratio
    /// eta = sqrt(SS_between / SS_total) in [0, 1], SS over the numeric values
    /// grouped by the categories.
    CorrelationRatio,
    /// categorical vs categorical: Cramér's V = sqrt(chi2 / (n (min(r, c) - 1))) in
    /// [0, 1], chi2 Pearson's statistic of the r x c table of observed levels
    /// without Yates' correction (scipy.stats.contingency.association(...,
    /// method="cramer", correction=False)).
    CramersV,
};

/// "pearson", "correlation_ratio", "cramers_v" or "" for None.
QString associationMeasureName(AssociationMeasure measure);

/// The statistics of one column. Numbers that do not apply (a text column's mean,
/// the std of one value, the quantiles of an all-missing column) are NaN.
struct ColumnProfile {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    QString name;
    ColumnType type = ColumnType::Numeric;
    qint64 count = 0; ///< non-missing cells (NaN in a numeric column counts as missing)
    qint64 missing = 0;
    /// Distinct non-missing values: exact up to ProfileOptions::exactDistinctLimit,
    /// a HyperLogLog estimate (relative error about 0.4 %) beyond, then
    /// distinctEstimated is true. Categorical and boolean columns are always exact.
    qint64 distinct = 0;
    bool distinctEstimated = false;

    /// Numeric, integer, datetime (milliseconds since the epoch, UTC) and boolean
    /// (0/1) columns; see hasNumericSummary(). mean is a compensated (Neumaier) sum
    /// over n; std is the sample standard deviation (ddof = 1, as pandas), from the
    /// corrected two-pass algorithm; quantiles are linear (see linearQuantiles).
    double mean = nan;
    double std = nan;
    double min = nan;
    double q25 = nan;
    double median = nan;
    double q75 = nan;
    double max = nan;
    qint64 zeros = 0;
    Histogram histogram;

    /// Categorical, text and boolean columns: the topValues most frequent values,
    /// most frequent first, ties in ascending order of the value (Unicode code points).
    QList<TopValue> top;
    /// True when a text column had more distinct values than exactDistinctLimit: the
    /// counts then cover only the first exactDistinctLimit distinct values met.
    bool topApproximate = false;

    AssociationMeasure associationMeasure = AssociationMeasure::None;
    double association = nan;

    bool hasNumericSummary() const
    {
        return type == ColumnType::Numeric || type == ColumnType::Integer || type == ColumnType::DateTime
            || type == ColumnType::Boolean;
    }
    bool hasTopValues() const
    {
        return type == ColumnType::Categorical || type == ColumnType::Text || type == ColumnType::Boolean;
    }
};

/// Per-column statistics of a Dataset: the numbers behind the column panel and
/// `tandem-cli profile`.
///
/// Compute it as a job: compute() blocks while ProfileOptions::threads workers
/// profile one column each at a time (so the results do not depend on the thread
/// count), and the calling thread reports progress (the fraction of columns done)
/// and polls Progress::stopRequested() every 20 ms; the workers see a stop within
/// about a million cells. A stop returns an Error whose message is
/// cancelledMessage(). The sink is only ever called from the calling thread.
///
/// A Profile is a plain value: copy it, keep it beside the Dataset it describes.
/// Typical use (a column panel):
/// \code
///     ProfileOptions options;
///     options.target = QStringLiteral("label");
///     const auto profile = Profile::compute(*dataset, options, progress);
///     if (profile.ok())
///         for (const ColumnProfile &column : profile->columns()) ...
/// \endcode
class Profile
{
public:
    static Base::Result<Profile> compute(
        const Dataset &dataset, const ProfileOptions &options, const Base::Progress &progress);
    static Base::Result<Profile> compute(const Dataset &dataset, const ProfileOptions &options = {});

    static QString cancelledMessage();

    qint64 rowCount() const { return m_rowCount; }
    /// One entry per column of the dataset, in its order.
    const std::vector<ColumnProfile> &columns() const { return m_columns; }
    const ColumnProfile &column(qsizetype index) const { return m_columns[static_cast<std::size_t>(index)]; }
    /// ProfileOptions::target, or empty.
    const QString &target() const { return m_target; }

private:
    qint64 m_rowCount = 0;
    std::vector<ColumnProfile> m_columns;
    QString m_target;
};

} // namespace Tandem::Data
