// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"

#include <QCryptographicHash>
#include <QSet>
#include <QtEndian>

#include <bit>
#include <cstring>

namespace Tandem::Data {

qsizetype Dataset::indexOf(QStringView name) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].name() == name)
            return static_cast<qsizetype>(i);
    }
    return -1;
}

QStringList Dataset::columnNames() const
{
    QStringList names;
    names.reserve(columnCount());
    for (const Column &column : m_columns)
        names << column.name();
    return names;
}

qint64 Dataset::memoryBytes() const
{
    qint64 bytes = 0;
    for (const Column &column : m_columns)
        bytes += column.memoryBytes();
    return bytes;
}

namespace {

// Canonical byte encoding hashed by Dataset::fingerprint() (version 1).
// All integers are little-endian; strings are UTF-8 preceded by their byte
// length as u32.
//
//   "tandem-dataset-v1"            17 bytes, no terminator
//   u64 row count, u64 column count
//   for each column, in order:     u8 type tag, string name
//       tags: numeric 1, integer 2, boolean 3, categorical 4, text 5, datetime 6
//   for each column, in order, for each row:
//       u8 0                        missing cell (no payload)
//       u8 1, then the value:
//         numeric      u64 IEEE-754 binary64 bit pattern (−0.0 and 0.0 differ)
//         integer      i64
//         boolean      u8 0 or 1
//         categorical  string (the category's text, not its code, so the
//                      dictionary's order does not matter)
//         text         string
//         datetime     i64 milliseconds since the epoch, UTC
//
// The encoding covers what was parsed, never how the file spelled it: quoting,
// line ends, BOMs, encodings and number spellings ("1.50" vs "1.5") leave it
// unchanged; a different value, type, name or column order changes it.
class CanonicalHasher
{
public:
    CanonicalHasher() : m_hash(QCryptographicHash::Sha256) { m_buffer.reserve(kFlush + 64); }

    void bytes(const void *data, std::size_t size)
    {
        if (size > kFlush) {
            flush();
            m_hash.addData(QByteArrayView(static_cast<const char *>(data), static_cast<qsizetype>(size)));
            return;
        }
        m_buffer.append(static_cast<const char *>(data), size);
        if (m_buffer.size() >= kFlush)
            flush();
    }
    void u8(quint8 v) { bytes(&v, 1); }
    void u32(quint32 v)
    {
        const quint32 le = qToLittleEndian(v);
        bytes(&le, 4);
    }
    void u64(quint64 v)
    {
        const quint64 le = qToLittleEndian(v);
        bytes(&le, 8);
    }
    void string(std::string_view utf8)
    {
        u32(static_cast<quint32>(utf8.size()));
        bytes(utf8.data(), utf8.size());
    }
    QString hex()
    {
        flush();
        return QString::fromLatin1(m_hash.result().toHex());
    }

private:
    static constexpr std::size_t kFlush = 1 << 16;
    void flush()
    {
        m_hash.addData(QByteArrayView(m_buffer.data(), static_cast<qsizetype>(m_buffer.size())));
        m_buffer.clear();
    }
    QCryptographicHash m_hash;
    std::string m_buffer;
};

quint8 typeTag(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric: return 1;
    case ColumnType::Integer: return 2;
    case ColumnType::Boolean: return 3;
    case ColumnType::Categorical: return 4;
    case ColumnType::Text: return 5;
    case ColumnType::DateTime: return 6;
    }
    return 0;
}

} // namespace

QString Dataset::fingerprint() const
{
    std::call_once(m_fingerprintOnce, [this] {
        CanonicalHasher h;
        h.bytes("tandem-dataset-v1", 17);
        h.u64(static_cast<quint64>(m_rowCount));
        h.u64(static_cast<quint64>(m_columns.size()));
        for (const Column &column : m_columns) {
            h.u8(typeTag(column.type()));
            h.string(column.name().toUtf8().toStdString());
        }
        for (const Column &column : m_columns) {
            const auto n = static_cast<std::size_t>(m_rowCount);
            for (std::size_t row = 0; row < n; ++row) {
                const auto r = static_cast<qint64>(row);
                if (column.isMissing(r)) {
                    h.u8(0);
                    continue;
                }
                h.u8(1);
                switch (column.type()) {
                case ColumnType::Numeric: h.u64(std::bit_cast<quint64>(column.numericValues()[row])); break;
                case ColumnType::Integer: h.u64(static_cast<quint64>(column.integerValues()[row])); break;
                case ColumnType::DateTime: h.u64(static_cast<quint64>(column.dateTimeValues()[row])); break;
                case ColumnType::Boolean: h.u8(column.booleanValues()[row] ? 1 : 0); break;
                case ColumnType::Categorical:
                case ColumnType::Text: h.string(column.utf8(r)); break;
                }
            }
        }
        m_fingerprint = h.hex();
    });
    return m_fingerprint;
}

Base::Result<std::shared_ptr<const Dataset>> DatasetBuilder::build()
{
    std::vector<Column> columns = std::move(m_columns);
    m_columns.clear();
    const qint64 rows = columns.empty() ? 0 : columns.front().size();
    QSet<QString> names;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column &c = columns[i];
        const QString where = QStringLiteral("Column %1 (\"%2\")").arg(i + 1).arg(c.name());
        if (c.name().isEmpty())
            return Base::Error(QStringLiteral("Column %1 has no name").arg(i + 1));
        if (names.contains(c.name()))
            return Base::Error(QStringLiteral("%1: the name is used by an earlier column").arg(where));
        names.insert(c.name());
        if (c.size() != rows)
            return Base::Error(
                QStringLiteral("%1 has %2 rows, the first column has %3").arg(where).arg(c.size()).arg(rows));
        if (c.missing().extent() > rows)
            return Base::Error(QStringLiteral("%1: the missing mask reaches past the last row").arg(where));
        if (c.type() == ColumnType::Categorical) {
            const auto codes = c.codes();
            const qsizetype categories = c.categories().size();
            for (std::size_t row = 0; row < codes.size(); ++row) {
                if (!c.isMissing(static_cast<qint64>(row)) && (codes[row] < 0 || codes[row] >= categories))
                    return Base::Error(QStringLiteral("%1: row %2 has code %3, outside the %4 categories")
                                           .arg(where)
                                           .arg(row)
                                           .arg(codes[row])
                                           .arg(categories));
            }
        }
        if (c.type() == ColumnType::Text) {
            const auto &offsets = c.m_textOffsets;
            if (offsets.empty() || offsets.front() != 0 || offsets.back() != static_cast<qint64>(c.m_text.size()))
                return Base::Error(QStringLiteral("%1: text offsets do not span the text buffer").arg(where));
            for (std::size_t k = 1; k < offsets.size(); ++k) {
                if (offsets[k] < offsets[k - 1])
                    return Base::Error(QStringLiteral("%1: text offsets decrease at row %2").arg(where).arg(k - 1));
            }
        }
    }
    std::shared_ptr<Dataset> dataset(new Dataset);
    dataset->m_rowCount = rows;
    dataset->m_columns = std::move(columns);
    return std::shared_ptr<const Dataset>(std::move(dataset));
}

} // namespace Tandem::Data
