// SPDX-License-Identifier: GPL-3.0-or-later
// JSON fixtures of tst_bayes and tst_knn (numbers computed with scikit-learn 1.2.1).
#pragma once

#include "core/learn/Estimator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <cstring>

namespace NbKnnFixtures {

using Tandem::Learn::Matrix;
using Tandem::Learn::Vector;

/// tests/fixtures/learn/<name> as a JSON object (empty when missing or broken).
inline QJsonObject load(const QString &name)
{
    QFile file(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline Matrix matrix(const QJsonValue &value)
{
    const QJsonArray rows = value.toArray();
    const qsizetype cols = rows.isEmpty() ? 0 : rows.first().toArray().size();
    Matrix m(rows.size(), cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        for (qsizetype c = 0; c < cols; ++c)
            m(r, c) = row.at(c).toDouble();
    }
    return m;
}

inline Vector vector(const QJsonValue &value)
{
    const QJsonArray values = value.toArray();
    Vector v(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        v[i] = values.at(i).toDouble();
    return v;
}

/// The largest |actual - expected| / max(1, |expected|), or infinity when the shapes differ.
inline double relativeError(const Matrix &actual, const Matrix &expected)
{
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return std::numeric_limits<double>::infinity();
    double worst = 0.0;
    for (Eigen::Index i = 0; i < actual.size(); ++i) {
        const double e = expected.data()[i], a = actual.data()[i];
        const double error = e == a ? 0.0 : std::abs(a - e) / std::max(1.0, std::abs(e));
        worst = std::max(worst, std::isnan(error) ? std::numeric_limits<double>::infinity() : error);
    }
    return worst;
}

/// One fixture file: the training rows (X or X_train), their targets (y or
/// y_train), the rows to predict (X_test, else X), the class count and the fits.
struct Fixture {
    explicit Fixture(const QString &name) : data(load(name))
    {
        const auto either = [this](const char *first, const char *second) {
            const QString key = QString::fromLatin1(first);
            return data.contains(key) ? data.value(key) : data.value(QString::fromLatin1(second));
        };
        X = matrix(either("X_train", "X"));
        y = vector(either("y_train", "y"));
        test = matrix(either("X_test", "X"));
        classes = data.value(QStringLiteral("classes")).toInt();
        fits = data.value(QStringLiteral("fits")).toArray();
    }
    bool ok() const { return X.rows() > 0 && X.rows() == y.size() && !fits.isEmpty(); }

    QJsonObject data;
    Matrix X;
    Vector y;
    Matrix test;
    int classes = 0;
    QJsonArray fits;
};

inline bool sameBits(const Matrix &a, const Matrix &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
        && std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

} // namespace NbKnnFixtures

#include <QBuffer>

namespace NbKnnFixtures {

/// Saves `model` and loads it back (nullptr, with a test failure message, on error).
inline std::unique_ptr<Tandem::Learn::Estimator> roundTrip(const Tandem::Learn::Estimator &model, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    if (const auto saved = model.save(buffer); !saved.ok()) {
        *error = saved.error().message;
        return nullptr;
    }
    buffer.seek(0);
    auto loaded = Tandem::Learn::Estimator::load(buffer);
    if (!loaded.ok()) {
        *error = loaded.error().message;
        return nullptr;
    }
    return std::move(loaded).value();
}

} // namespace NbKnnFixtures
