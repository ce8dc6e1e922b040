// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Column.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>
#include <vector>

namespace Tandem::Data {

/// A table of typed columns, immutable once built.
///
/// A loaded Dataset is shared read-only as std::shared_ptr<const Dataset>: views,
/// profiles and jobs read it from any thread without copies or locks. Rows are
/// indexed with 64-bit integers. Build one with DatasetBuilder (readers do).
class Dataset
{
public:
    Dataset(const Dataset &) = delete;
    Dataset &operator=(const Dataset &) = delete;

    qint64 rowCount() const { return m_rowCount; }
    qsizetype columnCount() const { return static_cast<qsizetype>(m_columns.size()); }
    const Column &column(qsizetype index) const { return m_columns[static_cast<std::size_t>(index)]; }
    const std::vector<Column> &columns() const { return m_columns; }
    /// Index of the column named `name`, or -1.
    qsizetype indexOf(QStringView name) const;
    QStringList columnNames() const;

    /// The content fingerprint: lowercase hex SHA-256 of the schema and the parsed
    /// values in a canonical byte encoding (see Dataset.cpp). Two datasets with the
    /// same column names, types and values have the same fingerprint whatever file
    /// layout they came from (line ends, quoting, encoding, category order).
    /// Computed on first use, once, thread-safely.
    QString fingerprint() const;

    /// Heap bytes held by the values and masks of all columns.
    qint64 memoryBytes() const;

private:
    friend class DatasetBuilder;
    Dataset() = default;

    std::vector<Column> m_columns;
    qint64 m_rowCount = 0;
    mutable std::once_flag m_fingerprintOnce;
    mutable QString m_fingerprint;
};

/// Collects columns and turns them into a Dataset after checking them: equal
/// lengths, non-empty unique names, categorical codes inside their dictionary,
/// text offsets that fit their buffer.
class DatasetBuilder
{
public:
    DatasetBuilder() = default;

    void reserveColumns(qsizetype count) { m_columns.reserve(static_cast<std::size_t>(count)); }
    void addColumn(Column column) { m_columns.push_back(std::move(column)); }
    qsizetype columnCount() const { return static_cast<qsizetype>(m_columns.size()); }

    /// The checked Dataset; the builder is left empty.
    Base::Result<std::shared_ptr<const Dataset>> build();

private:
    std::vector<Column> m_columns;
};

} // namespace Tandem::Data
