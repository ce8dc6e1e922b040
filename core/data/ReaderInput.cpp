// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ReaderInput.h"

#include "core/data/TextDecoding.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <utility>

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

struct TextSource::File {
    QFile file;
    std::mutex mutex; // QFile's maps and read position are not thread-safe
    bool intact = true;
};

TextSource TextSource::fromMemory(std::string_view bytes)
{
    TextSource source;
    source.m_memory = bytes;
    source.m_size = qint64(bytes.size());
    return source;
}

Base::Result<TextSource> TextSource::openFile(const QString &path)
{
    TextSource source;
    source.m_file = std::make_shared<File>();
    source.m_file->file.setFileName(path);
    if (!source.m_file->file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("Cannot open the file: %1").arg(source.m_file->file.errorString()), path);
    source.m_size = source.m_file->file.size();
    return source;
}

TextSource TextSource::mid(qint64 offset) const
{
    TextSource source = *this;
    offset = std::clamp<qint64>(offset, 0, m_size);
    if (!m_file)
        source.m_memory = m_memory.substr(std::size_t(offset));
    source.m_offset += offset;
    source.m_size -= offset;
    return source;
}

bool TextSource::intact() const
{
    if (!m_file)
        return true;
    const std::lock_guard lock(m_file->mutex);
    return m_file->intact;
}

TextSource::Window TextSource::window(qint64 offset, qint64 length) const
{
    offset = std::clamp<qint64>(offset, 0, m_size);
    length = std::clamp<qint64>(length, 0, m_size - offset);
    Window w;
    w.m_offset = offset;
    if (!m_file) {
        w.m_view = m_memory.substr(std::size_t(offset), std::size_t(length));
        return w;
    }
    if (length == 0)
        return w;
    w.m_file = m_file;
    const std::lock_guard lock(m_file->mutex);
    QFile &file = m_file->file;
    if (uchar *mapped = file.map(m_offset + offset, length)) {
        w.m_mapped = mapped;
        w.m_view = std::string_view(reinterpret_cast<const char *>(mapped), std::size_t(length));
        return w;
    }
    // No map (a pipe, a file system without mmap, no address space): read the window.
    w.m_buffer.resize(qsizetype(length));
    qint64 got = 0;
    if (file.seek(m_offset + offset)) {
        while (got < length) {
            const qint64 n = file.read(w.m_buffer.data() + got, length - got);
            if (n <= 0)
                break;
            got += n;
        }
    }
    if (got < length)
        m_file->intact = false;
    w.m_buffer.truncate(qsizetype(got));
    w.m_view = std::string_view(w.m_buffer.constData(), std::size_t(got));
    return w;
}

TextSource::Window::Window(Window &&other) noexcept
    : m_file(std::move(other.m_file))
    , m_mapped(std::exchange(other.m_mapped, nullptr))
    , m_buffer(std::move(other.m_buffer))
    , m_view(std::exchange(other.m_view, {}))
    , m_offset(other.m_offset)
{ }

TextSource::Window &TextSource::Window::operator=(Window &&other) noexcept
{
    if (this != &other) {
        release();
        m_file = std::move(other.m_file);
        m_mapped = std::exchange(other.m_mapped, nullptr);
        m_buffer = std::move(other.m_buffer);
        m_view = std::exchange(other.m_view, {});
        m_offset = other.m_offset;
    }
    return *this;
}

TextSource::Window::~Window()
{
    release();
}

void TextSource::Window::release()
{
    if (m_mapped && m_file) {
        const std::lock_guard lock(m_file->mutex);
        m_file->file.unmap(m_mapped);
    }
    m_mapped = nullptr;
    m_file.reset();
    m_buffer = QByteArray();
    m_view = {};
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

Base::Error binaryDataError(qint64 offset, bool decompressed, const QString &name)
{
    return Error(QStringLiteral("This is not a text file: byte offset %1%2 is a NUL byte (binary data, or "
                                "UTF-16 without a byte order mark)")
                     .arg(offset)
                     .arg(decompressed ? QStringLiteral(" of the decompressed data") : QString()),
        name);
}

Base::Result<std::string> gunzipAll(std::string_view compressed, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, std::optional<CsvOptions::Encoding> textEncoding)
{
    using Enc = CsvOptions::Encoding;
    GzipStream stream(compressed);
    std::string out;
    out.resize(std::max<std::size_t>(compressed.size() * 4, kChunk));
    std::size_t produced = 0;
    bool probe = textEncoding && *textEncoding != Enc::Utf16LE && *textEncoding != Enc::Utf16BE;
    const QString stage = QStringLiteral("Decompressing");
    while (!stream.atEnd()) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        const std::size_t want = std::min(out.size() - produced, probe ? std::size_t(kProbeBytes) : kChunk * 16);
        auto got = stream.read(out.data() + produced, qint64(want), name);
        if (!got)
            return got.error();
        produced += std::size_t(got.value());
        if (probe && (produced >= std::size_t(kProbeBytes) || stream.atEnd())) {
            probe = false;
            const std::string_view head(out.data(), produced);
            const bool utf16Bom = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF";
            const qint64 nul = utf16Bom ? -1 : firstNul(head, kProbeBytes);
            if (nul >= 0)
                return binaryDataError(nul, true, name);
        }
        progress.report(double(stream.consumed()) / double(std::max<std::size_t>(compressed.size(), 1)), stage);
        if (progress.stopRequested())
            return Error(cancelledMessage, name);
    }
    out.resize(produced);
    return out;
}

Base::Result<LoadedDataset> loadText(const TextSource &bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, CsvOptions::Encoding encoding,
    const SourceParse &parse)
{
    LoadReport report;
    report.file = name;
    report.bytes = fileSize;
    std::string inflated;
    TextSource source = bytes;
    Base::Progress parseProgress = progress;
    if (isGzip(bytes.window(0, 2).bytes())) {
        report.gzip = true;
        auto result = gunzipAll(
            bytes.window(0, bytes.size()).bytes(), name, progress.subrange(0.0, 0.3), cancelledMessage, encoding);
        if (!result)
            return result.error();
        inflated = std::move(result).value();
        source = TextSource::fromMemory(inflated);
        parseProgress = progress.subrange(0.3, 1.0);
    }
    auto dataset = parse(source, parseProgress, report);
    if (!dataset)
        return dataset.error();
    // One order for every reader, whatever order the decoder and the parser warned in.
    std::stable_sort(report.warnings.begin(), report.warnings.end(), [](const LoadWarning &a, const LoadWarning &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    if (!bytes.intact())
        return Error(QStringLiteral("The file changed while it was read: it is shorter than when it was opened"), name);
    return LoadedDataset {std::move(dataset).value(), std::move(report)};
}

Base::Result<LoadedDataset> loadText(std::string_view bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, CsvOptions::Encoding encoding,
    const TextParse &parse)
{
    return loadText(TextSource::fromMemory(bytes), name, fileSize, progress, cancelledMessage, encoding,
        [&](const TextSource &source, const Base::Progress &parseProgress, LoadReport &report) {
            return parse(source.window(0, source.size()).bytes(), parseProgress, report);
        });
}

Base::Result<std::string_view> decodeText(std::string_view raw, CsvOptions::Encoding encoding,
    CsvOptions::InvalidUtf8 invalidUtf8, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, LoadReport &report, std::string &owned)
{
    auto text = decodeText(
        TextSource::fromMemory(raw), encoding, invalidUtf8, name, progress, cancelledMessage, report, owned);
    if (!text)
        return text.error();
    return text->window(0, text->size()).bytes(); // a view into `raw` or `owned`
}

Base::Result<TextSource> decodeText(const TextSource &source, CsvOptions::Encoding encoding,
    CsvOptions::InvalidUtf8 invalidUtf8, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, LoadReport &report, std::string &owned)
{
    using Enc = CsvOptions::Encoding;
    const TextSource::Window head = source.window(0, kProbeBytes);
    auto startsWith = [&](std::string_view prefix) { return head.bytes().substr(0, prefix.size()) == prefix; };
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
    const TextSource raw = source.mid(qint64(bomSize));
    // The converting paths need all the bytes at once; only UTF-8 is read in windows.
    auto whole = [&] { return raw.window(0, raw.size()); };

    if (encoding == Enc::Utf16LE || encoding == Enc::Utf16BE) {
        if (report.encoding.isEmpty())
            report.encoding = encoding == Enc::Utf16LE ? QStringLiteral("UTF-16LE") : QStringLiteral("UTF-16BE");
        qint64 replacements = 0;
        qint64 firstBad = -1;
        owned = utf16ToUtf8(whole().bytes(), encoding == Enc::Utf16BE, replacements, firstBad);
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
        return TextSource::fromMemory(owned);
    }
    const qint64 nul = firstNul(raw.window(0, kProbeBytes).bytes(), kProbeBytes);
    if (nul >= 0)
        return binaryDataError(nul + qint64(bomSize), false, name);
    if (encoding == Enc::Windows1252) {
        report.encoding = QStringLiteral("Windows-1252");
        owned = windows1252ToUtf8(whole().bytes());
        return TextSource::fromMemory(owned);
    }
    // Validate a window at a time (cut before a lead byte), so that a stop request is
    // seen promptly and a file's pages do not stay resident.
    qint64 bad = -1;
    const qint64 size = raw.size();
    for (qint64 pos = 0; pos < size;) {
        const TextSource::Window window = raw.window(pos, qint64(kChunk) * 16 + 3);
        const std::string_view bytes = window.bytes();
        std::size_t length = std::min<std::size_t>(bytes.size(), kChunk * 16);
        for (int k = 0;
             k < 3 && length < bytes.size() && length > 1 && (static_cast<unsigned char>(bytes[length]) & 0xC0) == 0x80;
             ++k)
            --length;
        const qint64 hit = firstInvalidUtf8(bytes.substr(0, length));
        if (hit >= 0) {
            bad = pos + hit;
            break;
        }
        if (length == 0)
            break; // a window came back empty: the file shrank (intact() says so)
        pos += qint64(length);
        progress.report(double(pos) / double(size), QStringLiteral("Checking the encoding"));
        if (progress.stopRequested())
            return Error(cancelledMessage, name);
    }
    if (report.encoding.isEmpty())
        report.encoding = QStringLiteral("UTF-8");
    if (bad < 0)
        return raw;
    const TextSource::Window all = whole();
    const qint64 line = lineOfOffset(all.bytes(), bad);
    const QString what = QStringLiteral("byte 0x%1 at byte offset %2 (line %3) is not valid UTF-8")
                             .arg(static_cast<unsigned char>(all.bytes()[std::size_t(bad)]), 2, 16, QLatin1Char('0'))
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
    owned = windows1252ToUtf8(all.bytes());
    return TextSource::fromMemory(owned);
}

} // namespace Tandem::Data::Detail
