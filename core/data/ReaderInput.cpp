// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ReaderInput.h"

#include "core/data/TextDecoding.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace Tandem::Data::Detail {

using Base::Error;

namespace {
constexpr qint64 kProbeBytes = 64 * 1024;
constexpr std::size_t kChunk = std::size_t(1) << 20;
} // namespace

Base::Result<FileBytes> FileBytes::open(const QString &path)
{
    FileBytes result;
    result.m_file = std::make_unique<QFile>(path);
    if (!result.m_file->open(QIODevice::ReadOnly))
        return Error(QStringLiteral("Cannot open the file: %1").arg(result.m_file->errorString()), path);
    const qint64 size = result.m_file->size();
    if (uchar *mapped = size > 0 ? result.m_file->map(0, size) : nullptr) {
        result.m_view = std::string_view(reinterpret_cast<const char *>(mapped), std::size_t(size));
        return result;
    }
    result.m_buffer = result.m_file->readAll();
    result.m_view = std::string_view(result.m_buffer.constData(), std::size_t(result.m_buffer.size()));
    return result;
}

bool isGzip(std::string_view bytes)
{
    return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

struct GzipStream::State {
    z_stream zs {};
    bool initialised = false;
};

GzipStream::GzipStream(std::string_view compressed) : m_state(std::make_unique<State>()), m_in(compressed)
{
    m_state->initialised = inflateInit2(&m_state->zs, 15 + 32) == Z_OK;
}

GzipStream::~GzipStream()
{
    if (m_state->initialised)
        inflateEnd(&m_state->zs);
}

qint64 GzipStream::maxInflatedSize(qint64 compressedBytes)
{
    constexpr qint64 kRatio = 1032;
    return compressedBytes > std::numeric_limits<qint64>::max() / kRatio ? std::numeric_limits<qint64>::max()
                                                                         : compressedBytes * kRatio + 1024;
}

Base::Result<qint64> GzipStream::read(char *out, qint64 size, const QString &name)
{
    if (!m_state->initialised)
        return Error(QStringLiteral("Cannot start the gzip decoder"), name);
    z_stream &zs = m_state->zs;
    qint64 produced = 0;
    while (produced < size && !m_end) {
        const std::size_t inChunk = std::min<std::size_t>(m_in.size() - std::size_t(m_consumed), kChunk);
        const std::size_t outChunk = std::min<std::size_t>(std::size_t(size - produced), std::size_t(1) << 30);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(m_in.data() + m_consumed));
        zs.avail_in = uInt(inChunk);
        zs.next_out = reinterpret_cast<Bytef *>(out + produced);
        zs.avail_out = uInt(outChunk);
        const int ret = inflate(&zs, Z_NO_FLUSH);
        m_consumed += qint64(inChunk - zs.avail_in);
        produced += qint64(outChunk - zs.avail_out);
        if (ret == Z_STREAM_END) {
            const std::size_t at = std::size_t(m_consumed);
            if (at + 2 <= m_in.size() && m_in[at] == '\x1f' && m_in[at + 1] == '\x8b') {
                inflateReset(&zs); // another gzip member follows
                continue;
            }
            m_end = true;
            break;
        }
        if (ret == Z_OK || (ret == Z_BUF_ERROR && zs.avail_out == 0 && outChunk > 0)) {
            if (inChunk == 0 && zs.avail_out > 0)
                return Error(QStringLiteral("The gzip data is truncated: it ends before the end of its stream"), name);
            continue;
        }
        if (ret == Z_BUF_ERROR)
            return Error(QStringLiteral("The gzip data is truncated: it ends before the end of its stream"), name);
        return Error(QStringLiteral("The gzip data is corrupt at compressed byte %1 (%2)")
                         .arg(m_consumed)
                         .arg(QString::fromLatin1(zs.msg ? zs.msg : "zlib error")),
            name);
    }
    return produced;
}

Base::Result<std::string> gunzipAll(
    std::string_view compressed, const QString &name, const Base::Progress &progress, const QString &cancelledMessage)
{
    GzipStream stream(compressed);
    std::string out;
    out.resize(std::max<std::size_t>(compressed.size() * 4, kChunk));
    std::size_t produced = 0;
    const QString stage = QStringLiteral("Decompressing");
    while (!stream.atEnd()) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        const std::size_t want = std::min(out.size() - produced, kChunk * 16);
        auto got = stream.read(out.data() + produced, qint64(want), name);
        if (!got)
            return got.error();
        produced += std::size_t(got.value());
        progress.report(double(stream.consumed()) / double(std::max<std::size_t>(compressed.size(), 1)), stage);
        if (progress.stopRequested())
            return Error(cancelledMessage, name);
    }
    out.resize(produced);
    return out;
}

Base::Result<LoadedDataset> loadText(std::string_view bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, const TextParse &parse)
{
    LoadReport report;
    report.file = name;
    report.bytes = fileSize;
    std::string inflated;
    Base::Progress parseProgress = progress;
    if (isGzip(bytes)) {
        report.gzip = true;
        auto result = gunzipAll(bytes, name, progress.subrange(0.0, 0.3), cancelledMessage);
        if (!result)
            return result.error();
        inflated = std::move(result).value();
        bytes = inflated;
        parseProgress = progress.subrange(0.3, 1.0);
    }
    auto dataset = parse(bytes, parseProgress, report);
    if (!dataset)
        return dataset.error();
    return LoadedDataset {std::move(dataset).value(), std::move(report)};
}

Base::Result<std::string_view> decodeText(std::string_view raw, CsvOptions::Encoding encoding,
    CsvOptions::InvalidUtf8 invalidUtf8, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, LoadReport &report, std::string &owned)
{
    using Enc = CsvOptions::Encoding;
    auto startsWith = [&](std::string_view prefix) { return raw.substr(0, prefix.size()) == prefix; };
    auto warn = [&](qint64 line, QString message) {
        report.warnings.append(LoadWarning {LoadWarning::Kind::Encoding, line, -1, std::move(message)});
    };
    std::size_t bomSize = 0;
    if (startsWith("\xEF\xBB\xBF") && (encoding == Enc::Auto || encoding == Enc::Utf8)) {
        encoding = Enc::Utf8;
        bomSize = 3;
        report.encoding = QStringLiteral("UTF-8 (BOM)");
    } else if (startsWith("\xFF\xFE") && (encoding == Enc::Auto || encoding == Enc::Utf16LE)) {
        encoding = Enc::Utf16LE;
        bomSize = 2;
        report.encoding = QStringLiteral("UTF-16LE (BOM)");
    } else if (startsWith("\xFE\xFF") && (encoding == Enc::Auto || encoding == Enc::Utf16BE)) {
        encoding = Enc::Utf16BE;
        bomSize = 2;
        report.encoding = QStringLiteral("UTF-16BE (BOM)");
    }
    raw.remove_prefix(bomSize);

    if (encoding == Enc::Utf16LE || encoding == Enc::Utf16BE) {
        if (report.encoding.isEmpty())
            report.encoding = encoding == Enc::Utf16LE ? QStringLiteral("UTF-16LE") : QStringLiteral("UTF-16BE");
        qint64 replacements = 0;
        qint64 firstBad = -1;
        owned = utf16ToUtf8(raw, encoding == Enc::Utf16BE, replacements, firstBad);
        if (replacements > 0) {
            warn(-1,
                QStringLiteral("%1 invalid UTF-16 code unit(s) replaced by U+FFFD; the first at byte offset %2")
                    .arg(replacements)
                    .arg(firstBad + qint64(bomSize)));
        }
        const qint64 nul = firstNul(owned, kProbeBytes);
        if (nul >= 0) {
            return Error(
                QStringLiteral("This is not a text file: it holds a NUL character (UTF-8 offset %1)").arg(nul), name);
        }
        return std::string_view(owned);
    }
    const qint64 nul = firstNul(raw, kProbeBytes);
    if (nul >= 0) {
        return Error(QStringLiteral("This is not a text file: byte offset %1 is a NUL byte (binary data, or "
                                    "UTF-16 without a byte order mark)")
                         .arg(nul + qint64(bomSize)),
            name);
    }
    if (encoding == Enc::Windows1252) {
        report.encoding = QStringLiteral("Windows-1252");
        owned = windows1252ToUtf8(raw);
        return std::string_view(owned);
    }
    // Validate in blocks (cut before a lead byte) so that a stop request is seen promptly.
    qint64 bad = -1;
    for (std::size_t pos = 0; pos < raw.size();) {
        std::size_t length = std::min<std::size_t>(raw.size() - pos, kChunk * 16);
        for (int k = 0; k < 3 && pos + length < raw.size() && length > 1
             && (static_cast<unsigned char>(raw[pos + length]) & 0xC0) == 0x80;
             ++k)
            --length;
        const qint64 hit = firstInvalidUtf8(raw.substr(pos, length));
        if (hit >= 0) {
            bad = qint64(pos) + hit;
            break;
        }
        pos += length;
        progress.report(double(pos) / double(raw.size()), QStringLiteral("Checking the encoding"));
        if (progress.stopRequested())
            return Error(cancelledMessage, name);
    }
    if (report.encoding.isEmpty())
        report.encoding = QStringLiteral("UTF-8");
    if (bad < 0)
        return raw;
    const qint64 line = lineOfOffset(raw, bad);
    const QString what = QStringLiteral("byte 0x%1 at byte offset %2 (line %3) is not valid UTF-8")
                             .arg(static_cast<unsigned char>(raw[std::size_t(bad)]), 2, 16, QLatin1Char('0'))
                             .arg(bad + qint64(bomSize))
                             .arg(line);
    if (encoding == Enc::Utf8 || invalidUtf8 == CsvOptions::InvalidUtf8::Refuse) {
        return Error(
            QStringLiteral("The file is not valid UTF-8: %1. Choose its encoding (e.g. Windows-1252) to read it")
                .arg(what),
            name, line);
    }
    report.encoding = QStringLiteral("Windows-1252 (fallback)");
    warn(line, QStringLiteral("The file is not valid UTF-8 (%1); decoded the whole file as Windows-1252").arg(what));
    owned = windows1252ToUtf8(raw);
    return std::string_view(owned);
}

} // namespace Tandem::Data::Detail
