// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Error.h"
#include "core/base/Progress.h"
#include "tests/support/RecordingSink.h"

#include <QTest>

using namespace Tandem::Base;
using Tandem::Testing::RecordingSink;

class TestProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void subrangesMapOntoOneMonotoneBar()
    {
        RecordingSink sink;
        const Progress root(sink);
        const Progress prep = root.subrange(0.0, 0.2);
        const Progress folds = root.subrange(0.2, 1.0);
        prep.report(0.5, QStringLiteral("Preparing"));
        prep.report(1.0, QStringLiteral("Preparing"));
        const Progress fold2 = folds.subrange(0.5, 1.0);
        fold2.report(0.0, QStringLiteral("Fold 2"));
        fold2.report(0.5, QStringLiteral("Fold 2"));
        fold2.report(1.0, QStringLiteral("Fold 2"));
        const QList<double> expected {0.1, 0.2, 0.6, 0.8, 1.0};
        const std::vector<double> fractions = sink.fractions();
        QCOMPARE(qsizetype(fractions.size()), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(qAbs(fractions[std::size_t(i)] - expected[i]) < 1e-12,
                qPrintable(QString::number(fractions[std::size_t(i)])));
    }

    void fractionsAreClamped()
    {
        RecordingSink sink;
        const Progress part = Progress(sink).subrange(0.5, 0.75);
        part.report(-3.0, {});
        part.report(7.0, {});
        QCOMPARE(sink.fractions(), (std::vector<double> {0.5, 0.75}));
    }

    void stopRequestReachesEverySubrange()
    {
        RecordingSink sink;
        const Progress inner = Progress(sink).subrange(0.1, 0.9).subrange(0.3, 0.4);
        QVERIFY(!inner.stopRequested());
        sink.requestStop();
        QVERIFY(inner.stopRequested());
    }

    void errorNamesWhere_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<qint64>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("message only") << QString() << qint64(-1) << qint64(-1) << QStringLiteral("bad");
        QTest::newRow("file") << QStringLiteral("a.csv") << qint64(-1) << qint64(-1) << QStringLiteral("a.csv: bad");
        QTest::newRow("line") << QStringLiteral("a.csv") << qint64(12) << qint64(-1) << QStringLiteral("a.csv:12: bad");
        QTest::newRow("line and column") << QStringLiteral("a.csv") << qint64(12) << qint64(3)
                                         << QStringLiteral("a.csv:12:3: bad");
    }
    void errorNamesWhere()
    {
        QFETCH(QString, file);
        QFETCH(qint64, line);
        QFETCH(qint64, column);
        QFETCH(QString, expected);
        QCOMPARE((Error {QStringLiteral("bad"), file, line, column}.toString()), expected);
    }
};

QTEST_GUILESS_MAIN(TestProgress)
#include "tst_progress.moc"
