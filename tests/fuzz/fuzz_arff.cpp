// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer target for ArffReader::readBytes. The first byte picks the options
// (bit 0 refuse invalid UTF-8, 1 refuse out-of-range numbers, 2 maxRows, 3 small
// warning cap, 4 a weight column name that clashes with attribute names); the
// rest is the file.
#include "core/data/ArffReader.h"
#include "tests/fuzz/FuzzChecks.h"

#include <cstddef>
#include <cstdint>

using namespace Tandem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const quint8 selector = size > 0 ? data[0] : 0;
    const QByteArrayView bytes = size > 0 ? QByteArrayView(data + 1, qsizetype(size - 1)) : QByteArrayView();

    Data::CsvOptions text;
    if (selector & 1)
        text.invalidUtf8 = Data::CsvOptions::InvalidUtf8::Refuse;
    if (selector & 2)
        text.outOfRange = Data::CsvOptions::OutOfRange::Refuse;
    if (selector & 4)
        text.maxRows = 2;
    if (selector & 8)
        text.maxWarnings = 1;
    Data::ArffOptions arff;
    if (selector & 16)
        arff.weightColumn = QStringLiteral("a");

    Base::NullProgressSink sink;
    const auto result
        = Data::ArffReader::readBytes(bytes, QStringLiteral("fuzz.arff"), text, arff, Base::Progress(sink));
    if (!result.ok()) {
        Fuzz::checkError(result.error());
        return 0;
    }
    Fuzz::checkLoaded(result.value(), text.maxWarnings, text.maxRows);
    return 0;
}
