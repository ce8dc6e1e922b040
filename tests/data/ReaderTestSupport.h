// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the reader tests: fixture paths, gzip in memory and
// writing a file. Their progress sink is tests/support/RecordingSink.h.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <zlib.h>

namespace Tandem::TestSupport {

/// tests/fixtures/data/<subdir>/<name>
inline QString dataFixture(const char *subdir, const char *name)
{
    return QStringLiteral(TANDEM_FIXTURES_DIR "/data/") + QString::fromLatin1(subdir) + QLatin1Char('/')
        + QString::fromLatin1(name);
}

/// `data` as one gzip member.
inline QByteArray gzip(const QByteArray &data, int level = Z_BEST_SPEED)
{
    z_stream zs {};
    deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size())) + 64), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace Tandem::TestSupport
