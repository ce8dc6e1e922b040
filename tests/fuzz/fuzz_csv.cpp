// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer target for CsvReader::readBytes. The first byte picks the options
// (bits: 0-1 delimiter, 2 header, 3 decimal comma, 4 ragged rows, 5 invalid
// UTF-8, 6 maxRows, 7 strict numbers and small caps; 2 and 7 together force
// column types); the rest is the file. Each input is read twice, on one thread
// and on two threads with tiny chunks (boundaries inside quotes and records),
// and the two reads must agree exactly: chunks change the speed, never the result.
#include "core/data/CsvReader.h"
#include "tests/fuzz/FuzzChecks.h"

#include <cstddef>
#include <cstdint>

using namespace Tandem;

namespace {

Data::CsvOptions optionsFor(quint8 selector)
{
    Data::CsvOptions o;
    static constexpr char kDelimiters[] = {0, ',', ';', '\t'};
    o.delimiter = kDelimiters[selector & 3];
    o.header = (selector & 4) ? Data::CsvOptions::Header::Absent : Data::CsvOptions::Header::Auto;
    o.decimalComma = (selector & 8) != 0;
    o.raggedRows = (selector & 16) ? Data::CsvOptions::RaggedRows::Skip : Data::CsvOptions::RaggedRows::Refuse;
    o.invalidUtf8
        = (selector & 32) ? Data::CsvOptions::InvalidUtf8::Refuse : Data::CsvOptions::InvalidUtf8::DecodeAsWindows1252;
    if (selector & 64)
        o.maxRows = 3;
    if (selector & 128) {
        o.outOfRange = Data::CsvOptions::OutOfRange::Refuse;
        o.maxWarnings = 2;
        o.categoricalMinimum = 2;
        o.categoricalFraction = 0.0;
    }
    if ((selector & 4) && (selector & 128)) {
        o.columnTypes.insert(QStringLiteral("column_1"), Data::ColumnType::Numeric);
        o.columnTypes.insert(QStringLiteral("column_2"), Data::ColumnType::Categorical);
    }
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const quint8 selector = size > 0 ? data[0] : 0;
    const QByteArrayView bytes = size > 0 ? QByteArrayView(data + 1, qsizetype(size - 1)) : QByteArrayView();
    Data::CsvOptions options = optionsFor(selector);
    options.threads = 1;

    Base::NullProgressSink sink;
    const auto result = Data::CsvReader::readBytes(bytes, QStringLiteral("fuzz.csv"), options, Base::Progress(sink));

    Data::CsvOptions chunked = options;
    chunked.threads = 2;
    chunked.chunkBytes = 1 + qint64(size / 3 + size % 17); // three or four chunks, boundaries anywhere
    const auto other = Data::CsvReader::readBytes(bytes, QStringLiteral("fuzz.csv"), chunked, Base::Progress(sink));
    TANDEM_FUZZ_CHECK(result.ok() == other.ok());

    if (!result.ok()) {
        Fuzz::checkError(result.error());
        TANDEM_FUZZ_CHECK(other.error().message == result.error().message);
        TANDEM_FUZZ_CHECK(other.error().line == result.error().line);
        TANDEM_FUZZ_CHECK(other.error().column == result.error().column);
        return 0;
    }
    Fuzz::checkLoaded(result.value(), options.maxWarnings, options.maxRows);
    const Data::LoadReport &report = result.value().report;
    TANDEM_FUZZ_CHECK(options.delimiter == 0 || report.delimiter == options.delimiter);
    TANDEM_FUZZ_CHECK(report.delimiterSniffed == (options.delimiter == 0));
    TANDEM_FUZZ_CHECK(options.header != Data::CsvOptions::Header::Absent || !report.hasHeader);
    TANDEM_FUZZ_CHECK(options.raggedRows == Data::CsvOptions::RaggedRows::Skip || report.skippedRows == 0);

    const Data::LoadReport &otherReport = other.value().report;
    TANDEM_FUZZ_CHECK(other.value().dataset->fingerprint() == result.value().dataset->fingerprint());
    TANDEM_FUZZ_CHECK(otherReport.rows == report.rows && otherReport.columns == report.columns);
    TANDEM_FUZZ_CHECK(otherReport.skippedRows == report.skippedRows);
    TANDEM_FUZZ_CHECK(otherReport.droppedWarnings == report.droppedWarnings);
    TANDEM_FUZZ_CHECK(otherReport.warnings.size() == report.warnings.size());
    for (qsizetype i = 0; i < report.warnings.size(); ++i) {
        TANDEM_FUZZ_CHECK(otherReport.warnings[i].toString() == report.warnings[i].toString());
        TANDEM_FUZZ_CHECK(otherReport.warnings[i].kind == report.warnings[i].kind);
    }
    return 0;
}
