// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by tst_linear and tst_logistic: the datasets of tests/fixtures/learn and
// the scikit-learn reference solutions in tests/fixtures/learn/linear/references.json.
#pragma once

#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/learn/Estimator.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

namespace LinearFixtures {

using Tandem::Learn::Matrix;
using Tandem::Learn::Vector;

struct Xy {
    Matrix X;
    Vector y;
};

/// A fixture CSV (numeric features, the target last) as X and y.
inline Xy loadCsv(const QString &relativePath)
{
    auto loaded = Tandem::Data::CsvReader::read(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/") + relativePath);
    if (!loaded.ok())
        return {};
    const Tandem::Data::Dataset &ds = *loaded.value().dataset;
    Xy data {Matrix(ds.rowCount(), ds.columnCount() - 1), Vector(ds.rowCount())};
    for (qint64 r = 0; r < ds.rowCount(); ++r) {
        for (qsizetype c = 0; c + 1 < ds.columnCount(); ++c)
            data.X(r, c) = ds.column(c).toDouble(r);
        data.y[r] = ds.column(ds.columnCount() - 1).toDouble(r);
    }
    return data;
}

/// The datasets named in references.json. The standardised ones were scaled by
/// scikit-learn's StandardScaler before export; "breast_cancer_imbalanced" keeps
/// the first 40 malignant (class 0) rows and every benign row, in file order.
inline Xy dataset(const QString &name)
{
    if (name == QLatin1String("diabetes"))
        return loadCsv(QStringLiteral("diabetes.csv"));
    if (name != QLatin1String("breast_cancer_imbalanced"))
        return loadCsv(QStringLiteral("linear/%1_std.csv").arg(name));
    const Xy all = loadCsv(QStringLiteral("linear/breast_cancer_std.csv"));
    std::vector<Eigen::Index> rows;
    int malignant = 0;
    for (Eigen::Index i = 0; i < all.y.size(); ++i) {
        if (all.y[i] == 1.0 || malignant++ < 40)
            rows.push_back(i);
    }
    Xy subset {Matrix(Eigen::Index(rows.size()), all.X.cols()), Vector(Eigen::Index(rows.size()))};
    for (std::size_t k = 0; k < rows.size(); ++k) {
        subset.X.row(Eigen::Index(k)) = all.X.row(rows[k]);
        subset.y[Eigen::Index(k)] = all.y[rows[k]];
    }
    return subset;
}

/// One scikit-learn 1.2.1 solution: coef_ (one row per coefficient vector) and intercept_.
struct Reference {
    QString name, model, dataset;
    QVariantMap params;
    Matrix coefficients; ///< p × m, as Tandem stores them (scikit-learn's coef_ transposed)
    Vector intercepts;
};

inline QList<Reference> references(const QString &model)
{
    QFile file(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/linear/references.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Reference> found;
    const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
    for (const QJsonValue &value : cases) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("model")).toString() != model)
            continue;
        Reference reference {object.value(QStringLiteral("name")).toString(), model,
            object.value(QStringLiteral("dataset")).toString(),
            object.value(QStringLiteral("params")).toObject().toVariantMap(), {}, {}};
        const QJsonArray coef = object.value(QStringLiteral("coef")).toArray();
        const QJsonArray intercept = object.value(QStringLiteral("intercept")).toArray();
        reference.coefficients.resize(coef.first().toArray().size(), coef.size());
        for (qsizetype k = 0; k < coef.size(); ++k) {
            const QJsonArray row = coef[k].toArray();
            for (qsizetype j = 0; j < row.size(); ++j)
                reference.coefficients(j, k) = row[j].toDouble();
        }
        reference.intercepts.resize(intercept.size());
        for (qsizetype k = 0; k < intercept.size(); ++k)
            reference.intercepts[k] = intercept[k].toDouble();
        found << reference;
    }
    return found;
}

/// The largest |actual - expected| / |expected| over the entries; entries whose
/// expected value is below 1e-6 of the largest (the zeros of L1 fits) are
/// measured against that floor instead.
inline double maxRelativeError(const Matrix &actual, const Matrix &expected)
{
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return std::numeric_limits<double>::infinity();
    const double floor = std::max(1e-6 * expected.cwiseAbs().maxCoeff(), std::numeric_limits<double>::min());
    return ((actual - expected).cwiseAbs().array() / expected.cwiseAbs().array().max(floor)).maxCoeff();
}

/// The estimator saved to memory and loaded back (the load's error otherwise).
inline Tandem::Base::Result<std::unique_ptr<Tandem::Learn::Estimator>> roundTrip(
    const Tandem::Learn::Estimator &estimator)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    if (const Tandem::Base::Status saved = estimator.save(buffer); !saved.ok())
        return saved.error();
    buffer.seek(0);
    return Tandem::Learn::Estimator::load(buffer);
}

/// True when both hold the same doubles, bit for bit.
inline bool sameBits(const Matrix &a, const Matrix &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
        && std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

} // namespace LinearFixtures
