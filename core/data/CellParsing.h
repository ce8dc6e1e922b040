// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <string_view>

/// Parsers for one cell's bytes, shared by the text readers. They work on
/// std::string_view over the file buffer: no allocation, no QString per cell.
namespace Tandem::Data::Detail {

/// Strips ASCII spaces and tabs from both ends. Inline: readers call it for
/// every cell, and most cells have nothing to strip.
Q_ALWAYS_INLINE std::string_view trimmed(std::string_view s)
{
    if (s.empty() || (s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t'))
        return s;
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

/// Optional sign, then decimal digits only, and the value fits in qint64.
/// Leading zeros are accepted ("007" is 7).
enum class IntParse : quint8 { Ok, Overflow, Invalid };
IntParse parseInt64(std::string_view s, qint64 &out);

/// parseInt64 for a column whose type is still being inferred: a negative zero
/// ("-0", "-000") is Invalid, so the column reads as numeric and keeps -0.0. As
/// an integer it would become 0, and a later promotion to numeric could not
/// bring the sign back: the result would depend on where the first fraction
/// appeared (and so on how a file was cut into chunks).
IntParse parseInferredInt64(std::string_view s, qint64 &out);

/// Decimal floating point through fast_float: correctly rounded (round to
/// nearest, ties to even), subnormals kept. Accepts an optional sign, digits with
/// one decimal point ('.' or ','), an exponent, and inf/infinity/nan spellings.
enum class DoubleParse : quint8 {
    Ok, ///< `out` holds the correctly rounded value (±inf only for an inf spelling)
    OutOfRange, ///< a finite spelling beyond the largest double; `out` is ±inf and must not be used
    Underflow, ///< a non-zero spelling below the smallest subnormal; `out` is ±0.0 (the correct rounding)
    NotANumber, ///< a nan spelling
    Invalid,
};
DoubleParse parseDouble(std::string_view s, char decimalPoint, double &out);

/// true/false/yes/no in any letter case.
bool parseBoolean(std::string_view s, bool &out);

/// ISO 8601 calendar dates and date-times:
///   YYYY-MM-DD
///   YYYY-MM-DD(T| )hh:mm[:ss[(.|,)fraction]][Z|±hh[[:]mm]]
/// Without an offset the time is taken as UTC. Fractions finer than a
/// millisecond are truncated. Returns milliseconds since 1970-01-01T00:00:00Z.
bool parseIsoDateTime(std::string_view s, qint64 &msecsSinceEpoch);

/// Days from 1970-01-01 to the proleptic Gregorian date y-m-d.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d);

} // namespace Tandem::Data::Detail
