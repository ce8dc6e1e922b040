// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Task.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Tandem::Learn {

/// How missing numbers are filled (scikit-learn's SimpleImputer strategies).
enum class NumericImputation : quint8 {
    Mean, ///< mean of the fit rows' values
    Median, ///< median (the mean of the two middle values for an even count)
    MostFrequent, ///< the most frequent value, the smallest one on ties
    Constant, ///< PipelineSpec::numericFill
    None, ///< left missing (NaN), for models that route missing values themselves (gbdt)
};

/// How missing categories are filled before one-hot encoding.
enum class CategoricalImputation : quint8 {
    Constant, ///< a category of their own, PipelineSpec::categoricalFill ("missing")
    MostFrequent, ///< the most frequent category, the first in sorted order on ties
};

/// How categorical features become numbers.
enum class CategoricalEncoding : quint8 {
    OneHot, ///< one 0/1 column per category (linear, distance and neural models)
    /// One column of category codes 0..C-1 in sorted order (as OrdinalEncoder), with
    /// Pipeline::categoryCounts() telling the model which columns they are: trees
    /// split on category sets without one-hot blow-up. Categories unknown at fit,
    /// and missing cells without a fill category, become NaN (missing).
    Ordinal,
};

/// How numeric features are scaled after imputation (one-hot columns never are).
enum class Scaling : quint8 {
    None,
    Standard, ///< z-score with the population std, as StandardScaler; constant columns are only centred
    MinMax, ///< onto [0, 1] over the fit rows, as MinMaxScaler; constant columns become 0
};

/// Which one-hot column of each categorical feature is left out.
enum class OneHotDrop : quint8 {
    None,
    First, ///< the first category in sorted order (for models without regularisation)
};

/// What a Pipeline does, as a plain value: RunSpecs hold it as JSON (toJson/fromJson).
///
/// Column types decide the treatment: numeric, integer, boolean (0/1) and datetime
/// (seconds since 1970-01-01 UTC) columns are numbers — imputed, then scaled;
/// categorical columns are imputed and one-hot encoded, unknown categories at
/// transform time giving all zeros (OneHotEncoder(handle_unknown="ignore")), or
/// ordinal-encoded (CategoricalEncoding::Ordinal).
/// Text columns cannot be features: listing one is an error; when `features` is
/// empty (all columns) they are left out and Pipeline::notes() says so.
struct PipelineSpec {
    /// Feature columns in output order; empty means every column but the target.
    QStringList features;
    /// The target column; empty for a pipeline that only transforms features.
    QString target;
    /// Classification label-encodes the target; regression needs a number.
    Task task = Task::Regression;
    NumericImputation numericImputation = NumericImputation::Mean;
    /// The fill value of NumericImputation::Constant (scikit-learn's default, 0).
    double numericFill = 0.0;
    CategoricalImputation categoricalImputation = CategoricalImputation::Constant;
    /// The category missing cells become with CategoricalImputation::Constant.
    QString categoricalFill = QStringLiteral("missing");
    CategoricalEncoding categoricalEncoding = CategoricalEncoding::OneHot;
    /// Default none: the run decides (distance and penalised models want scaling).
    Scaling scaling = Scaling::None;
    /// Scaling::Standard: subtract the mean / divide by the std (as StandardScaler's with_mean/with_std).
    bool withMean = true;
    bool withStd = true;
    OneHotDrop drop = OneHotDrop::None;
    /// Classification: every class label, when known beyond the fit rows (from the
    /// whole dataset, so that a fold missing a class still counts it). Sorted on
    /// fit like the learned ones. Empty: the labels found in the fit rows.
    QStringList classes;

    /// JSON with snake_case keys ("features", "target", "task", "numeric_imputation",
    /// "numeric_fill", "categorical_imputation", "categorical_fill", "scaling",
    /// "with_mean", "with_std", "drop", "classes", "categorical_encoding") and string
    /// values as in scikit-learn ("mean", "most_frequent", "standard", "minmax",
    /// "first", "onehot", "ordinal", "none" ...).
    QJsonObject toJson() const;
    /// Keys left out take their defaults; unknown keys and values are errors that
    /// name the key and the allowed values.
    static Base::Result<PipelineSpec> fromJson(const QJsonObject &json);

    friend bool operator==(const PipelineSpec &, const PipelineSpec &) = default;
};

} // namespace Tandem::Learn
