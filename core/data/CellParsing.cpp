// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CellParsing.h"

#include <fast_float/fast_float.h>

#include <cmath>

namespace Tandem::Data::Detail {

IntParse parseInt64(std::string_view s, qint64 &out)
{
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        ++i;
    }
    if (i == s.size())
        return IntParse::Invalid;
    const quint64 limit = negative ? quint64(1) << 63 : (quint64(1) << 63) - 1;
    quint64 value = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
        const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned('0');
        if (digit > 9)
            return IntParse::Invalid;
        if (!overflow) {
            if (value > (limit - digit) / 10)
                overflow = true;
            else
                value = value * 10 + digit;
        }
    }
    if (overflow)
        return IntParse::Overflow;
    out = negative ? static_cast<qint64>(0 - value) : static_cast<qint64>(value);
    return IntParse::Ok;
}

IntParse parseInferredInt64(std::string_view s, qint64 &out)
{
    qint64 value = 0;
    const IntParse parsed = parseInt64(s, value);
    if (parsed == IntParse::Ok && value == 0 && s.front() == '-')
        return IntParse::Invalid;
    out = value;
    return parsed;
}

namespace {
bool hasNonZeroMantissaDigit(std::string_view s)
{
    for (const char c : s) {
        if (c == 'e' || c == 'E')
            break;
        if (c >= '1' && c <= '9')
            return true;
    }
    return false;
}
} // namespace

DoubleParse parseDouble(std::string_view s, char decimalPoint, double &out)
{
    const char *first = s.data();
    const char *last = first + s.size();
    if (first == last)
        return DoubleParse::Invalid;
    // fast_float 3.x rejects a leading '+'; accept it here, but never "+-1" or "++1".
    if (*first == '+') {
        ++first;
        if (first == last || *first == '-' || *first == '+')
            return DoubleParse::Invalid;
    }
    const fast_float::parse_options options(fast_float::chars_format::general, decimalPoint);
    const auto result = fast_float::from_chars_advanced(first, last, out, options);
    if (result.ec != std::errc() || result.ptr != last)
        return DoubleParse::Invalid;
    if (std::isnan(out))
        return DoubleParse::NotANumber;
    if (std::isinf(out)) {
        const char *p = first;
        if (*p == '-')
            ++p;
        // fast_float returns inf for "inf"/"infinity" and for finite spellings past DBL_MAX.
        return (*p == 'i' || *p == 'I') ? DoubleParse::Ok : DoubleParse::OutOfRange;
    }
    if (out == 0.0 && hasNonZeroMantissaDigit(s))
        return DoubleParse::Underflow;
    return DoubleParse::Ok;
}

bool parseBoolean(std::string_view s, bool &out)
{
    auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); };
    auto equals = [&](std::string_view word) {
        if (s.size() != word.size())
            return false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (lower(s[i]) != word[i])
                return false;
        }
        return true;
    };
    switch (s.size()) {
    case 2:
        if (equals("no")) {
            out = false;
            return true;
        }
        return false;
    case 3:
        if (equals("yes")) {
            out = true;
            return true;
        }
        return false;
    case 4:
        if (equals("true")) {
            out = true;
            return true;
        }
        return false;
    case 5:
        if (equals("false")) {
            out = false;
            return true;
        }
        return false;
    default: return false;
    }
}

qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    // Howard Hinnant's days_from_civil.
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

namespace {
bool digits(std::string_view s, std::size_t at, std::size_t count, unsigned &out)
{
    if (at + count > s.size())
        return false;
    unsigned v = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned('0');
        if (digit > 9)
            return false;
        v = v * 10 + digit;
    }
    out = v;
    return true;
}

bool isLeap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
} // namespace

bool parseIsoDateTime(std::string_view s, qint64 &msecsSinceEpoch)
{
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, year) || !digits(s, 5, 2, month)
        || !digits(s, 8, 2, day))
        return false;
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    if (day > kDays[month - 1] + (month == 2 && isLeap(year) ? 1 : 0))
        return false;
    qint64 ms = daysFromCivil(year, month, day) * 86'400'000;
    if (s.size() == 10) {
        msecsSinceEpoch = ms;
        return true;
    }
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return false;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    if (!digits(s, 11, 2, hour) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, minute) || hour > 23
        || minute > 59)
        return false;
    std::size_t i = 16;
    unsigned millis = 0;
    if (i < s.size() && s[i] == ':') {
        if (!digits(s, i + 1, 2, second) || second > 59)
            return false;
        i += 3;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            const std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                if (i - start < 3)
                    millis = millis * 10 + static_cast<unsigned>(s[i] - '0');
                ++i;
            }
            const std::size_t count = i - start;
            if (count == 0 || count > 9)
                return false;
            for (std::size_t k = count; k < 3; ++k)
                millis *= 10;
        }
    }
    ms += (qint64(hour) * 3600 + qint64(minute) * 60 + second) * 1000 + millis;
    if (i == s.size()) {
        msecsSinceEpoch = ms;
        return true;
    }
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
        msecsSinceEpoch = ms;
        return true;
    }
    if (s[i] != '+' && s[i] != '-')
        return false;
    const qint64 sign = s[i] == '-' ? -1 : 1;
    unsigned offH = 0;
    unsigned offM = 0;
    if (!digits(s, i + 1, 2, offH) || offH > 23)
        return false;
    i += 3;
    const bool colon = i < s.size() && s[i] == ':';
    if (colon)
        ++i;
    if (i < s.size() || colon) {
        if (!digits(s, i, 2, offM) || offM > 59 || i + 2 != s.size())
            return false;
    }
    msecsSinceEpoch = ms - sign * (qint64(offH) * 3600 + qint64(offM) * 60) * 1000;
    return true;
}

} // namespace Tandem::Data::Detail
