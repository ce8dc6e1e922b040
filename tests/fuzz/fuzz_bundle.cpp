// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer target for Bundle::fromBytes. The first byte picks the mode: bit 0
// clear, the rest is a .tandem file as it is (the checksum refuses almost every
// change, which is what a damaged file meets); bit 0 set, the rest is a bundle
// without its last 32 bytes and the checksum is computed here, so that the
// manifest, pipeline and model readers meet the fuzzer's bytes. A bundle that
// loads must score a small request without crashing, and write itself out as
// bytes that load again to the same bytes.
#include "core/bundle/Bundle.h"
#include "core/bundle/JsonRows.h"
#include "core/bundle/Scorer.h"
#include "tests/fuzz/FuzzChecks.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace Tandem;

namespace {

/// Two records with a value of the right kind for every input column.
QJsonArray requestFor(const Bundle::InputSchema &schema)
{
    QJsonObject first;
    QJsonObject second;
    for (const Bundle::InputColumn &column : schema.columns()) {
        switch (column.type) {
        case Data::ColumnType::Categorical:
            first.insert(column.name, column.categories.value(0, QStringLiteral("a")));
            second.insert(column.name, QStringLiteral("not a known category"));
            break;
        case Data::ColumnType::DateTime:
            first.insert(column.name, QStringLiteral("2024-02-29T12:00:00Z"));
            break;
        default:
            first.insert(column.name, 1.5);
            second.insert(column.name, -1e300);
            break;
        }
    }
    return {first, second};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const quint8 selector = size > 0 ? data[0] : 0;
    QByteArray bytes = size > 0 ? QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)) : QByteArray();
    if (selector & 1)
        bytes += QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);

    auto loaded = Bundle::Bundle::fromBytes(bytes, QStringLiteral("fuzz.tandem"));
    if (!loaded.ok()) {
        Fuzz::checkError(loaded.error());
        TANDEM_FUZZ_CHECK(loaded.error().file == QStringLiteral("fuzz.tandem"));
        return 0;
    }
    const auto bundle = std::make_shared<const Bundle::Bundle>(std::move(loaded).value());

    // What loads writes itself out, and that loads again to the same bytes.
    const auto written = bundle->toBytes();
    TANDEM_FUZZ_CHECK(written.ok());
    const auto again = Bundle::Bundle::fromBytes(written.value(), QStringLiteral("again.tandem"));
    TANDEM_FUZZ_CHECK(again.ok());
    TANDEM_FUZZ_CHECK(again.value().toBytes().value() == written.value());

    // A small request: scored, or refused with a message; never a crash.
    const Bundle::InputSchema &schema = bundle->manifest().inputs;
    const auto request = Bundle::datasetFromRecords(schema, requestFor(schema), QStringLiteral("request"));
    if (!request.ok()) {
        Fuzz::checkError(request.error());
        return 0;
    }
    Bundle::RowPlaces places;
    places.source = QStringLiteral("request");
    const Bundle::Scorer scorer(bundle);
    for (const bool allowUnknown : {false, true}) {
        const auto scores = scorer.score(*request.value(), places, {true, allowUnknown});
        if (!scores.ok()) {
            Fuzz::checkError(scores.error());
            continue;
        }
        TANDEM_FUZZ_CHECK(scores.value().rowCount() == 2);
        if (bundle->manifest().task == Learn::Task::Classification) {
            TANDEM_FUZZ_CHECK(scores.value().labels.size() == 2);
            TANDEM_FUZZ_CHECK(scores.value().probabilities.rows() == 2);
        }
    }
    return 0;
}
