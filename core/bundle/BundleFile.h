// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Tandem::Bundle {

/// The container of a `.tandem` model bundle: three sections and a checksum in
/// one file, nothing else. All integers are little-endian.
///
/// ```
/// offset  size  field
///      0     8  magic: 89 54 4E 44 4D 0D 0A 1A  ("\x89TNDM\r\n\x1A", as PNG's: the
///               high byte catches 7-bit transfers, CR LF catches line-end conversion)
///      8     4  format version (u32), BundleFile::formatVersion
///     12     4  section count (u32): 3
///     16        each section: tag (4 ASCII bytes), length (u64), then `length` bytes:
///                 "MANI"  the manifest, UTF-8 JSON (BundleManifest)
///                 "PIPE"  the fitted Learn::Pipeline (Pipeline::save)
///                 "MODL"  the fitted Learn::Estimator (Estimator::save)
///    end-32   32  SHA-256 of every byte before it
/// ```
///
/// Every later format keeps the first 12 bytes, so that any Tandem can say that a
/// file is a bundle from a newer version. decode() refuses, each with its own
/// message naming the file: something that is not a bundle (no magic), a newer
/// format, a file cut short (a section or the checksum runs past its end), bytes
/// after the checksum, and a checksum that does not match (damaged or modified).
///
/// The checksum finds damage and careless edits; it is not a signature. A bundle
/// holds no code: loading one only ever reads numbers into models.
namespace BundleFile {

/// The format this Tandem writes and the newest it reads.
constexpr quint32 formatVersion = 1;

/// The decoded sections.
struct Sections {
    QByteArray manifest;
    QByteArray pipeline;
    QByteArray model;
};

/// The file's bytes for `sections`, checksum included.
QByteArray encode(const Sections &sections);

/// The sections of a bundle's bytes; `name` (the file) is named in every refusal.
Base::Result<Sections> decode(QByteArrayView bytes, const QString &name);

/// The format version in the header of `bytes` (0 when it is not a bundle's), read
/// without checking anything else.
quint32 peekVersion(QByteArrayView bytes);

/// The SHA-256 of `bytes` as lowercase hex (the dataset fingerprint's spelling).
QString sha256Hex(QByteArrayView bytes);

} // namespace BundleFile

} // namespace Tandem::Bundle
