// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class QIODevice;

namespace Tandem::Ui {

/// The data behind a chart as a table, at full resolution (never the downsampled
/// points): what "Export CSV" writes and "View as table" shows. Columnar, so a
/// million-point series costs its numbers and nothing per cell; text columns keep
/// each distinct text once (a series name repeated on every row of a long table).
class PlotTable
{
public:
    void addNumberColumn(const QString &name, std::vector<double> values);
    /// A text column given as codes into `texts` (-1: empty cell).
    void addTextColumn(const QString &name, QStringList texts, std::vector<std::int32_t> codes);
    /// A text column, one text per row.
    void addTextColumn(const QString &name, const QStringList &values);

    int columnCount() const { return int(m_columns.size()); }
    /// The longest column's length; shorter columns read as empty cells below their end.
    qsizetype rowCount() const;
    QString columnName(int column) const { return m_columns[column].name; }
    bool isNumber(int column) const { return !m_columns[column].isText; }
    /// NaN for text columns and empty cells.
    double number(qsizetype row, int column) const;
    /// The cell for people (numbers in the locale, shortest exact form).
    QString displayText(qsizetype row, int column) const;
    /// The cell for files and the clipboard: numbers in C form that read back to the
    /// same double, missing numbers empty.
    QString exactText(qsizetype row, int column) const;

    /// RFC 4180 CSV with a header row.
    Base::Status writeCsv(QIODevice &device) const;
    /// Tab-separated rows [firstRow, lastRow] x columns [firstColumn, lastColumn],
    /// optionally with the header; tabs and line breaks in texts become spaces.
    QString tsv(qsizetype firstRow, qsizetype lastRow, int firstColumn, int lastColumn, bool withHeader) const;

private:
    struct Column {
        QString name;
        bool isText = false;
        std::vector<double> numbers;
        QStringList texts;
        std::vector<std::int32_t> codes;
        qsizetype size() const { return isText ? qsizetype(codes.size()) : qsizetype(numbers.size()); }
    };
    QList<Column> m_columns;
};

} // namespace Tandem::Ui
