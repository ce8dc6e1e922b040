// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/DatasetLoader.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/DatasetsView.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;

class TestDatasetsView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

private Q_SLOTS:
    void changedImportSettingsReloadTheDataset()
    {
        Runs::JobQueue jobs(1);
        Ui::DatasetLoader loader(&jobs);
        QAction open(QStringLiteral("Open"));
        Ui::DatasetsView view(&open, &loader, &jobs);
        view.show();
        const QString ragged = write(QStringLiteral("ragged.csv"), "a,b\n1,2\n3\n4,5\n");
        view.showDataset(ragged);
        QTRY_VERIFY(view.statusText().contains(QStringLiteral("Line 3")));

        // The error page offers the import settings for this very file.
        QPushButton *settings = nullptr;
        for (QPushButton *button : view.findChildren<QPushButton *>()) {
            if (button->isVisible() && button->text().startsWith(QStringLiteral("Import Settings")))
                settings = button;
        }
        QVERIFY(settings);
        QSignalSpy requested(&view, &Ui::DatasetsView::importSettingsRequested);
        settings->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), ragged);

        // What the dialog would set: skip ragged rows. The view reads the file again.
        Data::CsvOptions options;
        options.raggedRows = Data::CsvOptions::RaggedRows::Skip;
        loader.setOptions(ragged, options);
        view.reload();
        QTRY_VERIFY2_WITH_TIMEOUT(view.tableModel()->rowCount() == 2,
            qPrintable(view.statusText().replace(QLatin1Char(0x0a), QLatin1Char(0x20))), 3000);

        QVERIFY2(view.statusText().contains(QStringLiteral("1 row skipped")), qPrintable(view.statusText()));
    }

    void cancelledLoadSaysSo()
    {
        Runs::JobQueue jobs(1);
        Ui::DatasetLoader loader(&jobs);
        QSignalSpy cancelled(&loader, &Ui::DatasetLoader::cancelled);
        QSignalSpy loaded(&loader, &Ui::DatasetLoader::loaded);
        // Enough rows that the read is still going when the cancel arrives.
        QByteArray big("x,y\n");
        for (int i = 0; i < 400000; ++i)
            big += QByteArray::number(i) + ",0.5\n";
        const QString path = write(QStringLiteral("big.csv"), big);
        loader.request(path);
        loader.cancel(path);
        QTRY_VERIFY(cancelled.count() + loaded.count() == 1);
        QCOMPARE(loader.isLoading(path), false);
        if (cancelled.count() == 1)
            QVERIFY(!loader.result(path));
    }
};

QTEST_MAIN(TestDatasetsView)
#include "tst_datasetsview.moc"
