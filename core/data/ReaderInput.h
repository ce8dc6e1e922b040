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
Base::Result<std::string> gunzipAll(
    std::string_view compressed, const QString &name, const Base::Progress &progress, const QString &cancelledMessage);

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

/// Parses a text dataset: the UTF-8-or-other bytes (already inflated), the
/// progress to report on, and the report to fill.
using TextParse = std::function<Base::Result<std::shared_ptr<const Dataset>>(
    std::string_view bytes, const Base::Progress &progress, LoadReport &report)>;

/// The common frame of the text readers: a LoadReport for `name` and
/// `fileSize`, gzip inflated first when the bytes start with its magic (the first
/// 30% of the bar), then `parse` on the rest of the bar.
Base::Result<LoadedDataset> loadText(std::string_view bytes, const QString &name, qint64 fileSize,
    const Base::Progress &progress, const QString &cancelledMessage, const TextParse &parse);

} // namespace Tandem::Data::Detail
