// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/TextDecoding.h"

#include <cstring>

namespace Tandem::Data::Detail {

qint64 firstInvalidUtf8(std::string_view bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                lo = 0xA0; // no overlongs
            else if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; // <= U+10FFFF
        } else {
            return static_cast<qint64>(i);
        }
        if (i + length > n)
            return static_cast<qint64>(i);
        if (s[i + 1] < lo || s[i + 1] > hi)
            return static_cast<qint64>(i);
        for (std::size_t k = 2; k < length; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return static_cast<qint64>(i);
        }
        i += length;
    }
    return -1;
}

namespace {
void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

constexpr char16_t kWindows1252High[32] = {
    0x20AC,
    0x0081,
    0x201A,
    0x0192,
    0x201E,
    0x2026,
    0x2020,
    0x2021,
    0x02C6,
    0x2030,
    0x0160,
    0x2039,
    0x0152,
    0x008D,
    0x017D,
    0x008F,
    0x0090,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2022,
    0x2013,
    0x2014,
    0x02DC,
    0x2122,
    0x0161,
    0x203A,
    0x0153,
    0x009D,
    0x017E,
    0x0178,
};
} // namespace

std::string windows1252ToUtf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out.push_back(ch);
        else if (c < 0xA0)
            appendUtf8(out, kWindows1252High[c - 0x80]);
        else
            appendUtf8(out, c);
    }
    return out;
}

std::string utf16ToUtf8(std::string_view bytes, bool bigEndian, qint64 &replacements, qint64 &firstBadUnit)
{
    replacements = 0;
    firstBadUnit = -1;
    std::string out;
    out.reserve(bytes.size());
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t units = bytes.size() / 2;
    auto unitAt = [&](std::size_t k) -> char16_t {
        const unsigned a = s[2 * k];
        const unsigned b = s[2 * k + 1];
        return static_cast<char16_t>(bigEndian ? (a << 8) | b : (b << 8) | a);
    };
    auto bad = [&](std::size_t byteOffset) {
        if (firstBadUnit < 0)
            firstBadUnit = static_cast<qint64>(byteOffset);
        ++replacements;
        appendUtf8(out, 0xFFFD);
    };
    for (std::size_t k = 0; k < units; ++k) {
        const char16_t u = unitAt(k);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (k + 1 < units) {
                const char16_t v = unitAt(k + 1);
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    appendUtf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(v) - 0xDC00));
                    ++k;
                    continue;
                }
            }
            bad(2 * k);
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            bad(2 * k);
        } else {
            appendUtf8(out, u);
        }
    }
    if (bytes.size() % 2 != 0)
        bad(bytes.size() - 1);
    return out;
}

qint64 firstNul(std::string_view bytes, qint64 limit)
{
    const std::size_t n = std::min<std::size_t>(bytes.size(), static_cast<std::size_t>(std::max<qint64>(limit, 0)));
    if (n == 0)
        return -1; // memchr on an empty view may get a null pointer, which is undefined behaviour
    const void *hit = std::memchr(bytes.data(), 0, n);
    return hit ? static_cast<const char *>(hit) - bytes.data() : -1;
}

qint64 lineOfOffset(std::string_view bytes, qint64 offset)
{
    qint64 line = 1;
    const std::size_t end = std::min<std::size_t>(bytes.size(), static_cast<std::size_t>(offset));
    for (std::size_t i = 0; i < end; ++i) {
        if (bytes[i] == '\n')
            ++line;
        else if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))
            ++line;
    }
    return line;
}

} // namespace Tandem::Data::Detail
