// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/DatasetReader.h"

#include "core/data/CellParsing.h"
#include "core/data/CsvReader.h"
#include "core/data/ReaderInput.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace Tandem::Data {

namespace {
constexpr qint64 kHeadBytes = 64 * 1024;

const QStringList &csvSuffixes()
{
    static const QStringList suffixes = {QStringLiteral(".csv"), QStringLiteral(".tsv"), QStringLiteral(".tab"),
        QStringLiteral(".txt"), QStringLiteral(".data")};
    return suffixes;
}
} // namespace

QString fileFormatName(FileFormat format)
{
    switch (format) {
    case FileFormat::Auto: return QStringLiteral("auto");
    case FileFormat::Csv: return QStringLiteral("csv");
    case FileFormat::Arff: return QStringLiteral("arff");
    case FileFormat::Idx: return QStringLiteral("idx");
    }
    return {};
}

FileFormat DatasetReader::formatFromName(const QString &path)
{
    QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(QStringLiteral(".gz")))
        name.chop(3);
    for (const QString &suffix : csvSuffixes()) {
        if (name.endsWith(suffix))
            return FileFormat::Csv;
    }
    if (name.endsWith(QStringLiteral(".arff")))
        return FileFormat::Arff;
    static const QRegularExpression idx(QStringLiteral("(\\.idx\\d*|-ubyte)$"));
    if (idx.match(name).hasMatch())
        return FileFormat::Idx;
    return FileFormat::Auto;
}

FileFormat DatasetReader::formatFromContent(QByteArrayView head)
{
    if (IdxReader::looksLikeIdx(head))
        return FileFormat::Idx;
    std::string_view text(head.data(), std::size_t(head.size()));
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    // The first line that is not blank or a comment.
    while (!text.empty()) {
        const std::size_t end = std::min(text.find_first_of("\r\n"), text.size());
        std::string_view line = Detail::trimmed(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
        if (line.empty() || line.front() == '%')
            continue;
        constexpr std::string_view kRelation = "@relation";
        if (line.size() > kRelation.size()
            && QByteArrayView(line.data(), qsizetype(kRelation.size()))
                    .compare(QByteArrayView(kRelation.data(), qsizetype(kRelation.size())), Qt::CaseInsensitive)
                == 0
            && (line[kRelation.size()] == ' ' || line[kRelation.size()] == '\t'))
            return FileFormat::Arff;
        break;
    }
    return FileFormat::Csv;
}

FileFormat DatasetReader::detectFormat(const QString &path)
{
    const FileFormat byName = formatFromName(path);
    if (byName != FileFormat::Auto)
        return byName;
    auto file = Detail::FileBytes::open(path);
    if (!file)
        return FileFormat::Csv;
    const std::string_view bytes = file->bytes();
    if (!Detail::isGzip(bytes))
        return formatFromContent(
            QByteArrayView(bytes.data(), qsizetype(std::min<std::size_t>(bytes.size(), kHeadBytes))));
    Detail::GzipStream stream(bytes);
    QByteArray head(kHeadBytes, Qt::Uninitialized);
    auto got = stream.read(head.data(), kHeadBytes, path);
    head.truncate(got ? qsizetype(got.value()) : 0);
    return formatFromContent(head);
}

Base::Result<LoadedDataset> DatasetReader::read(const QString &path, const ReadOptions &options)
{
    Base::NullProgressSink sink;
    return read(path, options, Base::Progress(sink));
}

Base::Result<LoadedDataset> DatasetReader::read(
    const QString &path, const ReadOptions &options, const Base::Progress &progress)
{
    const FileFormat format = options.format == FileFormat::Auto ? detectFormat(path) : options.format;
    switch (format) {
    case FileFormat::Arff: return ArffReader::read(path, options.csv, options.arff, progress);
    case FileFormat::Idx: {
        IdxOptions idx = options.idx;
        if (idx.maxRows < 0)
            idx.maxRows = options.csv.maxRows;
        return IdxReader::read(path, idx, progress);
    }
    case FileFormat::Auto:
    case FileFormat::Csv: break;
    }
    return CsvReader::read(path, options.csv, progress);
}

QStringList DatasetReader::supportedPatterns()
{
    QStringList patterns;
    for (const QString &suffix : csvSuffixes())
        patterns << QLatin1Char('*') + suffix << QLatin1Char('*') + suffix + QStringLiteral(".gz");
    patterns << QStringLiteral("*.arff") << QStringLiteral("*.arff.gz");
    patterns << QStringLiteral("*.idx") << QStringLiteral("*.idx.gz") << QStringLiteral("*.idx?")
             << QStringLiteral("*.idx?.gz") << QStringLiteral("*-ubyte") << QStringLiteral("*-ubyte.gz");
    return patterns;
}

QString DatasetReader::nameFilter()
{
    return QCoreApplication::translate("Tandem::Data::DatasetReader", "Datasets (%1);;All files (*)")
        .arg(supportedPatterns().join(QLatin1Char(' ')));
}

bool DatasetReader::isSupportedName(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    for (const QString &pattern : supportedPatterns()) {
        const QRegularExpression glob(
            QRegularExpression::wildcardToRegularExpression(pattern), QRegularExpression::CaseInsensitiveOption);
        if (glob.match(name).hasMatch())
            return true;
    }
    return false;
}

} // namespace Tandem::Data
