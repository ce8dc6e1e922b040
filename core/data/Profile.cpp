// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Profile.h"

#include "core/data/Dataset.h"
#include "core/data/DistinctCounter.h"
#include "core/data/Quantiles.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace Tandem::Data {
namespace {

constexpr qint64 pollInterval = qint64(1) << 20; // cells between two looks at the stop flag
constexpr qint64 maxContingencyCells = qint64(1) << 24;

/// Neumaier's compensated sum: the error stays O(eps) instead of O(n eps).
class CompensatedSum
{
public:
    void add(double x)
    {
        const double t = m_sum + x;
        if (!std::isfinite(t)) { // an infinity (or overflow) decides the sum; no compensation
            m_sum = t;
            return;
        }
        if (std::abs(m_sum) >= std::abs(x))
            m_compensation += (m_sum - t) + x;
        else
            m_compensation += (x - t) + m_sum;
        m_sum = t;
    }
    double value() const { return std::isfinite(m_sum) ? m_sum + m_compensation : m_sum; }

private:
    double m_sum = 0.0;
    double m_compensation = 0.0;
};

bool isNumericRole(ColumnType type)
{
    return type == ColumnType::Numeric || type == ColumnType::Integer || type == ColumnType::DateTime;
}

/// A stop flag shared by the workers; the calling thread sets it.
class StopFlag
{
public:
    bool isSet() const { return m_flag.load(std::memory_order_relaxed); }
    void set() { m_flag.store(true, std::memory_order_relaxed); }
    /// True when the loop at `index` should look at the flag and it is set.
    bool pollAt(qint64 index) const { return (index & (pollInterval - 1)) == 0 && isSet(); }

private:
    std::atomic<bool> m_flag {false};
};

struct Stopped {
};

QString failedMessage(const std::exception &e)
{
    return QStringLiteral("Profiling failed: %1").arg(QString::fromLocal8Bit(e.what()));
}

void checkStop(const StopFlag &stop, qint64 index)
{
    if (stop.pollAt(index))
        throw Stopped {};
}

/// Category-like cells as dense codes (-1 for missing) into `count` levels.
struct Levels {
    std::vector<qint32> codes;
    qint32 count = 0;
};

struct ByteViewHash {
    std::size_t operator()(std::string_view bytes) const { return static_cast<std::size_t>(hashBytes(bytes)); }
};

Levels levelsOf(const Column &column, const StopFlag &stop)
{
    Levels levels;
    const qint64 rows = column.size();
    levels.codes.assign(static_cast<std::size_t>(rows), -1);
    if (column.type() == ColumnType::Categorical) {
        const auto codes = column.codes();
        levels.count = static_cast<qint32>(column.categories().size());
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (!column.isMissing(row))
                levels.codes[static_cast<std::size_t>(row)] = codes[static_cast<std::size_t>(row)];
        }
    } else if (column.type() == ColumnType::Boolean) {
        const auto values = column.booleanValues();
        levels.count = 2;
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (!column.isMissing(row))
                levels.codes[static_cast<std::size_t>(row)] = values[static_cast<std::size_t>(row)] ? 1 : 0;
        }
    } else {
        std::unordered_map<std::string_view, qint32, ByteViewHash> index;
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (column.isMissing(row))
                continue;
            const auto [it, inserted] = index.try_emplace(column.utf8(row), levels.count);
            if (inserted)
                ++levels.count;
            levels.codes[static_cast<std::size_t>(row)] = it->second;
        }
    }
    return levels;
}

/// The target column, prepared once and read by every worker.
struct Target {
    qsizetype index = -1;
    bool numeric = false;
    std::vector<double> values; // numeric role: one per row, NaN when missing
    Levels levels; // categorical role
};

std::vector<double> rowValues(const Column &column, const StopFlag &stop)
{
    std::vector<double> values(static_cast<std::size_t>(column.size()));
    for (qint64 row = 0; row < column.size(); ++row) {
        checkStop(stop, row);
        values[static_cast<std::size_t>(row)] = column.toDouble(row);
    }
    return values;
}

double pearson(const std::vector<double> &x, const std::vector<double> &y, const StopFlag &stop)
{
    CompensatedSum sumX;
    CompensatedSum sumY;
    qint64 n = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        checkStop(stop, qint64(i));
        if (std::isnan(x[i]) || std::isnan(y[i]))
            continue;
        sumX.add(x[i]);
        sumY.add(y[i]);
        ++n;
    }
    if (n < 2)
        return ColumnProfile::nan;
    const double meanX = sumX.value() / double(n);
    const double meanY = sumY.value() / double(n);
    CompensatedSum xx;
    CompensatedSum yy;
    CompensatedSum xy;
    for (std::size_t i = 0; i < x.size(); ++i) {
        checkStop(stop, qint64(i));
        if (std::isnan(x[i]) || std::isnan(y[i]))
            continue;
        const double dx = x[i] - meanX;
        const double dy = y[i] - meanY;
        xx.add(dx * dx);
        yy.add(dy * dy);
        xy.add(dx * dy);
    }
    const double denominator = std::sqrt(xx.value()) * std::sqrt(yy.value());
    if (!(denominator > 0.0) || !std::isfinite(denominator))
        return ColumnProfile::nan;
    return std::clamp(xy.value() / denominator, -1.0, 1.0);
}

/// eta = sqrt(SS_between / SS_total) of `values` grouped by `levels`.
double correlationRatio(const std::vector<double> &values, const Levels &levels, const StopFlag &stop)
{
    std::vector<CompensatedSum> groupSums(static_cast<std::size_t>(levels.count));
    std::vector<qint64> groupCounts(static_cast<std::size_t>(levels.count), 0);
    CompensatedSum total;
    qint64 n = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        checkStop(stop, qint64(i));
        const qint32 code = levels.codes[i];
        if (code < 0 || std::isnan(values[i]))
            continue;
        groupSums[static_cast<std::size_t>(code)].add(values[i]);
        ++groupCounts[static_cast<std::size_t>(code)];
        total.add(values[i]);
        ++n;
    }
    if (n < 2)
        return ColumnProfile::nan;
    const double mean = total.value() / double(n);
    CompensatedSum between;
    for (std::size_t g = 0; g < groupCounts.size(); ++g) {
        if (groupCounts[g] == 0)
            continue;
        const double d = groupSums[g].value() / double(groupCounts[g]) - mean;
        between.add(double(groupCounts[g]) * d * d);
    }
    CompensatedSum squares;
    for (std::size_t i = 0; i < values.size(); ++i) {
        checkStop(stop, qint64(i));
        if (levels.codes[i] < 0 || std::isnan(values[i]))
            continue;
        const double d = values[i] - mean;
        squares.add(d * d);
    }
    if (!(squares.value() > 0.0) || !std::isfinite(squares.value()))
        return ColumnProfile::nan;
    return std::min(std::sqrt(between.value() / squares.value()), 1.0);
}

/// Cramér's V of the contingency table of two level codings (observed levels only).
double cramersV(const Levels &a, const Levels &b, const StopFlag &stop)
{
    const qint64 rows = a.count;
    const qint64 cols = b.count;
    if (rows < 2 || cols < 2 || rows * cols > maxContingencyCells)
        return ColumnProfile::nan;
    std::vector<qint64> table(static_cast<std::size_t>(rows * cols), 0);
    for (std::size_t i = 0; i < a.codes.size(); ++i) {
        checkStop(stop, qint64(i));
        if (a.codes[i] >= 0 && b.codes[i] >= 0)
            ++table[static_cast<std::size_t>(qint64(a.codes[i]) * cols + b.codes[i])];
    }
    std::vector<qint64> rowSums(static_cast<std::size_t>(rows), 0);
    std::vector<qint64> colSums(static_cast<std::size_t>(cols), 0);
    qint64 n = 0;
    for (qint64 r = 0; r < rows; ++r) {
        for (qint64 c = 0; c < cols; ++c) {
            const qint64 observed = table[static_cast<std::size_t>(r * cols + c)];
            rowSums[static_cast<std::size_t>(r)] += observed;
            colSums[static_cast<std::size_t>(c)] += observed;
            n += observed;
        }
    }
    const auto nonEmpty = [](const std::vector<qint64> &sums) {
        return std::count_if(sums.cbegin(), sums.cend(), [](qint64 s) { return s > 0; });
    };
    const auto smaller = std::min(nonEmpty(rowSums), nonEmpty(colSums));
    if (smaller < 2)
        return ColumnProfile::nan;
    CompensatedSum chi2;
    for (qint64 r = 0; r < rows; ++r) {
        if (rowSums[static_cast<std::size_t>(r)] == 0)
            continue;
        for (qint64 c = 0; c < cols; ++c) {
            if (colSums[static_cast<std::size_t>(c)] == 0)
                continue;
            const double expected = double(rowSums[static_cast<std::size_t>(r)])
                * double(colSums[static_cast<std::size_t>(c)]) / double(n);
            const double d = double(table[static_cast<std::size_t>(r * cols + c)]) - expected;
            chi2.add(d * d / expected);
        }
    }
    return std::min(std::sqrt(chi2.value() / (double(n) * double(smaller - 1))), 1.0);
}

Histogram histogramOf(std::span<const double> values, double low, double high, int bins)
{
    Histogram histogram;
    if (!std::isfinite(low) || !std::isfinite(high) || bins < 1)
        return histogram;
    if (low == high) {
        low -= 0.5;
        high += 0.5;
    }
    // numpy.linspace(low, high, bins + 1).
    histogram.edges.resize(static_cast<std::size_t>(bins) + 1);
    const double delta = high - low;
    const double step = delta / bins;
    for (int i = 0; i <= bins; ++i)
        histogram.edges[static_cast<std::size_t>(i)] = step == 0.0 ? double(i) / bins * delta + low : i * step + low;
    histogram.edges.back() = high;

    histogram.counts.assign(static_cast<std::size_t>(bins), 0);
    const auto &edges = histogram.edges;
    const double scale = bins / delta;
    for (const double v : values) {
        if (!(v >= low && v <= high))
            continue;
        // A first guess from the scale, then corrected against the edges themselves.
        auto i = static_cast<qint64>((v - low) * scale);
        i = std::clamp<qint64>(i, 0, bins - 1);
        while (i > 0 && v < edges[static_cast<std::size_t>(i)])
            --i;
        while (i < bins - 1 && v >= edges[static_cast<std::size_t>(i + 1)])
            ++i;
        ++histogram.counts[static_cast<std::size_t>(i)];
    }
    return histogram;
}

/// The k most frequent of `candidates` (value, count), ties by value ascending.
QList<TopValue> topValues(std::vector<std::pair<std::string_view, qint64>> candidates, int k)
{
    const auto before
        = [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
    const auto keep = std::min(candidates.size(), static_cast<std::size_t>(std::max(k, 0)));
    std::partial_sort(
        candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(), before);
    QList<TopValue> top;
    for (std::size_t i = 0; i < keep; ++i)
        top.append(TopValue {QString::fromUtf8(candidates[i].first.data(), qsizetype(candidates[i].first.size())),
            candidates[i].second});
    return top;
}

/// count, missing, distinct, the moments, quantiles, histogram and zeros of a
/// column with a numeric summary.
void summariseNumbers(const Column &column, const ProfileOptions &options, const StopFlag &stop, ColumnProfile &p)
{
    const qint64 rows = column.size();
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(rows - column.missingCount()));
    DistinctCounter distinct(options.exactDistinctLimit);
    CompensatedSum sum;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    double finiteLow = low;
    double finiteHigh = high;
    const auto add = [&](double v, quint64 key) {
        values.push_back(v);
        distinct.add(key);
        sum.add(v);
        low = std::min(low, v);
        high = std::max(high, v);
        if (std::isfinite(v)) {
            finiteLow = std::min(finiteLow, v);
            finiteHigh = std::max(finiteHigh, v);
        }
        if (v == 0.0)
            ++p.zeros;
    };
    const auto numbers = column.numericValues();
    const auto int64s = column.type() == ColumnType::Integer ? column.integerValues() : column.dateTimeValues();
    const auto bytes = column.booleanValues();
    for (qint64 row = 0; row < rows; ++row) {
        checkStop(stop, row);
        if (column.isMissing(row))
            continue;
        const auto i = static_cast<std::size_t>(row);
        switch (column.type()) {
        case ColumnType::Numeric:
            if (!std::isnan(numbers[i]))
                add(numbers[i], std::bit_cast<quint64>(numbers[i] == 0.0 ? 0.0 : numbers[i]));
            break;
        case ColumnType::Integer:
        case ColumnType::DateTime: add(static_cast<double>(int64s[i]), static_cast<quint64>(int64s[i])); break;
        case ColumnType::Boolean: add(bytes[i] ? 1.0 : 0.0, bytes[i] ? 1 : 0); break;
        case ColumnType::Categorical:
        case ColumnType::Text: break;
        }
    }
    const auto n = static_cast<qint64>(values.size());
    p.count = n;
    p.missing = rows - n;
    p.distinct = distinct.count();
    p.distinctEstimated = distinct.isEstimated();
    if (n == 0)
        return;
    p.min = low;
    p.max = high;
    p.mean = sum.value() / double(n);
    if (n > 1) {
        // Corrected two-pass: sum of squared deviations minus the (tiny) square of
        // the deviations' sum, which cancels the rounding of the mean.
        CompensatedSum squares;
        CompensatedSum deviations;
        for (qint64 i = 0; i < n; ++i) {
            checkStop(stop, i);
            const double d = values[static_cast<std::size_t>(i)] - p.mean;
            squares.add(d * d);
            deviations.add(d);
        }
        const double ss = squares.value() - deviations.value() * deviations.value() / double(n);
        p.std = std::sqrt(std::max(ss, 0.0) / double(n - 1));
        if (std::isnan(squares.value()))
            p.std = ColumnProfile::nan;
    }
    checkStop(stop, 0);
    p.histogram = histogramOf(values, finiteLow, finiteHigh, options.histogramBins);
    checkStop(stop, 0);
    const double probabilities[] = {0.25, 0.5, 0.75};
    const auto q = linearQuantiles(values, probabilities);
    p.q25 = q[0];
    p.median = q[1];
    p.q75 = q[2];
}

void summariseCategories(const Column &column, const ProfileOptions &options, const StopFlag &stop, ColumnProfile &p)
{
    const qint64 rows = column.size();
    std::vector<std::pair<std::string_view, qint64>> candidates;
    if (column.type() == ColumnType::Boolean) {
        qint64 trues = 0;
        const auto bytes = column.booleanValues();
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (!column.isMissing(row) && bytes[static_cast<std::size_t>(row)])
                ++trues;
        }
        const qint64 falses = rows - column.missingCount() - trues;
        for (const auto &[value, count] : {std::pair {std::string_view("false"), falses}, {"true", trues}}) {
            if (count > 0)
                candidates.emplace_back(value, count);
        }
        p.top = topValues(std::move(candidates), options.topValues);
        return; // count, missing and distinct come from summariseNumbers
    }

    std::vector<std::string> labels;
    qint64 present = 0;
    if (column.type() == ColumnType::Categorical) {
        const auto codes = column.codes();
        std::vector<qint64> counts(static_cast<std::size_t>(column.categories().size()), 0);
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (!column.isMissing(row)) {
                ++counts[static_cast<std::size_t>(codes[static_cast<std::size_t>(row)])];
                ++present;
            }
        }
        labels.reserve(counts.size());
        for (const QString &category : column.categories())
            labels.push_back(category.toUtf8().toStdString());
        for (std::size_t code = 0; code < counts.size(); ++code) {
            if (counts[code] > 0)
                candidates.emplace_back(labels[code], counts[code]);
        }
        p.distinct = static_cast<qint64>(candidates.size());
    } else {
        // Text: exact counts for the first exactDistinctLimit distinct values; past
        // that, new values only feed a HyperLogLog for the distinct estimate.
        std::unordered_map<std::string_view, qint64, ByteViewHash> counts;
        std::unique_ptr<HyperLogLog> sketch;
        for (qint64 row = 0; row < rows; ++row) {
            checkStop(stop, row);
            if (column.isMissing(row))
                continue;
            ++present;
            const std::string_view value = column.utf8(row);
            if (sketch)
                sketch->addHash(hashBytes(value));
            if (const auto it = counts.find(value); it != counts.end()) {
                ++it->second;
            } else if (static_cast<qint64>(counts.size()) < options.exactDistinctLimit) {
                counts.emplace(value, 1);
            } else if (!sketch) {
                sketch = std::make_unique<HyperLogLog>();
                for (const auto &entry : counts)
                    sketch->addHash(hashBytes(entry.first));
                sketch->addHash(hashBytes(value));
            }
        }
        p.distinctEstimated = sketch != nullptr;
        p.topApproximate = p.distinctEstimated;
        p.distinct = sketch ? std::llround(sketch->estimate()) : static_cast<qint64>(counts.size());
        candidates.assign(counts.cbegin(), counts.cend());
    }
    p.count = present;
    p.missing = rows - present;
    p.top = topValues(std::move(candidates), options.topValues);
}

void associate(const Column &column, const Target &target, const StopFlag &stop, ColumnProfile &p)
{
    const bool numeric = isNumericRole(column.type());
    if (numeric && target.numeric) {
        p.associationMeasure = AssociationMeasure::Pearson;
        p.association = pearson(rowValues(column, stop), target.values, stop);
    } else if (numeric) {
        p.associationMeasure = AssociationMeasure::CorrelationRatio;
        p.association = correlationRatio(rowValues(column, stop), target.levels, stop);
    } else if (target.numeric) {
        p.associationMeasure = AssociationMeasure::CorrelationRatio;
        p.association = correlationRatio(target.values, levelsOf(column, stop), stop);
    } else {
        p.associationMeasure = AssociationMeasure::CramersV;
        p.association = cramersV(levelsOf(column, stop), target.levels, stop);
    }
}

ColumnProfile profileColumn(
    const Dataset &dataset, qsizetype index, const ProfileOptions &options, const Target &target, const StopFlag &stop)
{
    const Column &column = dataset.column(index);
    ColumnProfile p;
    p.name = column.name();
    p.type = column.type();
    if (p.hasNumericSummary())
        summariseNumbers(column, options, stop, p);
    if (p.hasTopValues())
        summariseCategories(column, options, stop, p);
    if (target.index >= 0 && target.index != index)
        associate(column, target, stop, p);
    return p;
}

} // namespace

QString associationMeasureName(AssociationMeasure measure)
{
    switch (measure) {
    case AssociationMeasure::None: break;
    case AssociationMeasure::Pearson: return QStringLiteral("pearson");
    case AssociationMeasure::CorrelationRatio: return QStringLiteral("correlation_ratio");
    case AssociationMeasure::CramersV: return QStringLiteral("cramers_v");
    }
    return {};
}

QString Profile::cancelledMessage()
{
    return QStringLiteral("Profiling was cancelled");
}

Base::Result<Profile> Profile::compute(const Dataset &dataset, const ProfileOptions &options)
{
    Base::NullProgressSink sink;
    return compute(dataset, options, Base::Progress(sink));
}

Base::Result<Profile> Profile::compute(
    const Dataset &dataset, const ProfileOptions &options, const Base::Progress &progress)
{
    Profile profile;
    profile.m_rowCount = dataset.rowCount();
    profile.m_target = options.target;
    const qsizetype columnCount = dataset.columnCount();
    StopFlag stop;

    Target target;
    if (!options.target.isEmpty()) {
        target.index = dataset.indexOf(options.target);
        if (target.index < 0)
            return Base::Error(
                QStringLiteral("There is no column named '%1' to use as the target").arg(options.target));
        const Column &column = dataset.column(target.index);
        target.numeric = isNumericRole(column.type());
        if (progress.stopRequested())
            return Base::Error(cancelledMessage());
        // The target is prepared on this thread in one pass, before the workers start.
        try {
            if (target.numeric)
                target.values = rowValues(column, stop);
            else
                target.levels = levelsOf(column, stop);
        } catch (const std::exception &e) {
            return Base::Error(failedMessage(e));
        }
    }

    profile.m_columns.resize(static_cast<std::size_t>(columnCount));
    std::atomic<qsizetype> next {0};
    std::atomic<qsizetype> done {0};
    std::mutex mutex;
    std::condition_variable wake;
    QString failure;
    int running = 0;

    const auto work = [&] {
        try {
            for (;;) {
                const qsizetype index = next.fetch_add(1);
                if (index >= columnCount || stop.isSet())
                    break;
                profile.m_columns[static_cast<std::size_t>(index)]
                    = profileColumn(dataset, index, options, target, stop);
                done.fetch_add(1);
                wake.notify_one();
            }
        } catch (const Stopped &) {
        } catch (const std::exception &e) {
            const std::lock_guard lock(mutex);
            failure = failedMessage(e);
            stop.set();
        }
        const std::lock_guard lock(mutex);
        --running;
        wake.notify_one();
    };

    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const auto threadCount = static_cast<int>(std::clamp<qsizetype>(
        options.threads > 0 ? options.threads : static_cast<int>(cores), 1, std::max<qsizetype>(columnCount, 1)));
    std::vector<std::thread> workers;
    {
        const std::lock_guard lock(mutex);
        running = threadCount;
    }
    for (int i = 0; i < threadCount; ++i) {
        try {
            workers.emplace_back(work);
        } catch (const std::system_error &) {
            const std::lock_guard lock(mutex);
            running -= threadCount - i; // the threads that did not start
            break;
        }
    }
    if (workers.empty()) {
        {
            const std::lock_guard lock(mutex);
            running = 1;
        }
        work(); // no thread could start: profile here, without progress in between
    }

    const QString stage = QStringLiteral("Profiling columns");
    progress.report(0.0, stage);
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            wake.wait_for(lock, std::chrono::milliseconds(20));
            lock.unlock();
            if (columnCount > 0)
                progress.report(double(done.load()) / double(columnCount), stage);
            if (!stop.isSet() && progress.stopRequested())
                stop.set();
            lock.lock();
        }
    }
    for (std::thread &worker : workers)
        worker.join();

    if (!failure.isEmpty())
        return Base::Error(failure);
    if (stop.isSet() || done.load() < columnCount)
        return Base::Error(cancelledMessage());
    progress.report(1.0, stage);
    return profile;
}

} // namespace Tandem::Data
