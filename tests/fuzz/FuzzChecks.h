// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Dataset.h"
#include "core/data/LoadReport.h"

#include <cstdio>
#include <cstdlib>
#include <unordered_set>

/// Invariants every reader keeps, checked by the fuzz targets. A broken one
/// aborts, so libFuzzer saves the input as a crash.
namespace Tandem::Fuzz {

[[noreturn]] inline void fail(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

#define TANDEM_FUZZ_CHECK(cond)                                                                                        \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            ::Tandem::Fuzz::fail(#cond, __FILE__, __LINE__);                                                           \
    } while (false)

/// A failed read: a message a person can act on, and a position that is either
/// unknown (-1) or inside the file (>= 1).
inline void checkError(const Base::Error &error)
{
    TANDEM_FUZZ_CHECK(!error.message.isEmpty());
    TANDEM_FUZZ_CHECK(error.line == -1 || error.line >= 1);
    TANDEM_FUZZ_CHECK(error.column == -1 || error.column >= 1);
    TANDEM_FUZZ_CHECK(!error.toString().isEmpty());
}

/// A loaded dataset and its report agree with each other and with themselves.
inline void checkLoaded(const Data::LoadedDataset &loaded, qsizetype maxWarnings, qint64 maxRows = -1)
{
    using Data::ColumnType;
    TANDEM_FUZZ_CHECK(loaded.dataset != nullptr);
    const Data::Dataset &ds = *loaded.dataset;
    const Data::LoadReport &report = loaded.report;
    const qint64 rows = ds.rowCount();
    TANDEM_FUZZ_CHECK(rows >= 0);
    TANDEM_FUZZ_CHECK(maxRows < 0 || rows <= maxRows);
    TANDEM_FUZZ_CHECK(report.rows == rows);
    TANDEM_FUZZ_CHECK(report.columns == ds.columnCount());
    TANDEM_FUZZ_CHECK(report.columnReports.size() == ds.columnCount());
    TANDEM_FUZZ_CHECK(report.skippedRows >= 0);
    TANDEM_FUZZ_CHECK(report.warnings.size() <= maxWarnings);
    TANDEM_FUZZ_CHECK(report.droppedWarnings >= 0);

    std::unordered_set<std::u16string> names;
    for (qsizetype c = 0; c < ds.columnCount(); ++c) {
        const Data::Column &col = ds.column(c);
        TANDEM_FUZZ_CHECK(col.size() == rows);
        TANDEM_FUZZ_CHECK(!col.name().isEmpty());
        TANDEM_FUZZ_CHECK(names.insert(col.name().toStdU16String()).second);
        TANDEM_FUZZ_CHECK(col.missingCount() >= 0 && col.missingCount() <= rows);
        TANDEM_FUZZ_CHECK(col.missing().extent() <= rows);
        const auto urows = static_cast<std::size_t>(rows);
        switch (col.type()) {
        case ColumnType::Numeric: TANDEM_FUZZ_CHECK(col.numericValues().size() == urows); break;
        case ColumnType::Integer: TANDEM_FUZZ_CHECK(col.integerValues().size() == urows); break;
        case ColumnType::DateTime: TANDEM_FUZZ_CHECK(col.dateTimeValues().size() == urows); break;
        case ColumnType::Boolean: TANDEM_FUZZ_CHECK(col.booleanValues().size() == urows); break;
        case ColumnType::Categorical:
            TANDEM_FUZZ_CHECK(col.codes().size() == urows);
            for (qint64 r = 0; r < rows; ++r) {
                const qint32 code = col.codes()[static_cast<std::size_t>(r)];
                TANDEM_FUZZ_CHECK(col.isMissing(r) || (code >= 0 && code < col.categories().size()));
            }
            break;
        case ColumnType::Text: break;
        }
        const Data::ColumnReport &cr = report.columnReports[c];
        TANDEM_FUZZ_CHECK(cr.name == col.name());
        TANDEM_FUZZ_CHECK(cr.type == col.type());
        TANDEM_FUZZ_CHECK(cr.missing == col.missingCount());
        TANDEM_FUZZ_CHECK(cr.typeChangeLine == -1 || cr.typeChangeLine >= 1);
        // Every cell renders; a missing cell renders empty.
        for (qint64 r = 0; r < rows; ++r) {
            const QString text = col.toString(r);
            TANDEM_FUZZ_CHECK(!col.isMissing(r) || text.isEmpty());
        }
    }
    for (qsizetype i = 0; i < report.warnings.size(); ++i) {
        const Data::LoadWarning &w = report.warnings[i];
        TANDEM_FUZZ_CHECK(w.line == -1 || w.line >= 1);
        TANDEM_FUZZ_CHECK(w.column == -1 || w.column >= 1);
        TANDEM_FUZZ_CHECK(!w.message.isEmpty());
        if (i > 0) {
            const Data::LoadWarning &p = report.warnings[i - 1];
            TANDEM_FUZZ_CHECK(p.line < w.line || (p.line == w.line && p.column <= w.column));
        }
    }
    const QString fingerprint = ds.fingerprint();
    TANDEM_FUZZ_CHECK(fingerprint.size() == 64);
    TANDEM_FUZZ_CHECK(fingerprint == ds.fingerprint());
    TANDEM_FUZZ_CHECK(ds.memoryBytes() >= 0);
}

} // namespace Tandem::Fuzz
