// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/CsvOptions.h"
#include "core/data/LoadReport.h"

#include <QDialog>
#include <QHash>

#include <QFutureWatcher>
#include <QThreadPool>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace Tandem::Ui {

class DatasetTableModel;

/// File > Open Dataset…: how to read a delimited text file, with a live preview
/// of its first rows that follows every change (delimiter, header, encoding, NA
/// tokens, decimal separator, ragged rows). The preview is read off the GUI
/// thread; a newer change supersedes an older preview still being read.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Rows read for the preview.
    static constexpr qint64 previewRows = 200;

    ImportDialog(const QString &path, const Data::CsvOptions &initial, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// The options as the controls set them (maxRows left at "everything").
    Data::CsvOptions options() const;

    /// Forces the type of column `name` (as the preview names it); nullopt lets
    /// the reader infer it again. The header's context menu calls this.
    void setColumnType(const QString &name, std::optional<Data::ColumnType> type);

    DatasetTableModel *previewModel() const { return m_model; }
    /// The preview's summary, or the reason it could not be read.
    QString previewStatus() const;
    /// True while a preview is scheduled or being read.
    bool previewPending() const;

Q_SIGNALS:
    /// A preview finished (successfully or not) for the options now shown.
    void previewUpdated();

private:
    using PreviewResult = Base::Result<Data::LoadedDataset>;
    void schedulePreview();
    void startPreview();
    void showPreview(const PreviewResult &result);
    void showTypeMenu(int section, const QPoint &globalPos);
    /// Layout changes (delimiter, header, encoding) rename the columns: forget forced types.
    void layoutChanged();

    QString m_path;
    QComboBox *m_delimiter;
    QLineEdit *m_otherDelimiter;
    QComboBox *m_header;
    QSpinBox *m_skipLines;
    QComboBox *m_encoding;
    QLineEdit *m_naTokens;
    QCheckBox *m_decimalComma;
    QCheckBox *m_skipRagged;
    QTableView *m_table;
    QLabel *m_status;
    DatasetTableModel *m_model;
    QTimer *m_debounce;
    QThreadPool m_pool;
    QFutureWatcher<PreviewResult> m_watcher;
    /// From the start of a read until its result is shown (the future alone
    /// reports "finished" before the watcher's signal has been delivered).
    bool m_reading = false;
    bool m_restartAfterCurrent = false;
    Data::CsvOptions m_base;
    QHash<QString, Data::ColumnType> m_columnTypes;
};

} // namespace Tandem::Ui
