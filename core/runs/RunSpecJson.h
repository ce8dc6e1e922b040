// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/ParamSpec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

/// Reading the fields of a run spec's JSON so that every error names the field's
/// path ("evaluation.folds must be an integer >= 2, got 1"): a person fixing a spec
/// by hand needs to know which line to look at.
namespace Tandem::Runs::SpecJson {

/// "evaluation.folds" from "evaluation" and "folds"; just "folds" at the top level.
QString path(const QString &parent, const QString &key);
/// "sweep.params.C[2]".
QString path(const QString &parent, qsizetype index);

/// A value as the user wrote it, for "got ..." in messages: 1, -0.5, "l2", true,
/// null, a list, an object.
QString render(const QJsonValue &value);

/// An error for the first key of `json` not in `known`, naming its full path and
/// the keys that are allowed there.
Base::Status checkKeys(const QJsonObject &json, const QString &parent, const QStringList &known);

/// A whole number in [minimum, maximum] (JSON has doubles only: 2.0 counts, 2.5 does not).
Base::Result<qint64> integer(const QJsonValue &value, const QString &path, qint64 minimum, qint64 maximum);
/// A finite number.
Base::Result<double> number(const QJsonValue &value, const QString &path);
Base::Result<bool> boolean(const QJsonValue &value, const QString &path);
/// A string; `nonEmpty` refuses "" (and blanks).
Base::Result<QString> string(const QJsonValue &value, const QString &path, bool nonEmpty);
Base::Result<QJsonObject> object(const QJsonValue &value, const QString &path);
/// A list of distinct non-empty strings.
Base::Result<QStringList> strings(const QJsonValue &value, const QString &path);

/// A value of hyperparameter `spec` (a JSON number, string or bool), typed by
/// ParamSpec::validate, whose message then names the path: "model.params.C must be
/// > 0, got -1".
Base::Result<QVariant> paramValue(const Learn::ParamSpec &spec, const QJsonValue &value, const QString &path);

/// The largest integer a JSON number carries exactly (2^53): seeds beyond it would
/// not survive a round trip through the file.
constexpr qint64 maxExactInteger = qint64(1) << 53;

} // namespace Tandem::Runs::SpecJson
