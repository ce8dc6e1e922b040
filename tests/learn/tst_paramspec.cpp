// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/ParamSpec.h"

#include <QTest>

using namespace Tandem::Learn;

class TestParamSpec : public QObject
{
    Q_OBJECT
private:
    static QList<ParamSpec> specs()
    {
        return {ParamSpec::real(QStringLiteral("C"), 1.0, 0.0, std::numeric_limits<double>::infinity(),
                    QStringLiteral("inverse regularisation"), false, true),
            ParamSpec::integer(QStringLiteral("max_iter"), 100, 1, 1e9, QStringLiteral("iterations")),
            ParamSpec::real(QStringLiteral("l1_ratio"), 0.5, 0.0, 1.0, QStringLiteral("mix")),
            ParamSpec::choice(QStringLiteral("penalty"), QStringLiteral("l2"),
                {QStringLiteral("l1"), QStringLiteral("l2")}, QStringLiteral("penalty")),
            ParamSpec::boolean(QStringLiteral("fit_intercept"), true, QStringLiteral("intercept"))};
    }

private Q_SLOTS:
    void invalidValuesAreNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("C negative") << "C"
                                    << "-1"
                                    << "C must be > 0, got -1";
        QTest::newRow("C zero") << "C"
                                << "0"
                                << "C must be > 0, got 0";
        QTest::newRow("C text") << "C"
                                << "big"
                                << "C must be a number, got big";
        QTest::newRow("max_iter fraction") << "max_iter"
                                           << "2.5"
                                           << "max_iter must be an integer, got 2.5";
        QTest::newRow("max_iter zero") << "max_iter"
                                       << "0"
                                       << "max_iter must be in [1, 1000000000], got 0";
        QTest::newRow("l1_ratio above") << "l1_ratio"
                                        << "1.5"
                                        << "l1_ratio must be in [0, 1], got 1.5";
        QTest::newRow("penalty") << "penalty"
                                 << "l3"
                                 << "penalty must be one of l1, l2, got l3";
        QTest::newRow("bool") << "fit_intercept"
                              << "maybe"
                              << "fit_intercept must be true or false, got maybe";
    }
    void invalidValuesAreNamed()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QString, message);
        const QList<ParamSpec> all = specs();
        const auto spec = std::find_if(all.begin(), all.end(), [&](const ParamSpec &s) { return s.name == name; });
        QVERIFY(spec != all.end());
        const auto parsed = spec->parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().message, message);
    }

    void validValuesAreTyped()
    {
        const QList<ParamSpec> all = specs();
        QCOMPARE(all[0].parse(QStringLiteral("0.25")).value(), QVariant(0.25));
        QCOMPARE(all[1].parse(QStringLiteral("300")).value(), QVariant(qint64(300)));
        QCOMPARE(all[1].parse(QStringLiteral("1e3")).value(), QVariant(qint64(1000)));
        QCOMPARE(all[4].parse(QStringLiteral("false")).value(), QVariant(false));
        QCOMPARE(all[0].describe(), QStringLiteral("float, > 0, default 1, log scale"));
    }

    void valueSetsFillDefaultsAndRefuseUnknownNames()
    {
        auto complete = validateValues(specs(), {{QStringLiteral("C"), 2.0}});
        QVERIFY(complete.ok());
        QCOMPARE(complete.value().value(QStringLiteral("C")).toDouble(), 2.0);
        QCOMPARE(complete.value().value(QStringLiteral("max_iter")).toLongLong(), qint64(100));
        QCOMPARE(complete.value().size(), 5);
        auto unknown = validateValues(specs(), {{QStringLiteral("gamma"), 1.0}});
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.startsWith(QStringLiteral("unknown parameter gamma (this model takes: C, ")));
    }

    void textValuesAreCheckedByTheirGrammar()
    {
        const ParamSpec spec = ParamSpec::text(
            QStringLiteral("max_features"), QStringLiteral("sqrt"), QStringLiteral("sqrt|log2|all|a fraction"),
            [](const QString &text) {
                return text == QLatin1String("sqrt") || text == QLatin1String("log2") ? QString()
                                                                                      : QStringLiteral("unknown");
            },
            QStringLiteral("features tried per split"));
        const auto good = spec.parse(QStringLiteral(" log2 "));
        QVERIFY(good.ok());
        QCOMPARE(good.value().toString(), QStringLiteral("log2"));
        const auto bad = spec.parse(QStringLiteral("cube"));
        QVERIFY(!bad.ok());
        QVERIFY2(
            bad.error().message.contains(QStringLiteral("max_features must be sqrt|log2|all|a fraction, got cube")),
            qPrintable(bad.error().message));
        QVERIFY(spec.describe().startsWith(QStringLiteral("sqrt|log2|all|a fraction")));
    }
};

QTEST_GUILESS_MAIN(TestParamSpec)
#include "tst_paramspec.moc"
