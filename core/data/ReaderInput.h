// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/CsvOptions.h"
#include "core/data/Dataset.h"
#include "core/data/LoadReport.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

/// The byte-level front end the readers share: a file's bytes (memory-mapped
/// when possible), gzip inflation (whole or as a bounded stream) and the
/// decoding of text to UTF-8 with the same rules and messages everywhere.
namespace Tandem::Data::Detail {

/// A file's bytes: a read-only memory map when the platform allows it (no copy),
/// else the bytes read into memory. Move-only; the view lives as long as it does.
class FileBytes
{
public:
    /// Opens and maps `path`; an empty file is not an error here (size() == 0).
    static Base::Result<FileBytes> open(const QString &path);

    std::string_view bytes() const { return m_view; }
    qint64 size() const { return qint64(m_view.size()); }

private:
    std::unique_ptr<QFile> m_file;
    QByteArray m_buffer;
    std::string_view m_view;
};

/// Bytes a parser reads a window at a time: bytes in memory (every window is a
/// view into them, no copy), or a file mapped one window at a time.
///
/// Why windows: a memory-mapped file counts in the process's resident set for
/// every page read until it is unmapped, so one whole-file map makes a 400 MB
/// CSV cost 400 MB of RSS on top of its parsed values. A window is unmapped when
/// it is released, so only the windows in use at once stay resident. Copies share
/// the file; windows may be taken from several threads at once.
class TextSource
{
public:
    class Window;

    TextSource() = default;
    /// A view of `bytes`, which must outlive the source and its windows.
    static TextSource fromMemory(std::string_view bytes);
    /// The bytes of the file at `path`; an empty file is not an error here.
    static Base::Result<TextSource> openFile(const QString &path);

    qint64 size() const { return m_size; }
    /// The same bytes without the first `offset` (a byte order mark).
    TextSource mid(qint64 offset) const;
    /// Bytes [offset, offset + length), clamped to the end. Where a file cannot
    /// be mapped the window is read into memory instead.
    Window window(qint64 offset, qint64 length) const;
    /// False once a window of a file came back short (the file shrank while it
    /// was read); the reader must then refuse what it read.
    bool intact() const;

private:
    struct File;
    std::shared_ptr<File> m_file;
    std::string_view m_memory;
    qint64 m_offset = 0; ///< of the first byte, in the file
    qint64 m_size = 0;
};

/// One window of a TextSource; its bytes stay valid while it lives. Move-only.
class TextSource::Window
{
public:
    Window() = default;
    Window(Window &&other) noexcept;
    Window &operator=(Window &&other) noexcept;
    Window(const Window &) = delete;
    Window &operator=(const Window &) = delete;
    ~Window();

    std::string_view bytes() const { return m_view; }
    const char *begin() const { return m_view.data(); }
    const char *end() const { return m_view.data() + m_view.size(); }
    /// Where bytes() starts in the source.
    qint64 offset() const { return m_offset; }
    /// The source offset of a pointer into bytes(), and back.
    qint64 offsetOf(const char *p) const { return m_offset + (p - m_view.data()); }
    const char *at(qint64 offset) const { return m_view.data() + (offset - m_offset); }

private:
    friend class TextSource;
    void release();

    std::shared_ptr<File> m_file;
    uchar *m_mapped = nullptr;
    QByteArray m_buffer;
    std::string_view m_view;
    qint64 m_offset = 0;
};

/// True when the bytes start with the gzip magic (1f 8b).
bool isGzip(std::string_view bytes);

/// An incremental gzip (or zlib) decoder over compressed bytes in memory, for
/// readers that must bound what they allocate: they read a header, decide how
/// much they expect, then pull exactly that. Concatenated gzip members are
/// followed as one stream.
class GzipStream
{
public:
    explicit GzipStream(std::string_view compressed);
    ~GzipStream();
    GzipStream(const GzipStream &) = delete;
    GzipStream &operator=(const GzipStream &) = delete;

    /// Fills `out` with up to `size` decompressed bytes; returns how many were
    /// written (fewer than `size` only at the end of the stream), or an Error
    /// (corrupt data, or data cut off before the end of the gzip stream).
    Base::Result<qint64> read(char *out, qint64 size, const QString &name);
    /// True once the whole stream has been decoded.
    bool atEnd() const { return m_end; }
    /// Compressed bytes consumed so far (for progress).
    qint64 consumed() const { return m_consumed; }
    /// The most a deflate stream of `compressedBytes` can inflate to (deflate
    /// cannot compress better than about 1032:1), so that a header promising more
    /// is refused before anything is allocated.
    static qint64 maxInflatedSize(qint64 compressedBytes);

private:
    struct State;
    std::unique_ptr<State> m_state;
    std::string_view m_in;
    qint64 m_consumed = 0;
    bool m_end = false;
};

/// The whole decompressed content of `compressed`. Reports progress, polls the
/// stop flag (a stop returns an Error whose message is `cancelledMessage`).
/// Text readers pass the encoding they will decode with: unless it is UTF-16,
/// or the data starts with a UTF-16 byte order mark, a NUL byte in the first
/// 64 KiB refuses the data as binary as soon as that much is inflated, instead of
/// after inflating all of it (a small .gz can hold gigabytes). Binary readers pass
/// nothing.
Base::Result<std::string> gunzipAll(std::string_view compressed, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, std::optional<CsvOptions::Encoding> textEncoding = std::nullopt);

/// The Error refusing binary data: a NUL byte at `offset` (in the decompressed
/// data when `decompressed`).
Base::Error binaryDataError(qint64 offset, bool decompressed, const QString &name);

/// UTF-8 text from a text file's bytes, by CsvOptions::Encoding / InvalidUtf8:
/// a UTF-8 BOM is skipped; UTF-16LE/BE with a BOM (or chosen) is converted; a
/// NUL byte in the first 64 KiB refuses the file as binary; otherwise the bytes
/// are validated as UTF-8 in blocks (polling the stop flag) and invalid bytes are
/// decoded as Windows-1252 with a warning naming the first bad byte's offset and
/// line, or refused with the same details. Sets report.encoding and appends at
/// most one Encoding warning. The result views either `raw` or `owned`.
Base::Result<std::string_view> decodeText(std::string_view raw, CsvOptions::Encoding encoding,
    CsvOptions::InvalidUtf8 invalidUtf8, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, LoadReport &report, std::string &owned);

/// The same over a TextSource: UTF-8 text is returned as a window-read source
/// over the same bytes (a BOM skipped; validation reads one window at a time),
/// anything converted as a source over `owned`.
Base::Result<TextSource> decodeText(const TextSource &raw, CsvOptions::Encoding encoding,
    CsvOptions::InvalidUtf8 invalidUtf8, const QString &name, const Base::Progress &progress,
    const QString &cancelledMessage, LoadReport &report, std::string &owned);

/// Parses a text dataset: the UTF-8-or-other bytes (already inflated), the
/// progress to report on, and the report to fill.
using TextParse = std::function<Base::Result<std::shared_ptr<const Dataset>>(
    std::string_view bytes, const Base::Progress &progress, LoadReport &report)>;

/// The same for a parser that reads its input in windows.
using SourceParse = std::function<Base::Result<std::shared_ptr<const Dataset>>(
    const TextSource &bytes, const Base::Progress &progress, LoadReport &report)>;

/// The common frame of the text readers: a LoadReport for `name` and
/// `fileSize`, gzip inflated first when the bytes start with its magic (the first
/// 30% of the bar; see gunzipAll for `encoding`), then `parse` on the rest of the bar.
/// The report's warnings end sorted by line, then column (stable).
Base::Result<LoadedDataset> loadText(const TextSource &bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, CsvOptions::Encoding encoding,
    const SourceParse &parse);
Base::Result<LoadedDataset> loadText(std::string_view bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, CsvOptions::Encoding encoding,
    const TextParse &parse);

} // namespace Tandem::Data::Detail
