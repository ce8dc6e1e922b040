// SPDX-License-Identifier: GPL-3.0-or-later
// The .tandem container: sections round-trip, and every kind of bad file gets
// its own refusal: not a bundle, a newer format, truncated, damaged or modified.
#include "core/bundle/BundleFile.h"

#include <QCryptographicHash>
#include <QTest>
#include <QtEndian>

#include <algorithm>

using namespace Tandem::Bundle;

namespace {

BundleFile::Sections sampleSections()
{
    return {QByteArray("{\"model\": 1}"), QByteArray("pipeline bytes"), QByteArray(300, '\x07')};
}

QString refusal(const QByteArray &bytes)
{
    const auto decoded = BundleFile::decode(bytes, QStringLiteral("m.tandem"));
    return decoded.ok() ? QString() : decoded.error().message;
}

} // namespace

class TestBundleFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sectionsRoundTrip()
    {
        const QByteArray bytes = BundleFile::encode(sampleSections());
        // magic, version, count, three section headers, payloads, checksum
        QCOMPARE(bytes.size(), 16 + 3 * 12 + 12 + 14 + 300 + 32);
        QCOMPARE(bytes.first(8), QByteArray("\x89TNDM\r\n\x1A"));
        QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 8), BundleFile::formatVersion);
        QCOMPARE(BundleFile::peekVersion(bytes), BundleFile::formatVersion);
        const auto decoded = BundleFile::decode(bytes, QStringLiteral("m.tandem"));
        QVERIFY2(decoded.ok(), qPrintable(decoded.error().message));
        QCOMPARE(decoded.value().manifest, sampleSections().manifest);
        QCOMPARE(decoded.value().pipeline, sampleSections().pipeline);
        QCOMPARE(decoded.value().model, sampleSections().model);
        // Empty sections are allowed by the container.
        QVERIFY(BundleFile::decode(BundleFile::encode({}), QStringLiteral("e.tandem")).ok());
    }

    void notABundle_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("csv") << QByteArray("x,y\n1,2\n");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        QTest::newRow("one byte") << QByteArray("T");
        QTest::newRow("zip") << QByteArray("PK\x03\x04 and so on and so on and so on and so on");
    }

    void notABundle()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(refusal(bytes).startsWith(QStringLiteral("not a Tandem model bundle")));
        QCOMPARE(BundleFile::peekVersion(bytes), quint32(0));
        QCOMPARE(refusal(QByteArray()), QStringLiteral("not a Tandem model bundle: the file is empty"));
    }

    void aNewerFormatIsRefusedByName()
    {
        QByteArray bytes = BundleFile::encode(sampleSections());
        qToLittleEndian<quint32>(BundleFile::formatVersion + 1, bytes.data() + 8);
        QCOMPARE(refusal(bytes),
            QStringLiteral("the bundle was made by a newer Tandem (format %1); this is format %2: open it with that "
                           "version or later")
                .arg(BundleFile::formatVersion + 1)
                .arg(BundleFile::formatVersion));
        // Whatever follows the header: a newer format may lay its sections out differently.
        QVERIFY(refusal(bytes.first(16)).contains(QStringLiteral("newer Tandem")));
    }

    void everyCutIsTruncated()
    {
        const QByteArray bytes = BundleFile::encode(sampleSections());
        for (qsizetype size = 1; size < bytes.size(); ++size) {
            const QString message = refusal(bytes.first(size));
            QVERIFY2(message.startsWith(QStringLiteral("the bundle is truncated")),
                qPrintable(QStringLiteral("cut at %1: %2").arg(size).arg(message)));
        }
    }

    void everyChangedByteIsRefused()
    {
        const BundleFile::Sections sections = sampleSections();
        const QByteArray bytes = BundleFile::encode(sections);
        // Where the payloads lie: after the 16-byte header, each after its 12-byte header.
        QList<std::pair<qsizetype, qsizetype>> payloads;
        qsizetype at = 16;
        for (const QByteArray *payload : {&sections.manifest, &sections.pipeline, &sections.model}) {
            payloads.append({at + 12, at + 12 + payload->size()});
            at += 12 + payload->size();
        }
        const auto inPayload = [&](qsizetype i) {
            return std::any_of(payloads.begin(), payloads.end(), [i](auto r) { return i >= r.first && i < r.second; });
        };
        const QString modified
            = QStringLiteral("the bundle is damaged or was modified: its SHA-256 checksum does not match its content");
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            for (const char mask : {'\x01', '\x80', '\xFF'}) {
                QByteArray changed = bytes;
                changed[i] = char(changed[i] ^ mask);
                const QString message = refusal(changed);
                const QString where = QStringLiteral("byte %1 ^ %2: %3").arg(i).arg(int(quint8(mask))).arg(message);
                QVERIFY2(!message.isEmpty(), qPrintable(where));
                if (i < 8) {
                    QVERIFY2(message.startsWith(QStringLiteral("not a Tandem model bundle")), qPrintable(where));
                } else if (i < 12) {
                    // The version: another format (newer), or 0.
                    QVERIFY2(message.contains(QStringLiteral("newer Tandem"))
                            || message.contains(QStringLiteral("format version is 0")),
                        qPrintable(where));
                } else if (inPayload(i) || i >= bytes.size() - 32) {
                    QVERIFY2(message == modified, qPrintable(where));
                } else {
                    // A section count, tag or length: modified, or a length now past the end.
                    QVERIFY2(message == modified || message.startsWith(QStringLiteral("the bundle is truncated")),
                        qPrintable(where));
                }
            }
        }
        QCOMPARE(refusal(bytes + QByteArray("extra")), modified);
    }

    void anIntactFileWithABadLayoutIsDamaged()
    {
        // A file whose checksum matches but whose sections are not the format's
        // (written by something else): damaged, with the reason.
        QByteArray body = BundleFile::encode(sampleSections()).chopped(32);
        body[16] = 'X'; // the first section's tag
        body += QCryptographicHash::hash(body, QCryptographicHash::Sha256);
        QCOMPARE(refusal(body),
            QStringLiteral("the bundle is damaged: section 1 is tagged \"XANI\" where \"MANI\" belongs"));
    }
};

QTEST_GUILESS_MAIN(TestBundleFile)
#include "tst_bundlefile.moc"
