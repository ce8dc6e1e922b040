// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Column.h"
#include "core/learn/Estimator.h"
#include "core/learn/preprocess/PipelineSpec.h"

#include <QString>
#include <QStringList>

#include <span>
#include <vector>

class QIODevice;

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Learn {

/// Turns the typed columns of a Dataset into the numeric matrix an Estimator fits
/// on, and its target into a vector (numbers, or class indices 0..K-1).
///
/// fit() learns everything — fill values, scaling parameters, category lists,
/// class labels — from the rows it is given and from no others, so that a
/// pipeline fitted on a training fold leaks nothing of the validation rows.
/// transform() then applies exactly that to any rows of any Dataset whose columns
/// carry the same names and kinds; it is const and may run on several threads.
///
/// Per feature column (see PipelineSpec): numbers are imputed then scaled, as
/// scikit-learn's SimpleImputer then StandardScaler / MinMaxScaler; categories are
/// imputed then one-hot encoded, named "color=red", unknown ones all zeros (or
/// ordinal-encoded, one column of codes named as the column, unknown ones NaN).
/// A column whose fit rows are all missing is left out (as SimpleImputer does),
/// except with a constant fill; notes() lists such decisions for the run's log.
///
/// Rows whose target is missing are an error, as in scikit-learn: the caller
/// chooses them away with rowsWithTarget() and reports how many it dropped.
class Pipeline
{
public:
    Pipeline() = default;

    /// Learns the preprocessing from `rows` of `dataset`. Unknown, duplicated or
    /// text feature columns, a target listed as a feature, rows out of range, a
    /// missing target and a target unfit for the task are errors naming the
    /// column. On error the pipeline is left unfitted.
    Base::Status fit(const Data::Dataset &dataset, std::span<const qint64> rows, const PipelineSpec &spec);

    /// The feature matrix of `rows` (rows.size() × featureCount()). `dataset` may be
    /// another table than the fitted one: columns are found by name; a missing
    /// column or one of another kind is an error naming it. Numeric, integer and
    /// boolean columns count as one kind (a prediction file whose numbers happen to
    /// be whole is fine); datetime and categorical must stay what they were.
    Base::Result<Matrix> transform(const Data::Dataset &dataset, std::span<const qint64> rows) const;

    /// The target of `rows`: values (regression) or class indices (classification,
    /// classes() order). Missing targets and classes not known at fit are errors.
    Base::Result<Vector> encodeTarget(const Data::Dataset &dataset, std::span<const qint64> rows) const;
    /// Class labels of predicted class indices; an index outside 0..K-1 gives "".
    QStringList decodeClasses(const Vector &indices) const;

    bool isFitted() const { return m_fitted; }
    const PipelineSpec &spec() const { return m_spec; }
    Task task() const { return m_spec.task; }
    /// One name per output column: the column name for numbers, "column=category" for one-hot columns.
    QStringList featureNames() const;
    Eigen::Index featureCount() const { return m_outputCount; }
    /// Per output column: 0 for a number or one-hot column, the number of
    /// categories C for an ordinal column (codes 0..C-1): FitContext::categoryCounts.
    std::vector<int> categoryCounts() const;
    /// Per kept input column (features() order): its output columns, e.g. the
    /// one-hot columns of a category, for importance per input column.
    std::vector<std::vector<Eigen::Index>> outputColumns() const;
    /// Classification: the sorted class labels (LabelEncoder order: numbers in
    /// numeric order, text in code point order); empty for regression.
    const QStringList &classes() const { return m_classes; }
    int classCount() const { return int(m_classes.size()); }
    /// What fit() decided beyond the spec, one sentence each ("text column note left out", ...).
    const QStringList &notes() const { return m_notes; }

    /// Writes the fitted pipeline in a versioned binary format (little-endian,
    /// IEEE doubles, as Estimator::save), so that a model bundle can hold it next
    /// to the estimator on the same device; load() restores a pipeline whose
    /// transform() output is bit-identical.
    Base::Status save(QIODevice &device) const;
    static Base::Result<Pipeline> load(QIODevice &device);
    static constexpr quint32 formatVersion = 1;

    /// The rows among `rows` whose `target` cell is present, in order (the caller
    /// reports rows.size() minus its size as dropped). All rows when the target
    /// column is unknown (fit() reports that).
    static std::vector<qint64> rowsWithTarget(
        const Data::Dataset &dataset, std::span<const qint64> rows, const QString &target);
    /// 0, 1, ..., dataset.rowCount() - 1.
    static std::vector<qint64> allRows(const Data::Dataset &dataset);

    /// One input column as fitted (exposed for inspection and tests).
    struct Feature {
        enum class Kind : quint8 { Number, OneHot, Ordinal };
        QString column;
        Data::ColumnType type = Data::ColumnType::Numeric;
        Kind kind = Kind::Number;
        /// Number: the imputed value. Standard and none: x' = (x - center) / scale;
        /// min-max: x' = x * scale + center (MinMaxScaler's own arithmetic).
        double fill = 0.0;
        double center = 0.0;
        double scale = 1.0;
        /// OneHot and Ordinal: the categories in sorted order, the one missing cells
        /// become (-1: none, so all zeros or NaN), and whether the first has no column.
        QStringList categories;
        qint32 fillCategory = -1;
        bool dropFirst = false;

        Eigen::Index outputCount() const;
    };
    const std::vector<Feature> &features() const { return m_features; }

private:
    Base::Status fitTarget(const Data::Dataset &dataset, std::span<const qint64> rows);

    PipelineSpec m_spec;
    std::vector<Feature> m_features;
    Eigen::Index m_outputCount = 0;
    Data::ColumnType m_targetType = Data::ColumnType::Numeric;
    QStringList m_classes;
    /// Numeric, integer and boolean targets: the classes as numbers, in class order.
    std::vector<double> m_classNumbers;
    QStringList m_notes;
    bool m_fitted = false;
};

} // namespace Tandem::Learn
