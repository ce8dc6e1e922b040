// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/PlotTable.h"

#include "core/runs/CsvText.h"

#include <QIODevice>
#include <QLocale>

#include <cmath>
#include <limits>

namespace Tandem::Ui {
namespace {

QString tsvField(QString text)
{
    for (QChar &c : text) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace

void PlotTable::addNumberColumn(const QString &name, std::vector<double> values)
{
    Column column;
    column.name = name;
    column.numbers = std::move(values);
    m_columns.append(std::move(column));
}

void PlotTable::addTextColumn(const QString &name, QStringList texts, std::vector<std::int32_t> codes)
{
    Column column;
    column.name = name;
    column.isText = true;
    column.texts = std::move(texts);
    column.codes = std::move(codes);
    m_columns.append(std::move(column));
}

void PlotTable::addTextColumn(const QString &name, const QStringList &values)
{
    std::vector<std::int32_t> codes(std::size_t(values.size()));
    for (qsizetype i = 0; i < values.size(); ++i)
        codes[std::size_t(i)] = std::int32_t(i);
    addTextColumn(name, values, std::move(codes));
}

qsizetype PlotTable::rowCount() const
{
    qsizetype rows = 0;
    for (const Column &column : m_columns)
        rows = std::max(rows, column.size());
    return rows;
}

double PlotTable::number(qsizetype row, int column) const
{
    const Column &c = m_columns[column];
    if (c.isText || row >= c.size())
        return std::numeric_limits<double>::quiet_NaN();
    return c.numbers[std::size_t(row)];
}

QString PlotTable::displayText(qsizetype row, int column) const
{
    const Column &c = m_columns[column];
    if (row >= c.size())
        return {};
    if (c.isText) {
        const std::int32_t code = c.codes[std::size_t(row)];
        return code >= 0 && code < c.texts.size() ? c.texts[code] : QString();
    }
    const double value = c.numbers[std::size_t(row)];
    return std::isfinite(value) ? QLocale().toString(value, 'g', QLocale::FloatingPointShortest) : QString();
}

QString PlotTable::exactText(qsizetype row, int column) const
{
    const Column &c = m_columns[column];
    if (c.isText || row >= c.size())
        return displayText(row, column);
    return Runs::CsvText::number(c.numbers[std::size_t(row)]);
}

Base::Status PlotTable::writeCsv(QIODevice &device) const
{
    QString chunk;
    const auto flush = [&]() -> bool {
        const QByteArray bytes = chunk.toUtf8();
        chunk.clear();
        return device.write(bytes) == bytes.size();
    };
    for (int c = 0; c < columnCount(); ++c)
        chunk += (c ? QStringLiteral(",") : QString()) + Runs::CsvText::field(m_columns[c].name);
    chunk += QLatin1Char('\n');
    const qsizetype rows = rowCount();
    for (qsizetype r = 0; r < rows; ++r) {
        for (int c = 0; c < columnCount(); ++c) {
            if (c)
                chunk += QLatin1Char(',');
            chunk += m_columns[c].isText ? Runs::CsvText::field(displayText(r, c)) : exactText(r, c);
        }
        chunk += QLatin1Char('\n');
        if (chunk.size() > (1 << 20) && !flush())
            return Base::Error(QStringLiteral("Could not write the table: %1").arg(device.errorString()));
    }
    if (!flush())
        return Base::Error(QStringLiteral("Could not write the table: %1").arg(device.errorString()));
    return {};
}

QString PlotTable::tsv(qsizetype firstRow, qsizetype lastRow, int firstColumn, int lastColumn, bool withHeader) const
{
    QString text;
    if (withHeader) {
        for (int c = firstColumn; c <= lastColumn; ++c)
            text += (c > firstColumn ? QStringLiteral("\t") : QString()) + tsvField(m_columns[c].name);
        text += QLatin1Char('\n');
    }
    for (qsizetype r = firstRow; r <= lastRow; ++r) {
        for (int c = firstColumn; c <= lastColumn; ++c)
            text += (c > firstColumn ? QStringLiteral("\t") : QString()) + tsvField(exactText(r, c));
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace Tandem::Ui
