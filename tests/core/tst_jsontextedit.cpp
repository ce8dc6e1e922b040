// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/JsonTextEdit.h"

#include <QTest>

using Tandem::Store::replaceJsonString;

/// replaceJsonString: one string changes, every other byte stays as written.
class TestJsonTextEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replacesOnlyTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");

        const QStringList datasetPath {QStringLiteral("dataset"), QStringLiteral("path")};
        QTest::newRow("nested, layout kept") << QByteArray(
            "{\n    \"version\": 1,\n    \"dataset\": {\"path\": \"../samples/iris.csv\"},\n    \"C\": 1.0\n}\n")
                                             << datasetPath << QStringLiteral("../datasets/iris.csv")
                                             << QByteArray("{\n    \"version\": 1,\n    \"dataset\": {\"path\": "
                                                           "\"../datasets/iris.csv\"},\n    \"C\": 1.0\n}\n");
        // The same key elsewhere (top level, inside another object, in a list, as a
        // value) is not the field.
        QTest::newRow("same key elsewhere")
            << QByteArray(
                   "{\"path\": \"a\", \"other\": {\"path\": \"b\"}, \"list\": [{\"dataset\": {\"path\": \"c\"}}], "
                   "\"name\": \"path\", \"dataset\": {\"fingerprint\": \"x\", \"path\": \"d\"}}")
            << datasetPath << QStringLiteral("e")
            << QByteArray(
                   "{\"path\": \"a\", \"other\": {\"path\": \"b\"}, \"list\": [{\"dataset\": {\"path\": \"c\"}}], "
                   "\"name\": \"path\", \"dataset\": {\"fingerprint\": \"x\", \"path\": \"e\"}}");
        QTest::newRow("escapes and braces in strings")
            << QByteArray("{\"name\": \"a \\\"}\\\" {\", \"dataset\": {\"path\": \"C:\\\\data\\\\x.csv\"}}")
            << datasetPath << QStringLiteral("say \"hi\"\\")
            << QByteArray("{\"name\": \"a \\\"}\\\" {\", \"dataset\": {\"path\": \"say \\\"hi\\\"\\\\\"}}");
        QTest::newRow("top level") << QByteArray("{ \"name\" : \"old\" , \"n\": [1, 2] }")
                                   << QStringList {QStringLiteral("name")} << QStringLiteral("new")
                                   << QByteArray("{ \"name\" : \"new\" , \"n\": [1, 2] }");
    }

    void replacesOnlyTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, path);
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        const auto edited = replaceJsonString(json, path, value);
        QVERIFY2(edited.ok(), qPrintable(edited.error().toString()));
        QCOMPARE(edited.value(), expected);
    }

    void refusesWhatIsNotThere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"dataset\": ") << QStringLiteral("spec.json: not a JSON object");
        QTest::newRow("a list") << QByteArray("[]") << QStringLiteral("spec.json: not a JSON object");
        QTest::newRow("missing") << QByteArray("{\"dataset\": {}}")
                                 << QStringLiteral("spec.json: dataset.path is not a string");
        QTest::newRow("a number") << QByteArray("{\"dataset\": {\"path\": 3}}")
                                  << QStringLiteral("spec.json: dataset.path is not a string");
        // An escaped key is the same key to a JSON reader but not to the scanner: refused, not mangled.
        QTest::newRow("escaped key") << QByteArray("{\"dataset\": {\"p\\u0061th\": \"x\"}}")
                                     << QStringLiteral("spec.json: cannot rewrite dataset.path in place");
    }

    void refusesWhatIsNotThere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto edited = replaceJsonString(json, {QStringLiteral("dataset"), QStringLiteral("path")},
            QStringLiteral("y"), QStringLiteral("spec.json"));
        QVERIFY(!edited.ok());
        QCOMPARE(edited.error().toString(), message);
    }
};

QTEST_GUILESS_MAIN(TestJsonTextEdit)
#include "tst_jsontextedit.moc"
