// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/ImportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Ui::ImportDialog;

class TestImportDialog : public QObject
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
    static void waitForPreview(ImportDialog &dialog) { QTRY_VERIFY_WITH_TIMEOUT(!dialog.previewPending(), 10000); }
    static const Data::Column *previewColumn(ImportDialog &dialog, int index)
    {
        const auto &dataset = dialog.previewModel()->dataset();
        return dataset && index < dataset->columnCount() ? &dataset->column(index) : nullptr;
    }

private Q_SLOTS:
    void previewFollowsDecimalCommaAndDelimiter()
    {
        ImportDialog dialog(write(QStringLiteral("semi.csv"), "price;qty\n1,5;2\n3,25;4\n"), Data::CsvOptions {});
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->columnCount(), 2); // ';' detected
        QVERIFY(previewColumn(dialog, 0)->type() != Data::ColumnType::Numeric);

        dialog.findChild<QCheckBox *>(QStringLiteral("decimalComma"))->setChecked(true);
        waitForPreview(dialog);
        QCOMPARE(previewColumn(dialog, 0)->type(), Data::ColumnType::Numeric);
        QCOMPARE(previewColumn(dialog, 0)->toDouble(0), 1.5);
        QCOMPARE(previewColumn(dialog, 0)->toDouble(1), 3.25);
        QVERIFY(dialog.options().decimalComma);

        auto *delimiter = dialog.findChild<QComboBox *>(QStringLiteral("delimiter"));
        delimiter->setCurrentIndex(delimiter->findData(int('|')));
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->columnCount(), 1);
        QCOMPARE(dialog.options().delimiter, '|');
    }

    void headerChoiceChangesTheRows()
    {
        ImportDialog dialog(write(QStringLiteral("names.csv"), "a,b\nx,y\nz,w\n"), Data::CsvOptions {});
        waitForPreview(dialog);
        auto *header = dialog.findChild<QComboBox *>(QStringLiteral("header"));
        header->setCurrentIndex(header->findData(int(Data::CsvOptions::Header::Absent)));
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->rowCount(), 3);
        header->setCurrentIndex(header->findData(int(Data::CsvOptions::Header::Present)));
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->rowCount(), 2);
        QCOMPARE(previewColumn(dialog, 0)->name(), QStringLiteral("a"));
    }

    void naTokensMarkMissingValues()
    {
        ImportDialog dialog(write(QStringLiteral("na.csv"), "x\n1\n-999\n3\n"), Data::CsvOptions {});
        waitForPreview(dialog);
        QCOMPARE(previewColumn(dialog, 0)->missingCount(), 0);
        auto *na = dialog.findChild<QLineEdit *>(QStringLiteral("naTokens"));
        QVERIFY(na->text().contains(QStringLiteral("(empty)")));
        na->setText(na->text() + QStringLiteral(", -999"));
        waitForPreview(dialog);
        QCOMPARE(previewColumn(dialog, 0)->missingCount(), 1);
        QVERIFY(dialog.options().naTokens.contains(QStringLiteral("-999")));
        QVERIFY(dialog.options().naTokens.contains(QString())); // "(empty)" is the empty cell
    }

    void raggedRowsAreExplainedAndCanBeSkipped()
    {
        ImportDialog dialog(write(QStringLiteral("ragged.csv"), "a,b\n1,2\n3\n4,5\n"), Data::CsvOptions {});
        waitForPreview(dialog);
        QVERIFY2(dialog.previewStatus().contains(QStringLiteral("3")), qPrintable(dialog.previewStatus()));
        QCOMPARE(dialog.previewModel()->rowCount(), 0);
        dialog.findChild<QCheckBox *>(QStringLiteral("skipRagged"))->setChecked(true);
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->rowCount(), 2);
        QCOMPARE(dialog.options().raggedRows, Data::CsvOptions::RaggedRows::Skip);
        QCOMPARE(dialog.options().maxRows, qint64(-1)); // the import reads everything
    }

    void rapidChangesEndWithTheNewestOptions()
    {
        QByteArray big("a;b\n");
        for (int i = 0; i < 20000; ++i)
            big += "1,5;2\n";
        ImportDialog dialog(write(QStringLiteral("rapid.csv"), big), Data::CsvOptions {});
        auto *decimalComma = dialog.findChild<QCheckBox *>(QStringLiteral("decimalComma"));
        for (int i = 0; i < 7; ++i) {
            decimalComma->toggle();
            QTest::qWait(40); // some changes land while a preview is being read
        }
        waitForPreview(dialog);
        QVERIFY(decimalComma->isChecked());
        QCOMPARE(previewColumn(dialog, 0)->type(), Data::ColumnType::Numeric);
    }

    void forcedColumnTypesReachThePreviewAndTheOptions()
    {
        ImportDialog dialog(write(QStringLiteral("types.csv"), "code,qty\n007,2\n042,x\n"), Data::CsvOptions {});
        waitForPreview(dialog);
        dialog.setColumnType(QStringLiteral("code"), Data::ColumnType::Text);
        dialog.setColumnType(QStringLiteral("qty"), Data::ColumnType::Integer);
        waitForPreview(dialog);
        QCOMPARE(previewColumn(dialog, 0)->type(), Data::ColumnType::Text);
        QCOMPARE(previewColumn(dialog, 0)->toString(0), QStringLiteral("007")); // leading zeros kept
        QCOMPARE(previewColumn(dialog, 1)->type(), Data::ColumnType::Integer);
        QCOMPARE(previewColumn(dialog, 1)->missingCount(), 1); // "x" does not fit: missing, with a warning
        QVERIFY2(dialog.previewStatus().contains(QStringLiteral("line 3")), qPrintable(dialog.previewStatus()));
        QCOMPARE(dialog.options().columnTypes.value(QStringLiteral("code")), Data::ColumnType::Text);

        dialog.setColumnType(QStringLiteral("qty"), std::nullopt); // back to detection
        waitForPreview(dialog);
        QVERIFY(previewColumn(dialog, 1)->type() != Data::ColumnType::Integer);
        // A new delimiter renames columns: forced types are dropped rather than refused.
        auto *delimiter = dialog.findChild<QComboBox *>(QStringLiteral("delimiter"));
        delimiter->setCurrentIndex(delimiter->findData(int(';')));
        waitForPreview(dialog);
        QVERIFY(dialog.options().columnTypes.isEmpty());
    }

    void whitespaceAndSkippedLinesLoadCountFiles()
    {
        // scikit-learn's iris.csv style: a count line above the header, and a space-aligned table.
        ImportDialog dialog(write(QStringLiteral("aligned.txt"), "3 2\nheight  weight\n1.5   60\n1.7   72\n1.8   80\n"),
            Data::CsvOptions {});
        waitForPreview(dialog);
        auto *delimiter = dialog.findChild<QComboBox *>(QStringLiteral("delimiter"));
        delimiter->setCurrentIndex(delimiter->findData(-2)); // runs of whitespace
        dialog.findChild<QSpinBox *>(QStringLiteral("skipLines"))->setValue(1);
        waitForPreview(dialog);
        QCOMPARE(dialog.previewModel()->columnCount(), 2);
        QCOMPARE(dialog.previewModel()->rowCount(), 3);
        QCOMPARE(previewColumn(dialog, 0)->name(), QStringLiteral("height"));
        QCOMPARE(previewColumn(dialog, 1)->toDouble(2), 80.0);
        QVERIFY2(dialog.previewStatus().contains(QStringLiteral("whitespace-separated")),
            qPrintable(dialog.previewStatus()));
        QVERIFY(dialog.options().whitespaceDelimiter);
        QCOMPARE(dialog.options().skipLines, qint64(1));
    }

    void initialOptionsAreShown()
    {
        Data::CsvOptions initial;
        initial.delimiter = '#';
        initial.decimalComma = true;
        initial.header = Data::CsvOptions::Header::Absent;
        ImportDialog dialog(write(QStringLiteral("hash.csv"), "1#2\n3#4\n"), initial);
        waitForPreview(dialog);
        const Data::CsvOptions shown = dialog.options();
        QCOMPARE(shown.delimiter, '#');
        QVERIFY(shown.decimalComma);
        QCOMPARE(shown.header, Data::CsvOptions::Header::Absent);
        QCOMPARE(dialog.previewModel()->columnCount(), 2);
        QCOMPARE(dialog.previewModel()->rowCount(), 2);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
