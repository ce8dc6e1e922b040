// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

/// Byte-level text helpers for the readers: UTF-8 validation and conversions of
/// other encodings to UTF-8, so that parsers only ever see UTF-8.
namespace Tandem::Data::Detail {

/// Offset of the first byte that is not part of well-formed UTF-8 (overlong
/// forms, surrogates and code points past U+10FFFF are ill-formed), or -1.
qint64 firstInvalidUtf8(std::string_view bytes);

/// Windows-1252 to UTF-8. The five bytes Windows-1252 leaves undefined (0x81,
/// 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same value, as in the
/// WHATWG encoding standard.
std::string windows1252ToUtf8(std::string_view bytes);

/// UTF-16 (without BOM) to UTF-8. Unpaired surrogates and a trailing odd byte
/// become U+FFFD; `replacements` counts them and `firstBadUnit` is the byte
/// offset (in `bytes`) of the first one, or -1.
std::string utf16ToUtf8(std::string_view bytes, bool bigEndian, qint64 &replacements, qint64 &firstBadUnit);

/// Index of the first NUL byte in the first `limit` bytes, or -1.
qint64 firstNul(std::string_view bytes, qint64 limit);

/// 1-based line of byte `offset` (LF, CRLF and CR each end a line).
qint64 lineOfOffset(std::string_view bytes, qint64 offset);

} // namespace Tandem::Data::Detail
