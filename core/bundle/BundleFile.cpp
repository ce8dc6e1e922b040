// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/BundleFile.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <array>
#include <cstring>
#include <optional>

namespace Tandem::Bundle::BundleFile {
namespace {

constexpr std::array<char, 8> magic = {'\x89', 'T', 'N', 'D', 'M', '\r', '\n', '\x1A'};
constexpr qsizetype headerBytes = 16; // magic, version, section count
constexpr qsizetype sectionHeaderBytes = 12; // tag, length
constexpr qsizetype checksumBytes = 32;
constexpr quint32 sectionCount = 3;

using Tag = std::array<char, 4>;
constexpr Tag manifestTag = {'M', 'A', 'N', 'I'};
constexpr Tag pipelineTag = {'P', 'I', 'P', 'E'};
constexpr Tag modelTag = {'M', 'O', 'D', 'L'};

template<typename T> void append(QByteArray &out, T value)
{
    const T little = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&little), qsizetype(sizeof little));
}

template<typename T> T readLittle(QByteArrayView bytes, qsizetype at)
{
    return qFromLittleEndian<T>(bytes.data() + at);
}

void appendSection(QByteArray &out, const Tag &tag, const QByteArray &payload)
{
    out.append(tag.data(), qsizetype(tag.size()));
    append<quint64>(out, quint64(payload.size()));
    out.append(payload);
}

QByteArray sha256(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

Base::Error refusal(const QString &name, const QString &message)
{
    return Base::Error(message, name);
}

QString tagText(const Tag &tag)
{
    QString text;
    for (const char c : tag)
        text += c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : QLatin1Char('?');
    return text;
}

/// Where the sections lie, read from their headers; a section running past the
/// body (the bytes before the checksum) is reported with its tag.
struct Layout {
    std::array<QByteArrayView, sectionCount> payloads;
    qsizetype end = 0; // where the sections end (the checksum should start here)
    std::optional<QString> problem;
    bool cutShort = false;
};

Layout readLayout(QByteArrayView bytes)
{
    Layout layout;
    const quint32 count = readLittle<quint32>(bytes, 12);
    if (count != sectionCount) {
        layout.problem = QStringLiteral("it declares %1 sections where format %2 has %3")
                             .arg(count)
                             .arg(formatVersion)
                             .arg(sectionCount);
        return layout;
    }
    const std::array<Tag, sectionCount> expected = {manifestTag, pipelineTag, modelTag};
    qsizetype at = headerBytes;
    for (quint32 s = 0; s < sectionCount; ++s) {
        if (bytes.size() - at < sectionHeaderBytes) {
            layout.cutShort = true;
            layout.problem = QStringLiteral("the file ends inside the header of section %1").arg(s + 1);
            return layout;
        }
        Tag tag;
        std::memcpy(tag.data(), bytes.data() + at, tag.size());
        if (tag != expected[s]) {
            layout.problem = QStringLiteral("section %1 is tagged \"%2\" where \"%3\" belongs")
                                 .arg(s + 1)
                                 .arg(tagText(tag), tagText(expected[s]));
            return layout;
        }
        const quint64 length = readLittle<quint64>(bytes, at + 4);
        at += sectionHeaderBytes;
        if (length > quint64(bytes.size() - at)) {
            layout.cutShort = true;
            layout.problem = QStringLiteral("section \"%1\" holds %2 bytes but only %3 follow")
                                 .arg(tagText(tag))
                                 .arg(length)
                                 .arg(bytes.size() - at);
            return layout;
        }
        layout.payloads[s] = bytes.sliced(at, qsizetype(length));
        at += qsizetype(length);
    }
    layout.end = at;
    return layout;
}

} // namespace

QByteArray encode(const Sections &sections)
{
    QByteArray out;
    out.reserve(headerBytes + 3 * sectionHeaderBytes + sections.manifest.size() + sections.pipeline.size()
        + sections.model.size() + checksumBytes);
    out.append(magic.data(), qsizetype(magic.size()));
    append<quint32>(out, formatVersion);
    append<quint32>(out, sectionCount);
    appendSection(out, manifestTag, sections.manifest);
    appendSection(out, pipelineTag, sections.pipeline);
    appendSection(out, modelTag, sections.model);
    out.append(sha256(out));
    return out;
}

quint32 peekVersion(QByteArrayView bytes)
{
    if (bytes.size() < 12 || std::memcmp(bytes.data(), magic.data(), magic.size()) != 0)
        return 0;
    return readLittle<quint32>(bytes, 8);
}

Base::Result<Sections> decode(QByteArrayView bytes, const QString &name)
{
    if (bytes.isEmpty())
        return refusal(name, QStringLiteral("not a Tandem model bundle: the file is empty"));
    const qsizetype signature = std::min<qsizetype>(bytes.size(), qsizetype(magic.size()));
    if (std::memcmp(bytes.data(), magic.data(), std::size_t(signature)) != 0)
        return refusal(name, QStringLiteral("not a Tandem model bundle (it does not start with a bundle's signature)"));
    if (bytes.size() < headerBytes)
        return refusal(name,
            QStringLiteral("the bundle is truncated: %1 bytes, fewer than its %2-byte header")
                .arg(bytes.size())
                .arg(headerBytes));
    const quint32 version = readLittle<quint32>(bytes, 8);
    if (version > formatVersion)
        return refusal(name,
            QStringLiteral("the bundle was made by a newer Tandem (format %1); this is format %2: open it with "
                           "that version or later")
                .arg(version)
                .arg(formatVersion));
    if (version == 0)
        return refusal(name, QStringLiteral("the bundle is damaged: its format version is 0"));

    // The checksum first: an intact file needs no further excuse. When it does not
    // match, the layout says whether the file was cut short or changed.
    const Layout layout = readLayout(bytes);
    const bool checksumFits = bytes.size() >= headerBytes + checksumBytes;
    const bool intact = checksumFits
        && sha256(bytes.first(bytes.size() - checksumBytes)) == QByteArrayView(bytes.last(checksumBytes));
    if (!intact) {
        const bool cutShort = layout.cutShort || (!layout.problem && layout.end + checksumBytes > bytes.size());
        if (cutShort)
            return refusal(name,
                QStringLiteral("the bundle is truncated: %1")
                    .arg(layout.problem.value_or(
                        QStringLiteral("its checksum needs %1 bytes after the sections, %2 are there")
                            .arg(checksumBytes)
                            .arg(bytes.size() - layout.end))));
        return refusal(name,
            QStringLiteral("the bundle is damaged or was modified: its SHA-256 checksum does not match its "
                           "content"));
    }
    if (layout.problem)
        return refusal(name, QStringLiteral("the bundle is damaged: %1").arg(*layout.problem));
    if (layout.end + checksumBytes != bytes.size())
        return refusal(
            name, QStringLiteral("the bundle is damaged: its sections do not end where its checksum begins"));
    return Sections {
        layout.payloads[0].toByteArray(), layout.payloads[1].toByteArray(), layout.payloads[2].toByteArray()};
}

QString sha256Hex(QByteArrayView bytes)
{
    return QString::fromLatin1(sha256(bytes).toHex());
}

} // namespace Tandem::Bundle::BundleFile
