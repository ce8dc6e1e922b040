// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the tst_eval_* suites: fixtures in tests/fixtures/eval/*.json hold
// inputs and scikit-learn 1.2.1 / scipy 1.10.1 reference outputs (null stands for NaN).

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <Eigen/Core>

#include <cmath>

namespace EvalTest {

/// Metrics must match scikit-learn to this relative tolerance (issue 4 asks for 1e-9).
constexpr double tolerance = 1e-12;

inline QJsonObject fixture(const char *name)
{
    QFile file(QStringLiteral(TANDEM_FIXTURES_DIR "/eval/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the fixture %s", name);
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline double number(const QJsonValue &value)
{
    return value.isNull() ? std::nan("") : value.toDouble();
}

inline Eigen::VectorXd vector(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    Eigen::VectorXd result(array.size());
    for (qsizetype i = 0; i < array.size(); ++i)
        result[i] = number(array[i]);
    return result;
}

inline Eigen::MatrixXd matrix(const QJsonValue &value)
{
    const QJsonArray rows = value.toArray();
    if (rows.isEmpty())
        return {};
    Eigen::MatrixXd result(rows.size(), rows.first().toArray().size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        result.row(i) = vector(rows[i]).transpose();
    return result;
}

/// Equal, both NaN, or within `relative` of each other.
inline bool close(double actual, double expected, double relative = tolerance)
{
    if (std::isnan(expected) || std::isnan(actual))
        return std::isnan(expected) && std::isnan(actual);
    if (actual == expected)
        return true;
    return std::abs(actual - expected) <= relative * std::max(std::abs(expected), std::abs(actual));
}

inline QByteArray describe(const char *what, double actual, double expected)
{
    return QByteArray(what) + " is " + QByteArray::number(actual, 'g', 17) + ", expected "
        + QByteArray::number(expected, 'g', 17);
}

/// One data row "index" per case of a fixture's "cases", named by the case.
inline void addCaseRows(const QJsonArray &cases)
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QByteArray name = cases[i].toObject().value(QStringLiteral("name")).toString().toUtf8();
        QTest::newRow(name.constData()) << static_cast<int>(i);
    }
}

} // namespace EvalTest

#define EVAL_COMPARE(actual, expected)                                                                                 \
    do {                                                                                                               \
        const double a_ = (actual);                                                                                    \
        const double e_ = (expected);                                                                                  \
        QVERIFY2(EvalTest::close(a_, e_), EvalTest::describe(#actual, a_, e_).constData());                            \
    } while (false)

#define EVAL_COMPARE_VECTORS(actual, expected)                                                                         \
    do {                                                                                                               \
        const Eigen::VectorXd a_ = (actual);                                                                           \
        const Eigen::VectorXd e_ = (expected);                                                                         \
        QCOMPARE(a_.size(), e_.size());                                                                                \
        for (Eigen::Index i_ = 0; i_ < a_.size(); ++i_)                                                                \
            QVERIFY2(EvalTest::close(a_[i_], e_[i_]),                                                                  \
                (EvalTest::describe(#actual, a_[i_], e_[i_]) + " at " + QByteArray::number(i_)).constData());          \
    } while (false)

/// Fails the test with the result's message when it holds an error.
#define EVAL_REQUIRE_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().toString()))
