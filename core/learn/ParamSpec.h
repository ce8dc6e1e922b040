// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <functional>
#include <limits>

namespace Tandem::Learn {

/// Hyperparameter values by name ("C" -> 1.0, "penalty" -> "l2", ...).
using ParamValues = QVariantMap;

/// The schema of one hyperparameter: what the UI builds its form from, what sweeps
/// sample, and what validation checks. Names follow scikit-learn's where an
/// equivalent exists (C, alpha, l1_ratio, n_neighbors, max_iter, ...).
struct ParamSpec {
    /// Text: a value with a grammar of its own ("sqrt" or 0.5 for max_features,
    /// "256,128" for hidden_layer_sizes), checked by textCheck.
    enum class Type : quint8 { Int, Float, Choice, Bool, Text };

    QString name;
    Type type = Type::Float;
    QVariant defaultValue;
    /// Valid range for Int and Float; infinite bounds mean "unbounded".
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    bool minimumInclusive = true;
    bool maximumInclusive = true;
    /// Sweeps sample this parameter on a log scale (C, alpha, learning rates).
    bool logScale = false;
    /// The allowed values of a Choice parameter.
    QStringList choices;
    /// One line for tooltips and `tandem-cli help`.
    QString help;
    /// Text: returns an error message for an invalid value, or an empty string.
    std::function<QString(const QString &)> textCheck;
    /// Text: the grammar in a few words, for help output ("sqrt|log2|all|fraction|count").
    QString textSyntax;

    static ParamSpec integer(QString name, qint64 defaultValue, double minimum, double maximum, QString help);
    static ParamSpec real(QString name, double defaultValue, double minimum, double maximum, QString help,
        bool minimumInclusive = true, bool logScale = false);
    static ParamSpec choice(QString name, QString defaultValue, QStringList choices, QString help);
    static ParamSpec boolean(QString name, bool defaultValue, QString help);
    static ParamSpec text(QString name, QString defaultValue, QString syntax,
        std::function<QString(const QString &)> check, QString help);

    /// The value converted to this parameter's type, or an error that names the
    /// parameter and the range: "C must be > 0, got -1".
    Base::Result<QVariant> validate(const QVariant &value) const;
    /// Parses text as the CLI and sweep files give it ("0.5", "true", "l1").
    Base::Result<QVariant> parse(const QString &text) const;
    /// "float, > 0, default 1, log scale" — for help output.
    QString describe() const;
};

/// The defaults of every spec.
ParamValues defaultValues(const QList<ParamSpec> &specs);
/// Checks `values` against `specs`: unknown names and invalid values are errors;
/// missing names take their defaults. Returns the complete, typed values.
Base::Result<ParamValues> validateValues(const QList<ParamSpec> &specs, const ParamValues &values);

} // namespace Tandem::Learn
