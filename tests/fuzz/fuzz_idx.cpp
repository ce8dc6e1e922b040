// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer target for IdxReader::readBytes. The first byte picks maxRows
// (bit 0: read at most 1 row); the rest is the file, raw or gzip.
#include "core/data/IdxReader.h"
#include "tests/fuzz/FuzzChecks.h"

#include <cstddef>
#include <cstdint>

using namespace Tandem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const quint8 selector = size > 0 ? data[0] : 0;
    const QByteArrayView bytes = size > 0 ? QByteArrayView(data + 1, qsizetype(size - 1)) : QByteArrayView();
    const qint64 maxRows = (selector & 1) ? 1 : -1;

    Base::NullProgressSink sink;
    const auto result = Data::IdxReader::readBytes(bytes, QStringLiteral("fuzz.idx"), Base::Progress(sink), maxRows);
    if (!result.ok()) {
        Fuzz::checkError(result.error());
        return 0;
    }
    Fuzz::checkLoaded(result.value(), 1000, maxRows);
    // Every value of an IDX file is a cell: the payload is rows x columns values.
    TANDEM_FUZZ_CHECK(result.value().dataset->columnCount() >= 1);
    TANDEM_FUZZ_CHECK(result.value().dataset->columnCount() <= Data::IdxReader::maxColumns());
    return 0;
}
