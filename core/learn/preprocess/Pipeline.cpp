// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/preprocess/Pipeline.h"

#include "core/learn/BinaryFormat.h"

#include "core/data/Dataset.h"

#include <QDataStream>
#include <QHash>
#include <QIODevice>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace Tandem::Learn {
namespace {

using Data::Column;
using Data::ColumnType;
using Feature = Pipeline::Feature;

const BinaryFormat::Magic magic = {'T', 'N', 'D', 'M', 'P', 'I', 'P', 'E'};
constexpr qint64 maxStoredCount = qint64(1) << 31;

/// Columns that hold the same kind of values: numbers, instants, categories, text.
enum class Kind { Number, Instant, Category, Text };

Kind kindOf(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric:
    case ColumnType::Integer:
    case ColumnType::Boolean: return Kind::Number;
    case ColumnType::DateTime: return Kind::Instant;
    case ColumnType::Categorical: return Kind::Category;
    case ColumnType::Text: return Kind::Text;
    }
    return Kind::Text;
}

QString typeName(ColumnType type)
{
    return Data::columnTypeName(type);
}

QString utf8ToString(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

/// Calls f(i, value, missing) for rows[i], as doubles: integers converted,
/// booleans 0/1, datetimes in seconds. NaN counts as missing.
template<typename F> void forEachNumber(const Column &column, std::span<const qint64> rows, F &&f)
{
    const Data::MissingMask &mask = column.missing();
    const bool anyMissing = mask.any();
    const auto run = [&](auto values, auto convert) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const qint64 row = rows[i];
            const double value = convert(values[std::size_t(row)]);
            f(i, value, (anyMissing && mask.isMissing(row)) || std::isnan(value));
        }
    };
    switch (column.type()) {
    case ColumnType::Numeric: run(column.numericValues(), [](double v) { return v; }); break;
    case ColumnType::Integer: run(column.integerValues(), [](qint64 v) { return double(v); }); break;
    case ColumnType::Boolean: run(column.booleanValues(), [](quint8 v) { return v ? 1.0 : 0.0; }); break;
    case ColumnType::DateTime: run(column.dateTimeValues(), [](qint64 v) { return double(v) / 1000.0; }); break;
    case ColumnType::Categorical:
    case ColumnType::Text: break;
    }
}

bool cellMissing(const Column &column, qint64 row)
{
    if (column.isMissing(row))
        return true;
    if (column.type() == ColumnType::Numeric)
        return std::isnan(column.numericValues()[std::size_t(row)]);
    if (column.type() == ColumnType::Categorical) {
        const qint32 code = column.codes()[std::size_t(row)];
        return code < 0 || code >= column.categories().size();
    }
    return false;
}

/// Shortest text that reads back as the same double ("1", "0.1", "1e+300").
QString numberName(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

/// A class label of a number column as its name, and back.
QString className(ColumnType type, double value)
{
    if (type == ColumnType::Boolean)
        return value != 0.0 ? QStringLiteral("true") : QStringLiteral("false");
    if (type == ColumnType::Integer)
        return QString::number(qint64(value));
    return numberName(value);
}

std::optional<double> classNumber(ColumnType type, const QString &name)
{
    if (type == ColumnType::Boolean) {
        if (name == QLatin1String("false"))
            return 0.0;
        if (name == QLatin1String("true"))
            return 1.0;
        return std::nullopt;
    }
    const QByteArray latin = name.toLatin1();
    double value = 0.0;
    const auto result = std::from_chars(latin.constData(), latin.constData() + latin.size(), value);
    if (result.ec != std::errc() || result.ptr != latin.constData() + latin.size() || std::isnan(value))
        return std::nullopt;
    if (type == ColumnType::Integer && value != std::floor(value))
        return std::nullopt;
    return value;
}

/// Sorts labels in code point order (UTF-8 byte order), as Python sorts str.
void sortByCodePoint(QStringList &labels)
{
    std::vector<std::pair<std::string, QString>> keyed;
    keyed.reserve(std::size_t(labels.size()));
    for (const QString &label : labels)
        keyed.emplace_back(label.toUtf8().toStdString(), label);
    std::sort(keyed.begin(), keyed.end());
    keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
    labels.clear();
    for (auto &[key, label] : keyed)
        labels << std::move(label);
}

Base::Status checkRows(const Data::Dataset &dataset, std::span<const qint64> rows)
{
    for (const qint64 row : rows) {
        if (row < 0 || row >= dataset.rowCount())
            return Base::Error(
                QStringLiteral("row index %1 is out of range (the data has %2 rows)").arg(row).arg(dataset.rowCount()));
    }
    return {};
}

/// The column the fitted `feature` reads in `dataset`, or an error naming it.
Base::Result<const Column *> findColumn(const Data::Dataset &dataset, const QString &name, ColumnType fittedType)
{
    const qsizetype index = dataset.indexOf(name);
    if (index < 0)
        return Base::Error(QStringLiteral("column %1 is missing from the data").arg(name));
    const Column &column = dataset.column(index);
    if (kindOf(column.type()) != kindOf(fittedType))
        return Base::Error(QStringLiteral("column %1 is %2 here but was %3 when the pipeline was fitted")
                               .arg(name, typeName(column.type()), typeName(fittedType)));
    return &column;
}

/// Learns imputation and scaling of a number column; false when every fit row is
/// missing and the strategy needs a value.
bool fitNumber(const Column &column, std::span<const qint64> rows, const PipelineSpec &spec, Feature &feature)
{
    std::vector<double> imputed(rows.size());
    std::vector<double> present;
    present.reserve(rows.size());
    std::vector<std::size_t> missing;
    forEachNumber(column, rows, [&](std::size_t i, double value, bool isMissing) {
        imputed[i] = value;
        if (isMissing)
            missing.push_back(i);
        else
            present.push_back(value);
    });
    if (present.empty() && spec.numericImputation != NumericImputation::Constant)
        return false;
    const bool keepMissing = spec.numericImputation == NumericImputation::None;
    switch (spec.numericImputation) {
    case NumericImputation::Mean: {
        double sum = 0.0;
        for (const double v : present)
            sum += v;
        feature.fill = sum / double(present.size());
        break;
    }
    case NumericImputation::Median: {
        const std::size_t half = present.size() / 2;
        std::nth_element(present.begin(), present.begin() + std::ptrdiff_t(half), present.end());
        const double upper = present[half];
        if (present.size() % 2 == 1) {
            feature.fill = upper;
        } else {
            const double lower = *std::max_element(present.begin(), present.begin() + std::ptrdiff_t(half));
            feature.fill = (lower + upper) / 2.0;
        }
        break;
    }
    case NumericImputation::MostFrequent: {
        std::sort(present.begin(), present.end());
        std::size_t best = 0, bestCount = 0;
        for (std::size_t i = 0; i < present.size();) {
            std::size_t j = i;
            while (j < present.size() && present[j] == present[i])
                ++j;
            if (j - i > bestCount) {
                best = i;
                bestCount = j - i;
            }
            i = j;
        }
        feature.fill = present[best];
        break;
    }
    case NumericImputation::Constant: feature.fill = spec.numericFill; break;
    case NumericImputation::None: feature.fill = std::numeric_limits<double>::quiet_NaN(); break;
    }
    if (keepMissing)
        imputed = std::move(present); // scaling learns from the values present only
    else
        for (const std::size_t i : missing)
            imputed[i] = feature.fill;

    const double n = double(imputed.size());
    if (spec.scaling == Scaling::Standard) {
        double sum = 0.0;
        for (const double v : imputed)
            sum += v;
        const double mean = sum / n;
        // The corrected two-pass variance, as scikit-learn's _incremental_mean_and_var.
        double correction = 0.0, squares = 0.0;
        for (const double v : imputed) {
            correction += v - mean;
            squares += (v - mean) * (v - mean);
        }
        const double variance = (squares - correction * correction / n) / n;
        // _is_constant_feature: a variance within rounding of zero counts as zero.
        constexpr double eps = std::numeric_limits<double>::epsilon();
        const double bound = n * eps * variance + (n * mean * eps) * (n * mean * eps);
        feature.center = spec.withMean ? mean : 0.0;
        feature.scale = spec.withStd && variance > bound ? std::sqrt(variance) : 1.0;
    } else if (spec.scaling == Scaling::MinMax) {
        const auto [low, high] = std::minmax_element(imputed.begin(), imputed.end());
        const double range = *high - *low;
        feature.scale = 1.0 / (range < 10 * std::numeric_limits<double>::epsilon() ? 1.0 : range);
        feature.center = 0.0 - *low * feature.scale;
    }
    return true;
}

/// Learns the categories of a categorical column; false when every fit row is
/// missing and the strategy needs a value.
bool fitCategory(const Column &column, std::span<const qint64> rows, const PipelineSpec &spec, Feature &feature)
{
    const std::span<const qint32> codes = column.codes();
    const qsizetype dictionarySize = column.categories().size();
    std::vector<qint64> counts(std::size_t(dictionarySize), 0);
    qint64 missingCount = 0;
    for (const qint64 row : rows) {
        if (cellMissing(column, row))
            ++missingCount;
        else
            ++counts[std::size_t(codes[std::size_t(row)])];
    }
    std::map<std::string, qint64> byLabel; // code point order; merges repeated dictionary entries
    for (qsizetype code = 0; code < dictionarySize; ++code) {
        if (counts[std::size_t(code)] > 0)
            byLabel[column.categories().at(code).toUtf8().toStdString()] += counts[std::size_t(code)];
    }
    std::string fill;
    if (spec.categoricalImputation == CategoricalImputation::Constant) {
        fill = spec.categoricalFill.toUtf8().toStdString();
        if (missingCount > 0)
            byLabel[fill] += missingCount;
    } else {
        if (byLabel.empty())
            return false;
        qint64 best = 0;
        for (const auto &[label, count] : byLabel) {
            if (count > best) {
                best = count;
                fill = label;
            }
        }
    }
    feature.categories.clear();
    for (const auto &[label, count] : byLabel) {
        if (label == fill)
            feature.fillCategory = qint32(feature.categories.size());
        feature.categories << utf8ToString(label);
    }
    feature.dropFirst = spec.drop == OneHotDrop::First;
    return true;
}

} // namespace

Eigen::Index Pipeline::Feature::outputCount() const
{
    if (kind == Kind::Number || kind == Kind::Ordinal)
        return 1;
    return std::max<Eigen::Index>(0, categories.size() - (dropFirst ? 1 : 0));
}

Base::Status Pipeline::fit(const Data::Dataset &dataset, std::span<const qint64> rows, const PipelineSpec &spec)
{
    m_fitted = false;
    if (rows.empty())
        return Base::Error(QStringLiteral("cannot fit a pipeline on no rows"));
    if (const Base::Status status = checkRows(dataset, rows); !status.ok())
        return status;
    if (!spec.target.isEmpty() && dataset.indexOf(spec.target) < 0)
        return Base::Error(QStringLiteral("target column %1 not found").arg(spec.target));

    Pipeline fitted;
    fitted.m_spec = spec;
    QStringList names = spec.features;
    if (names.isEmpty()) {
        for (const Column &column : dataset.columns()) {
            if (column.name() == spec.target)
                continue;
            if (column.type() == ColumnType::Text)
                fitted.m_notes
                    << QStringLiteral("text column %1 left out: free text is not a feature").arg(column.name());
            else
                names << column.name();
        }
    } else {
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString &name = names.at(i);
            const qsizetype index = dataset.indexOf(name);
            if (index < 0)
                return Base::Error(QStringLiteral("feature column %1 not found").arg(name));
            if (name == spec.target)
                return Base::Error(QStringLiteral("the target %1 is also listed as a feature").arg(name));
            if (names.indexOf(name) != i)
                return Base::Error(QStringLiteral("feature column %1 is listed twice").arg(name));
            if (dataset.column(index).type() == ColumnType::Text)
                return Base::Error(
                    QStringLiteral("column %1 is text: free text cannot be a feature; leave it out or read it as "
                                   "categorical")
                        .arg(name));
        }
    }

    for (const QString &name : std::as_const(names)) {
        const Column &column = dataset.column(dataset.indexOf(name));
        Feature feature;
        feature.column = name;
        feature.type = column.type();
        bool kept = false;
        if (column.type() == ColumnType::Categorical) {
            feature.kind = spec.categoricalEncoding == CategoricalEncoding::Ordinal ? Feature::Kind::Ordinal
                                                                                    : Feature::Kind::OneHot;
            kept = fitCategory(column, rows, spec, feature);
            if (feature.kind == Feature::Kind::Ordinal)
                feature.dropFirst = false; // one column of codes: nothing to drop
        } else {
            kept = fitNumber(column, rows, spec, feature);
            if (kept && column.type() == ColumnType::DateTime)
                fitted.m_notes << QStringLiteral("datetime column %1 enters as seconds since 1970-01-01 UTC").arg(name);
        }
        if (!kept) {
            fitted.m_notes << QStringLiteral("column %1 left out: it has no values in the fit rows").arg(name);
            continue;
        }
        fitted.m_outputCount += feature.outputCount();
        fitted.m_features.push_back(std::move(feature));
    }
    if (const Base::Status status = fitted.fitTarget(dataset, rows); !status.ok())
        return status;
    fitted.m_fitted = true;
    *this = std::move(fitted);
    return {};
}

Base::Status Pipeline::fitTarget(const Data::Dataset &dataset, std::span<const qint64> rows)
{
    if (m_spec.target.isEmpty())
        return {};
    const Column &column = dataset.column(dataset.indexOf(m_spec.target));
    m_targetType = column.type();
    const Kind kind = kindOf(column.type());
    if (m_spec.task == Task::Regression) {
        if (kind != Kind::Number)
            return Base::Error(QStringLiteral("target %1 is %2; regression needs a numeric target")
                                   .arg(m_spec.target, typeName(column.type())));
    } else if (kind == Kind::Instant) {
        return Base::Error(
            QStringLiteral("target %1 is datetime; classification needs labels (categorical, text, integer or boolean)")
                .arg(m_spec.target));
    }

    const bool classify = m_spec.task == Task::Classification;
    qint64 missing = 0, firstMissing = -1;
    QStringList labels;
    if (kind == Kind::Number) {
        std::vector<double> values;
        values.reserve(classify ? rows.size() : 0);
        forEachNumber(column, rows, [&](std::size_t i, double value, bool isMissing) {
            if (!isMissing) {
                if (classify)
                    values.push_back(value);
            } else if (missing++ == 0)
                firstMissing = rows[i];
        });
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (const double value : values)
            labels << className(column.type(), value);
    } else {
        std::vector<std::string_view> values;
        for (const qint64 row : rows) {
            if (cellMissing(column, row)) {
                if (missing++ == 0)
                    firstMissing = row;
            } else {
                values.push_back(column.utf8(row));
            }
        }
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (const std::string_view value : values)
            labels << utf8ToString(value);
    }
    if (missing > 0)
        return Base::Error(QStringLiteral("target %1 is missing in %2 of the %3 rows (first at row index %4); leave "
                                          "those rows out")
                               .arg(m_spec.target)
                               .arg(missing)
                               .arg(rows.size())
                               .arg(firstMissing));
    if (!classify)
        return {};

    QStringList classes = m_spec.classes.isEmpty() ? labels : m_spec.classes;
    std::vector<std::pair<double, QString>> numbered;
    if (kind == Kind::Number) {
        for (const QString &name : std::as_const(classes)) {
            const std::optional<double> value = classNumber(column.type(), name);
            if (!value)
                return Base::Error(QStringLiteral("class %1 is not a value of the %2 target %3")
                                       .arg(name, typeName(column.type()), m_spec.target));
            numbered.emplace_back(*value, className(column.type(), *value));
        }
        std::sort(numbered.begin(), numbered.end());
        numbered.erase(std::unique(numbered.begin(), numbered.end()), numbered.end());
        classes.clear();
        for (const auto &[value, name] : numbered) {
            m_classNumbers.push_back(value);
            classes << name;
        }
    } else {
        sortByCodePoint(classes);
    }
    for (const QString &label : std::as_const(labels)) {
        if (!classes.contains(label))
            return Base::Error(QStringLiteral("target %1 has the class %2, which is not among the given classes (%3)")
                                   .arg(m_spec.target, label, classes.join(QStringLiteral(", "))));
    }
    if (classes.size() < 1)
        return Base::Error(QStringLiteral("target %1 has no classes").arg(m_spec.target));
    m_classes = std::move(classes);
    return {};
}

Base::Result<Matrix> Pipeline::transform(const Data::Dataset &dataset, std::span<const qint64> rows) const
{
    if (!m_fitted)
        return Base::Error(QStringLiteral("the pipeline is not fitted yet"));
    if (const Base::Status status = checkRows(dataset, rows); !status.ok())
        return status.error();
    std::vector<const Column *> columns;
    columns.reserve(m_features.size());
    for (const Feature &feature : m_features) {
        auto found = findColumn(dataset, feature.column, feature.type);
        if (!found.ok())
            return found.error();
        columns.push_back(found.value());
    }

    Matrix X(Eigen::Index(rows.size()), m_outputCount);
    Eigen::Index offset = 0;
    const bool minMax = m_spec.scaling == Scaling::MinMax;
    for (std::size_t f = 0; f < m_features.size(); ++f) {
        const Feature &feature = m_features[f];
        const Column &column = *columns[f];
        if (feature.kind == Feature::Kind::Number) {
            double *out = X.col(offset).data();
            const double fill = feature.fill, center = feature.center, scale = feature.scale;
            if (minMax) {
                forEachNumber(column, rows, [&](std::size_t i, double value, bool missing) {
                    out[i] = (missing ? fill : value) * scale + center;
                });
            } else {
                forEachNumber(column, rows, [&](std::size_t i, double value, bool missing) {
                    out[i] = ((missing ? fill : value) - center) / scale;
                });
            }
            ++offset;
            continue;
        }
        // Map this table's dictionary onto the fitted categories once.
        const bool ordinal = feature.kind == Feature::Kind::Ordinal;
        const Eigen::Index width = feature.outputCount();
        const qint32 shift = feature.dropFirst ? 1 : 0;
        QHash<QString, qint32> fitted;
        for (qsizetype i = 0; i < feature.categories.size(); ++i)
            fitted.insert(feature.categories.at(i), qint32(i) - shift);
        std::vector<qint32> outputOf(std::size_t(column.categories().size()), -1);
        for (qsizetype code = 0; code < column.categories().size(); ++code)
            outputOf[std::size_t(code)] = fitted.value(column.categories().at(code), -1);
        const qint32 missingOutput = feature.fillCategory < 0 ? -1 : feature.fillCategory - shift;
        const std::span<const qint32> codes = column.codes();
        const Data::MissingMask &mask = column.missing();
        if (!ordinal)
            X.middleCols(offset, width).setZero();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const qint64 row = rows[i];
            const qint32 code = codes[std::size_t(row)];
            const bool missing = mask.isMissing(row) || code < 0 || std::size_t(code) >= outputOf.size();
            const qint32 output = missing ? missingOutput : outputOf[std::size_t(code)];
            if (ordinal)
                X(Eigen::Index(i), offset) = output >= 0 ? double(output) : std::numeric_limits<double>::quiet_NaN();
            else if (output >= 0)
                X(Eigen::Index(i), offset + output) = 1.0;
        }
        offset += width;
    }
    return X;
}

Base::Result<Vector> Pipeline::encodeTarget(const Data::Dataset &dataset, std::span<const qint64> rows) const
{
    if (!m_fitted)
        return Base::Error(QStringLiteral("the pipeline is not fitted yet"));
    if (m_spec.target.isEmpty())
        return Base::Error(QStringLiteral("the pipeline has no target column"));
    if (const Base::Status status = checkRows(dataset, rows); !status.ok())
        return status.error();
    auto found = findColumn(dataset, m_spec.target, m_targetType);
    if (!found.ok())
        return found.error();
    const Column &column = *found.value();
    Vector y(Eigen::Index(rows.size()));
    const auto missingError = [&](qint64 row) {
        return Base::Error(QStringLiteral("target %1 is missing at row index %2").arg(m_spec.target).arg(row));
    };
    const auto unknownError = [&](qint64 row) {
        return Base::Error(QStringLiteral("target %1 has the class %2 at row index %3, unknown when the pipeline was "
                                          "fitted (classes: %4)")
                               .arg(m_spec.target, column.toString(row))
                               .arg(row)
                               .arg(m_classes.join(QStringLiteral(", "))));
    };

    if (kindOf(column.type()) == Kind::Number) {
        qint64 missingRow = -1, unknownRow = -1;
        const bool classify = m_spec.task == Task::Classification;
        forEachNumber(column, rows, [&](std::size_t i, double value, bool missing) {
            if (missing) {
                if (missingRow < 0)
                    missingRow = rows[i];
                return;
            }
            if (!classify) {
                y[Eigen::Index(i)] = value;
                return;
            }
            const auto it = std::lower_bound(m_classNumbers.begin(), m_classNumbers.end(), value);
            if (it == m_classNumbers.end() || *it != value) {
                if (unknownRow < 0)
                    unknownRow = rows[i];
                return;
            }
            y[Eigen::Index(i)] = double(it - m_classNumbers.begin());
        });
        if (missingRow >= 0)
            return missingError(missingRow);
        if (unknownRow >= 0)
            return unknownError(unknownRow);
        return y;
    }

    std::vector<std::string> classUtf8;
    for (const QString &label : m_classes)
        classUtf8.push_back(label.toUtf8().toStdString());
    std::unordered_map<std::string_view, qint32> classOf;
    for (std::size_t i = 0; i < classUtf8.size(); ++i)
        classOf.emplace(classUtf8[i], qint32(i));
    std::vector<qint32> classOfCode; // categorical: per dictionary code
    if (column.type() == ColumnType::Categorical) {
        for (qsizetype code = 0; code < column.categories().size(); ++code) {
            const std::string label = column.categories().at(code).toUtf8().toStdString();
            const auto it = classOf.find(label);
            classOfCode.push_back(it == classOf.end() ? -1 : it->second);
        }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const qint64 row = rows[i];
        if (cellMissing(column, row))
            return missingError(row);
        qint32 index = -1;
        if (column.type() == ColumnType::Categorical) {
            index = classOfCode[std::size_t(column.codes()[std::size_t(row)])];
        } else {
            const auto it = classOf.find(column.utf8(row));
            index = it == classOf.end() ? -1 : it->second;
        }
        if (index < 0)
            return unknownError(row);
        y[Eigen::Index(i)] = index;
    }
    return y;
}

QStringList Pipeline::decodeClasses(const Vector &indices) const
{
    QStringList labels;
    labels.reserve(indices.size());
    for (Eigen::Index i = 0; i < indices.size(); ++i) {
        const double index = indices[i];
        const bool valid = index >= 0 && index < double(m_classes.size()) && index == std::floor(index);
        labels << (valid ? m_classes.at(qsizetype(index)) : QString());
    }
    return labels;
}

QStringList Pipeline::featureNames() const
{
    QStringList names;
    names.reserve(m_outputCount);
    for (const Feature &feature : m_features) {
        if (feature.kind != Feature::Kind::OneHot) {
            names << feature.column;
            continue;
        }
        for (qsizetype i = feature.dropFirst ? 1 : 0; i < feature.categories.size(); ++i)
            names << feature.column + QLatin1Char('=') + feature.categories.at(i);
    }
    return names;
}

std::vector<int> Pipeline::categoryCounts() const
{
    std::vector<int> counts;
    counts.reserve(std::size_t(m_outputCount));
    for (const Feature &feature : m_features) {
        if (feature.kind == Feature::Kind::Ordinal)
            counts.push_back(int(feature.categories.size()));
        else
            counts.insert(counts.end(), std::size_t(feature.outputCount()), 0);
    }
    return counts;
}

std::vector<std::vector<Eigen::Index>> Pipeline::outputColumns() const
{
    std::vector<std::vector<Eigen::Index>> columns;
    Eigen::Index offset = 0;
    for (const Feature &feature : m_features) {
        std::vector<Eigen::Index> outputs(std::size_t(feature.outputCount()));
        std::iota(outputs.begin(), outputs.end(), offset);
        offset += feature.outputCount();
        columns.push_back(std::move(outputs));
    }
    return columns;
}

std::vector<qint64> Pipeline::rowsWithTarget(
    const Data::Dataset &dataset, std::span<const qint64> rows, const QString &target)
{
    const qsizetype index = dataset.indexOf(target);
    if (index < 0)
        return {rows.begin(), rows.end()};
    const Column &column = dataset.column(index);
    std::vector<qint64> kept;
    kept.reserve(rows.size());
    for (const qint64 row : rows) {
        if (row >= 0 && row < dataset.rowCount() && !cellMissing(column, row))
            kept.push_back(row);
    }
    return kept;
}

std::vector<qint64> Pipeline::allRows(const Data::Dataset &dataset)
{
    std::vector<qint64> rows(std::size_t(dataset.rowCount()));
    std::iota(rows.begin(), rows.end(), qint64(0));
    return rows;
}

Base::Status Pipeline::save(QIODevice &device) const
{
    if (!m_fitted)
        return Base::Error(QStringLiteral("the pipeline is not fitted yet: nothing to save"));
    QDataStream out(&device);
    BinaryFormat::prepare(out);
    BinaryFormat::writeHeader(out, magic, formatVersion);
    out << QJsonDocument(m_spec.toJson()).toJson(QJsonDocument::Compact) << quint8(m_targetType) << m_classes << m_notes
        << qint64(m_features.size());
    for (const Feature &feature : m_features) {
        out << feature.column << quint8(feature.type) << quint8(feature.kind) << feature.fill << feature.center
            << feature.scale << feature.categories << feature.fillCategory << feature.dropFirst;
    }
    if (out.status() != QDataStream::Ok)
        return Base::Error(QStringLiteral("cannot write the pipeline: %1").arg(device.errorString()));
    return {};
}

Base::Result<Pipeline> Pipeline::load(QIODevice &device)
{
    QDataStream in(&device);
    BinaryFormat::prepare(in);
    const auto damaged = [](const char *what) {
        return Base::Error(QStringLiteral("the pipeline is truncated or damaged (%1)").arg(QLatin1String(what)));
    };
    if (const Base::Status header = BinaryFormat::readHeader(in, magic, formatVersion, QStringLiteral("pipeline"));
        !header.ok())
        return header.error();
    QByteArray specJson;
    quint8 targetType = 0;
    qint64 featureCount = 0;
    Pipeline pipeline;
    in >> specJson >> targetType;
    if (!BinaryFormat::readStringList(in, pipeline.m_classes).ok()
        || !BinaryFormat::readStringList(in, pipeline.m_notes).ok())
        return damaged("header");
    in >> featureCount;
    // Each feature takes at least its name's length, two bytes, three doubles, a count, an int and a bool.
    if (in.status() != QDataStream::Ok || targetType > quint8(ColumnType::DateTime) || featureCount < 0
        || featureCount > maxStoredCount || !BinaryFormat::holds(in, featureCount, 4 + 2 + 24 + 4 + 4 + 1))
        return damaged("header");
    const QJsonDocument document = QJsonDocument::fromJson(specJson);
    auto spec = PipelineSpec::fromJson(document.object());
    if (!document.isObject() || !spec.ok())
        return damaged("specification");
    pipeline.m_spec = std::move(spec).value();
    pipeline.m_targetType = ColumnType(targetType);
    for (qint64 f = 0; f < featureCount; ++f) {
        Feature feature;
        quint8 type = 0, kind = 0;
        in >> feature.column >> type >> kind >> feature.fill >> feature.center >> feature.scale;
        const bool categoriesRead = BinaryFormat::readStringList(in, feature.categories).ok();
        in >> feature.fillCategory >> feature.dropFirst;
        if (!categoriesRead || in.status() != QDataStream::Ok || type > quint8(ColumnType::DateTime)
            || kind > quint8(Feature::Kind::Ordinal) || feature.fillCategory < -1
            || feature.fillCategory >= feature.categories.size())
            return damaged("feature");
        feature.type = ColumnType(type);
        feature.kind = Feature::Kind(kind);
        // transform() reads a category column's codes for one-hot and ordinal
        // features and numbers for the others: the kind must fit the type.
        const bool categorical = feature.type == ColumnType::Categorical;
        if (categorical == (feature.kind == Feature::Kind::Number) || feature.type == ColumnType::Text)
            return damaged("feature kind");
        pipeline.m_outputCount += feature.outputCount();
        pipeline.m_features.push_back(std::move(feature));
    }
    if (pipeline.m_spec.task == Task::Classification && kindOf(pipeline.m_targetType) == Kind::Number) {
        for (const QString &name : std::as_const(pipeline.m_classes)) {
            const std::optional<double> value = classNumber(pipeline.m_targetType, name);
            if (!value)
                return damaged("classes");
            pipeline.m_classNumbers.push_back(*value);
        }
    }
    pipeline.m_fitted = true;
    return pipeline;
}

} // namespace Tandem::Learn
