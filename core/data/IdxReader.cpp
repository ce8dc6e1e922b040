// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/IdxReader.h"

#include "core/data/CsvReader.h"
#include "core/data/ReaderInput.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <type_traits>
#include <vector>

namespace Tandem::Data {

using Base::Error;
using namespace Detail;

namespace {

constexpr qint64 kMaxColumns = qint64(1) << 24;
constexpr qint64 kChunkBytes = qint64(1) << 20;
constexpr qint64 kReserveBytes = qint64(256) << 20; // rows reserved up front for gzip input

struct Header {
    quint8 type = 0;
    int elementSize = 0;
    std::vector<quint32> dims;
    qint64 rows = 0;
    qint64 columns = 1;
    qint64 headerBytes = 0;
    qint64 payloadBytes = 0;
    bool integer = true;

    QString shape() const
    {
        QStringList parts;
        for (const quint32 d : dims)
            parts << QString::number(d);
        return parts.join(QStringLiteral(" x "));
    }
};

int elementSizeOf(quint8 type)
{
    switch (type) {
    case 0x08:
    case 0x09: return 1;
    case 0x0B: return 2;
    case 0x0C:
    case 0x0D: return 4;
    case 0x0E: return 8;
    default: return 0;
    }
}

quint32 bigEndian32(const unsigned char *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

/// The bytes of one IDX file, raw or inflated as they are asked for.
class Source
{
public:
    Source(std::string_view bytes, QString name) : m_bytes(bytes), m_name(std::move(name))
    {
        if (isGzip(bytes))
            m_gzip.emplace(bytes);
    }
    bool gzip() const { return m_gzip.has_value(); }
    const QString &name() const { return m_name; }
    qint64 compressedSize() const { return qint64(m_bytes.size()); }
    qint64 consumed() const { return m_gzip ? m_gzip->consumed() : m_position; }
    /// For gzip: whether the stream's trailer (ISIZE, the size modulo 2^32) agrees
    /// with `bytes`, so that reserving that much is safe (the header was already
    /// checked against deflate's ratio limit).
    bool sizeHintMatches(qint64 bytes) const
    {
        if (!m_gzip || m_bytes.size() < 18)
            return false;
        const auto *t = reinterpret_cast<const unsigned char *>(m_bytes.data() + m_bytes.size() - 4);
        const quint32 isize = quint32(t[0]) | (quint32(t[1]) << 8) | (quint32(t[2]) << 16) | (quint32(t[3]) << 24);
        return isize == quint32(quint64(bytes) & 0xFFFFFFFFu);
    }

    /// Up to `size` bytes; fewer only at the end of the data.
    Base::Result<qint64> read(char *out, qint64 size)
    {
        if (m_gzip)
            return m_gzip->read(out, size, m_name);
        const qint64 n = std::min<qint64>(size, qint64(m_bytes.size()) - m_position);
        if (n > 0)
            std::memcpy(out, m_bytes.data() + m_position, std::size_t(n));
        m_position += n;
        return n;
    }
    /// True when nothing follows what was read.
    Base::Result<bool> atEnd()
    {
        if (!m_gzip)
            return m_position == qint64(m_bytes.size());
        char probe = 0;
        auto got = m_gzip->read(&probe, 1, m_name);
        if (!got)
            return got.error();
        return got.value() == 0;
    }

    Base::Result<Header> readHeader();

private:
    std::string_view m_bytes;
    QString m_name;
    std::optional<GzipStream> m_gzip;
    qint64 m_position = 0;
};

Base::Result<Header> Source::readHeader()
{
    unsigned char magic[4] = {};
    auto got = read(reinterpret_cast<char *>(magic), 4);
    if (!got)
        return got.error();
    if (got.value() < 4) {
        return Error(QStringLiteral("The file is too short for an IDX header (%1 bytes; the header alone takes at "
                                    "least 8)")
                         .arg(got.value()),
            m_name);
    }
    Header h;
    h.type = magic[2];
    h.elementSize = elementSizeOf(h.type);
    if (magic[0] != 0 || magic[1] != 0 || h.elementSize == 0 || magic[3] == 0) {
        return Error(QStringLiteral("This is not an IDX file: it starts with %1 %2 %3 %4, where IDX has 00 00, a type "
                                    "(08, 09, 0B, 0C, 0D or 0E) and a dimension count of at least 1")
                         .arg(magic[0], 2, 16, QLatin1Char('0'))
                         .arg(magic[1], 2, 16, QLatin1Char('0'))
                         .arg(magic[2], 2, 16, QLatin1Char('0'))
                         .arg(magic[3], 2, 16, QLatin1Char('0')),
            m_name);
    }
    h.integer = h.type <= 0x0C;
    const int ndims = magic[3];
    std::vector<unsigned char> sizes(std::size_t(ndims) * 4);
    got = read(reinterpret_cast<char *>(sizes.data()), qint64(sizes.size()));
    if (!got)
        return got.error();
    if (got.value() < qint64(sizes.size())) {
        return Error(QStringLiteral("The IDX header is truncated: it declares %1 dimensions (%2 bytes of sizes), the "
                                    "file ends after %3")
                         .arg(ndims)
                         .arg(sizes.size())
                         .arg(got.value()),
            m_name);
    }
    h.headerBytes = 4 + qint64(sizes.size());
    quint64 cells = 1;
    bool overflow = false;
    for (int d = 0; d < ndims; ++d) {
        const quint32 size = bigEndian32(sizes.data() + 4 * d);
        h.dims.push_back(size);
        if (size != 0 && cells > std::numeric_limits<quint64>::max() / size)
            overflow = true;
        else
            cells *= size;
        if (d > 0) {
            if (h.columns > kMaxColumns)
                continue;
            h.columns *= qint64(size);
        }
    }
    h.rows = h.dims.front();
    if (ndims == 1)
        h.columns = 1;
    // A zero size means no values at all, whatever the other sizes say: refuse it before
    // any of them drives a loop or an allocation (4294967295 x 0 would "load" for seconds).
    if (std::find(h.dims.begin(), h.dims.end(), 0u) != h.dims.end()) {
        return Error(QStringLiteral("The IDX header declares an empty dimension (sizes %1): there are no values to "
                                    "read")
                         .arg(h.shape()),
            m_name);
    }
    const quint64 maxCells = quint64(std::numeric_limits<qint64>::max()) / quint64(h.elementSize);
    if (overflow || cells > maxCells) {
        return Error(QStringLiteral("The IDX header is corrupt: its sizes (%1) multiply to more values than 64 bits "
                                    "can count")
                         .arg(h.shape()),
            m_name);
    }
    if (h.columns > kMaxColumns) {
        return Error(QStringLiteral("The IDX header (sizes %1) declares rows of more than %2 values; Tandem reads at "
                                    "most %2 columns")
                         .arg(h.shape())
                         .arg(kMaxColumns),
            m_name);
    }
    h.payloadBytes = qint64(cells) * h.elementSize;
    if (!m_gzip) {
        const qint64 available = qint64(m_bytes.size()) - h.headerBytes;
        if (available != h.payloadBytes) {
            return Error(QStringLiteral("The IDX header (sizes %1, %2-byte values) promises %3 bytes of values, but "
                                        "the file holds %4: %5")
                             .arg(h.shape())
                             .arg(h.elementSize)
                             .arg(h.payloadBytes)
                             .arg(available)
                             .arg(available < h.payloadBytes ? QStringLiteral("it is truncated")
                                                             : QStringLiteral("extra bytes follow the values")),
                m_name);
        }
    } else if (h.payloadBytes > GzipStream::maxInflatedSize(compressedSize())) {
        return Error(QStringLiteral("The IDX header (sizes %1) promises %2 bytes of values, more than %3 bytes of "
                                    "gzip data can hold")
                         .arg(h.shape())
                         .arg(h.payloadBytes)
                         .arg(compressedSize()),
            m_name);
    }
    return h;
}

/// Typed column storage filled row by row from the payload.
struct Columns {
    std::vector<std::vector<qint64>> ints;
    std::vector<std::vector<double>> doubles;
    std::vector<MissingMask> missing;
};

/// Appends `rows` rows of row-major values at `p` (each `step` bytes) to the
/// column vectors; a NaN is missing.
template<typename T, typename Decode>
void scatter(const unsigned char *p, int step, qint64 rows, qint64 firstRow, std::vector<std::vector<T>> &columns,
    std::vector<MissingMask> &missing, Decode decode)
{
    for (qint64 r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c, p += step) {
            const T v = decode(p);
            if constexpr (std::is_floating_point_v<T>) {
                if (std::isnan(v))
                    missing[c].setMissing(firstRow + r);
            }
            columns[c].push_back(v);
        }
    }
}

Base::Result<qint64> readValues(
    Source &source, const Header &h, qint64 maxRows, const Base::Progress &progress, Columns &out)
{
    const qint64 rows = maxRows >= 0 ? std::min(maxRows, h.rows) : h.rows;
    const qint64 columns = h.columns;
    const qint64 rowBytes = columns * h.elementSize;
    qint64 reserve = rows;
    if (source.gzip() && rowBytes > 0 && !source.sizeHintMatches(h.headerBytes + h.payloadBytes))
        reserve = std::min(rows, kReserveBytes / (columns * 8) + 1);
    if (h.integer)
        out.ints.assign(std::size_t(columns), {});
    else
        out.doubles.assign(std::size_t(columns), {});
    out.missing.assign(std::size_t(columns), {});
    for (qint64 c = 0; c < columns; ++c) {
        if (h.integer)
            out.ints[std::size_t(c)].reserve(std::size_t(reserve));
        else
            out.doubles[std::size_t(c)].reserve(std::size_t(reserve));
    }
    const qint64 chunkRows = rowBytes > 0 ? std::max<qint64>(1, kChunkBytes / rowBytes) : rows;
    std::vector<char> buffer(
        std::size_t(std::max<qint64>(1, std::min(chunkRows, std::max<qint64>(rows, 1)) * rowBytes)));
    const QString stage = QStringLiteral("Reading values");
    for (qint64 row = 0; row < rows;) {
        const qint64 take = std::min(chunkRows, rows - row);
        auto got = source.read(buffer.data(), take * rowBytes);
        if (!got)
            return got.error();
        if (got.value() < take * rowBytes) {
            const qint64 have = row * rowBytes + got.value();
            return Error(QStringLiteral("The IDX data is truncated: the header (sizes %1) promises %2 bytes of values, "
                                        "the data ends after %3 (in row %4)")
                             .arg(h.shape())
                             .arg(h.payloadBytes)
                             .arg(have)
                             .arg(have / std::max<qint64>(rowBytes, 1) + 1),
                source.name());
        }
        const auto *p = reinterpret_cast<const unsigned char *>(buffer.data());
        switch (h.type) {
        case 0x08:
            scatter(
                p, h.elementSize, take, row, out.ints, out.missing, [](const unsigned char *q) { return qint64(*q); });
            break;
        case 0x09:
            scatter(p, h.elementSize, take, row, out.ints, out.missing,
                [](const unsigned char *q) { return qint64(qint8(*q)); });
            break;
        case 0x0B:
            scatter(p, h.elementSize, take, row, out.ints, out.missing,
                [](const unsigned char *q) { return qint64(qint16(quint16((q[0] << 8) | q[1]))); });
            break;
        case 0x0C:
            scatter(p, h.elementSize, take, row, out.ints, out.missing,
                [](const unsigned char *q) { return qint64(qint32(bigEndian32(q))); });
            break;
        case 0x0D:
            scatter(p, h.elementSize, take, row, out.doubles, out.missing,
                [](const unsigned char *q) { return double(std::bit_cast<float>(bigEndian32(q))); });
            break;
        default:
            scatter(p, h.elementSize, take, row, out.doubles, out.missing, [](const unsigned char *q) {
                return std::bit_cast<double>((quint64(bigEndian32(q)) << 32) | bigEndian32(q + 4));
            });
            break;
        }
        row += take;
        progress.report(double(row) / double(std::max<qint64>(rows, 1)), stage);
        if (progress.stopRequested())
            return Error(IdxReader::cancelledMessage(), source.name());
    }
    for (auto &column : out.ints)
        column.shrink_to_fit(); // no-op when the reservation was exact
    for (auto &column : out.doubles)
        column.shrink_to_fit();
    if (rows == h.rows) {
        auto end = source.atEnd();
        if (!end)
            return end.error();
        if (!end.value()) {
            return Error(QStringLiteral("Extra data follows the %1 bytes of values that the IDX header (sizes %2) "
                                        "promises")
                             .arg(h.payloadBytes)
                             .arg(h.shape()),
                source.name());
        }
    }
    return rows;
}

void addColumns(DatasetBuilder &builder, LoadReport &report, Columns &values, const Header &h, const QString &prefix)
{
    const qint64 columns = h.columns;
    for (qint64 c = 0; c < columns; ++c) {
        const auto col = std::size_t(c);
        const QString name = h.dims.size() == 1 ? prefix : prefix + QString::number(c);
        ColumnReport columnReport;
        columnReport.name = name;
        columnReport.missing = values.missing[col].count();
        if (h.integer) {
            columnReport.type = ColumnType::Integer;
            builder.addColumn(Column::integer(name, std::move(values.ints[col]), std::move(values.missing[col])));
        } else {
            columnReport.type = ColumnType::Numeric;
            builder.addColumn(Column::numeric(name, std::move(values.doubles[col]), std::move(values.missing[col])));
        }
        report.columnReports.append(columnReport);
    }
    values = Columns();
}

QString prefixFor(const Header &h, const QString &name)
{
    if (h.dims.size() >= 3)
        return QStringLiteral("px");
    if (h.dims.size() == 2)
        return QStringLiteral("x");
    return QFileInfo(name).fileName().contains(QStringLiteral("label"), Qt::CaseInsensitive) ? QStringLiteral("label")
                                                                                             : QStringLiteral("value");
}

Error outOfMemory(const QString &name, const Header &h)
{
    return Error(QStringLiteral("Not enough memory to hold the IDX values (sizes %1, %2 MB as 8-byte cells)")
                     .arg(h.shape())
                     .arg(double(h.payloadBytes) / h.elementSize * 8 / 1e6, 0, 'f', 0),
        name);
}

/// One file, or an images file with its labels (labels non-null).
Base::Result<LoadedDataset> readSources(
    Source &images, Source *labels, qint64 fileBytes, qint64 maxRows, const Base::Progress &progress)
{
    LoadReport report;
    report.file = images.name();
    report.bytes = fileBytes;
    report.gzip = images.gzip();
    report.hasHeader = false;
    report.delimiter = 0;
    report.delimiterSniffed = false;
    auto imagesHeader = images.readHeader();
    if (!imagesHeader)
        return imagesHeader.error();
    const Header &h = imagesHeader.value();
    std::optional<Header> lh;
    if (labels) {
        auto labelsHeader = labels->readHeader();
        if (!labelsHeader)
            return labelsHeader.error();
        lh = labelsHeader.value();
        if (lh->dims.size() != 1) {
            return Error(QStringLiteral("The labels file has %1 dimensions (sizes %2); a labels file has one")
                             .arg(lh->dims.size())
                             .arg(lh->shape()),
                labels->name());
        }
        if (lh->rows != h.rows) {
            return Error(QStringLiteral("The labels file holds %1 labels, but the images file %2 holds %3 images")
                             .arg(lh->rows)
                             .arg(QFileInfo(images.name()).fileName())
                             .arg(h.rows),
                labels->name());
        }
    }
    DatasetBuilder builder;
    qint64 rows = 0;
    try {
        builder.reserveColumns(qsizetype(h.columns) + 1);
        Columns values;
        auto read = readValues(images, h, maxRows, progress.subrange(0.0, labels ? 0.9 : 0.98), values);
        if (!read)
            return read.error();
        rows = read.value();
        addColumns(builder, report, values, h, prefixFor(h, images.name()));
        if (labels) {
            Columns labelValues;
            auto labelRead = readValues(*labels, *lh, maxRows, progress.subrange(0.9, 0.98), labelValues);
            if (!labelRead)
                return labelRead.error();
            addColumns(builder, report, labelValues, *lh, QStringLiteral("label"));
        }
    } catch (const std::bad_alloc &) {
        return outOfMemory(images.name(), h);
    }
    report.rows = rows;
    report.columns = builder.columnCount();
    auto built = builder.build();
    if (!built)
        return Error(built.error().message, images.name());
    progress.report(1.0, QStringLiteral("Done"));
    return LoadedDataset {std::move(built).value(), std::move(report)};
}

} // namespace

QString IdxReader::cancelledMessage()
{
    return CsvReader::cancelledMessage();
}

qint64 IdxReader::maxColumns()
{
    return kMaxColumns;
}

bool IdxReader::looksLikeIdx(QByteArrayView head)
{
    return head.size() >= 4 && head[0] == 0 && head[1] == 0 && elementSizeOf(quint8(head[2])) != 0 && head[3] != 0;
}

QString IdxReader::labelsFileFor(const QString &imagesPath)
{
    const QFileInfo info(imagesPath);
    QString name = info.fileName();
    const qsizetype at = name.lastIndexOf(QStringLiteral("images"));
    if (at < 0)
        return {};
    name.replace(at, 6, QStringLiteral("labels"));
    name.replace(QStringLiteral("idx3"), QStringLiteral("idx1"));
    QString base = name;
    if (base.endsWith(QStringLiteral(".gz")))
        base.chop(3);
    for (const QString &candidate : {name, base, base + QStringLiteral(".gz")}) {
        const QFileInfo labels(info.dir(), candidate);
        if (labels.isFile())
            return labels.filePath();
    }
    return {};
}

Base::Result<LoadedDataset> IdxReader::read(const QString &path, const IdxOptions &options)
{
    Base::NullProgressSink sink;
    return read(path, options, Base::Progress(sink));
}

Base::Result<LoadedDataset> IdxReader::read(
    const QString &path, const IdxOptions &options, const Base::Progress &progress)
{
    QString labelsPath = options.labelsPath;
    if (labelsPath.isEmpty() && options.findLabels)
        labelsPath = labelsFileFor(path);
    if (!labelsPath.isEmpty())
        return readPair(path, labelsPath, progress, options.maxRows);
    auto file = FileBytes::open(path);
    if (!file)
        return file.error();
    Source source(file->bytes(), path);
    return readSources(source, nullptr, file->size(), options.maxRows, progress);
}

Base::Result<LoadedDataset> IdxReader::readPair(
    const QString &imagesPath, const QString &labelsPath, const Base::Progress &progress, qint64 maxRows)
{
    auto images = FileBytes::open(imagesPath);
    if (!images)
        return images.error();
    auto labels = FileBytes::open(labelsPath);
    if (!labels)
        return labels.error();
    Source imageSource(images->bytes(), imagesPath);
    Source labelSource(labels->bytes(), labelsPath);
    return readSources(imageSource, &labelSource, images->size() + labels->size(), maxRows, progress);
}

Base::Result<LoadedDataset> IdxReader::readBytes(
    QByteArrayView bytes, const QString &name, const Base::Progress &progress, qint64 maxRows)
{
    Source source(std::string_view(bytes.data(), std::size_t(bytes.size())), name);
    return readSources(source, nullptr, bytes.size(), maxRows, progress);
}

} // namespace Tandem::Data
