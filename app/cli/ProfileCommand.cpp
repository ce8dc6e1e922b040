// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ProfileCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/JsonNumber.h"
#include "core/data/DatasetReader.h"
#include "core/data/Profile.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Tandem::Cli {
namespace {

using Data::ColumnProfile;
using Data::ColumnType;

const QString jsonOption = QStringLiteral("json");
const QString delimiterOption = QStringLiteral("delimiter");
const QString skipLinesOption = QStringLiteral("skip-lines");
const QString encodingOption = QStringLiteral("encoding");
const QString naOption = QStringLiteral("na");
const QString targetOption = QStringLiteral("target");

struct EncodingName {
    const char *name;
    Data::CsvOptions::Encoding encoding;
};

constexpr EncodingName encodingNames[] = {
    {"auto", Data::CsvOptions::Encoding::Auto},
    {"utf-8", Data::CsvOptions::Encoding::Utf8},
    {"utf-16le", Data::CsvOptions::Encoding::Utf16LE},
    {"utf-16be", Data::CsvOptions::Encoding::Utf16BE},
    {"windows-1252", Data::CsvOptions::Encoding::Windows1252},
};

/// "," ";" "|" ... (one ASCII character), or "tab" / "\t".
std::optional<char> parseDelimiter(const QString &text)
{
    if (text == QLatin1String("tab") || text == QLatin1String("\\t") || text == QLatin1String("\t"))
        return '\t';
    if (text.size() != 1 || text.at(0).unicode() < 0x20 || text.at(0).unicode() > 0x7e || text.at(0) == u'"')
        return std::nullopt;
    return static_cast<char>(text.at(0).unicode());
}

std::optional<Data::CsvOptions::Encoding> parseEncoding(QString text)
{
    text = text.toLower();
    if (text == QLatin1String("utf8"))
        text = QStringLiteral("utf-8");
    for (const EncodingName &entry : encodingNames) {
        if (text == QLatin1String(entry.name))
            return entry.encoding;
    }
    return std::nullopt;
}

QString encodingList()
{
    QStringList names;
    for (const EncodingName &entry : encodingNames)
        names << QString::fromLatin1(entry.name);
    return names.join(QStringLiteral(", "));
}

QJsonValue position(qint64 value)
{
    return value >= 0 ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonObject columnJson(const ColumnProfile &p, const QString &target)
{
    QJsonObject object {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("type"), Data::columnTypeName(p.type)},
        {QStringLiteral("count"), p.count},
        {QStringLiteral("missing"), p.missing},
        {QStringLiteral("distinct"), p.distinct},
        {QStringLiteral("distinct_estimated"), p.distinctEstimated},
        {QStringLiteral("mean"), jsonNumber(p.mean)},
        {QStringLiteral("std"), jsonNumber(p.std)},
        {QStringLiteral("min"), jsonNumber(p.min)},
        {QStringLiteral("q25"), jsonNumber(p.q25)},
        {QStringLiteral("median"), jsonNumber(p.median)},
        {QStringLiteral("q75"), jsonNumber(p.q75)},
        {QStringLiteral("max"), jsonNumber(p.max)},
    };
    if (p.hasNumericSummary()) {
        object.insert(QStringLiteral("zeros"), p.zeros);
        QJsonArray edges;
        for (const double edge : p.histogram.edges)
            edges.append(jsonNumber(edge));
        QJsonArray counts;
        for (const qint64 count : p.histogram.counts)
            counts.append(count);
        object.insert(QStringLiteral("histogram"),
            QJsonObject {{QStringLiteral("edges"), edges}, {QStringLiteral("counts"), counts}});
    } else {
        object.insert(QStringLiteral("zeros"), QJsonValue::Null);
        object.insert(QStringLiteral("histogram"), QJsonValue::Null);
    }
    if (p.hasTopValues()) {
        QJsonArray top;
        for (const Data::TopValue &value : p.top)
            top.append(QJsonObject {{QStringLiteral("value"), value.value}, {QStringLiteral("count"), value.count}});
        object.insert(QStringLiteral("top"), top);
        object.insert(QStringLiteral("top_approximate"), p.topApproximate);
    } else {
        object.insert(QStringLiteral("top"), QJsonValue::Null);
    }
    if (p.associationMeasure != Data::AssociationMeasure::None) {
        object.insert(QStringLiteral("association"),
            QJsonObject {{QStringLiteral("target"), target},
                {QStringLiteral("measure"), Data::associationMeasureName(p.associationMeasure)},
                {QStringLiteral("value"), jsonNumber(p.association)}});
    } else {
        object.insert(QStringLiteral("association"), QJsonValue::Null);
    }
    return object;
}

QString delimiterText(const Data::LoadReport &report)
{
    if (report.whitespaceDelimiter)
        return QStringLiteral("whitespace");
    return report.delimiter == '\t' ? QStringLiteral("\t") : QString(QLatin1Char(report.delimiter));
}

void printJson(const Data::LoadedDataset &loaded, const Data::Profile &profile, CliOutput &output)
{
    const Data::LoadReport &report = loaded.report;
    QJsonArray columns;
    for (const ColumnProfile &p : profile.columns())
        columns.append(columnJson(p, profile.target()));
    QJsonArray warnings;
    for (const Data::LoadWarning &warning : report.warnings) {
        warnings.append(QJsonObject {{QStringLiteral("line"), position(warning.line)},
            {QStringLiteral("column"), position(warning.column)}, {QStringLiteral("message"), warning.message}});
    }
    const QJsonObject object {
        {QStringLiteral("file"), report.file},
        {QStringLiteral("encoding"), report.encoding},
        {QStringLiteral("delimiter"), delimiterText(report)},
        {QStringLiteral("rows"), profile.rowCount()},
        {QStringLiteral("target"),
            profile.target().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(profile.target())},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("warnings"), warnings},
        {QStringLiteral("warnings_dropped"), report.droppedWarnings},
    };
    output.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

/// A statistic for people: 6 significant digits; datetimes as ISO 8601 (UTC).
QString formatValue(double value, ColumnType type)
{
    if (std::isnan(value))
        return QStringLiteral("-");
    if (type == ColumnType::DateTime && std::isfinite(value))
        return QDateTime::fromMSecsSinceEpoch(std::llround(value), Qt::UTC).toString(Qt::ISODateWithMs);
    return QString::number(value, 'g', 12);
}

QString measureText(Data::AssociationMeasure measure)
{
    switch (measure) {
    case Data::AssociationMeasure::None: break;
    case Data::AssociationMeasure::Pearson: return QStringLiteral("Pearson's r");
    case Data::AssociationMeasure::CorrelationRatio: return QStringLiteral("correlation ratio");
    case Data::AssociationMeasure::CramersV: return QStringLiteral("Cramér's V");
    }
    return {};
}

/// The histogram as one line of block characters, tallest bin full height.
QString sparkline(const Data::Histogram &histogram)
{
    static const char16_t blocks[] = u" ▁▂▃▄▅▆▇█";
    const qint64 highest
        = histogram.counts.empty() ? 0 : *std::max_element(histogram.counts.cbegin(), histogram.counts.cend());
    QString line;
    for (const qint64 count : histogram.counts) {
        const qint64 level = highest == 0 ? 0 : (count * 8 + highest - 1) / highest;
        line += QChar(blocks[level]);
    }
    return line;
}

void printText(const Data::LoadedDataset &loaded, const Data::Profile &profile, CliOutput &output)
{
    const Data::LoadReport &report = loaded.report;
    QTextStream &out = output.out();
    const QString delimiter = report.whitespaceDelimiter ? QStringLiteral("whitespace")
        : report.delimiter == '\t'                       ? QStringLiteral("tab")
                                                         : QStringLiteral("'%1'").arg(QLatin1Char(report.delimiter));
    out << report.file
        << QStringLiteral(": %1 rows x %2 columns, %3, delimiter %4\n")
               .arg(profile.rowCount())
               .arg(profile.columns().size())
               .arg(report.encoding, delimiter);

    const auto row = [&out](const QString &label, const QString &value) {
        out << QStringLiteral("  %1  %2\n").arg(label, -12).arg(value);
    };
    qsizetype index = 0;
    for (const ColumnProfile &p : profile.columns()) {
        out << QStringLiteral("\n%1. %2 (%3)\n").arg(++index).arg(p.name, Data::columnTypeName(p.type));
        const double rows = double(std::max<qint64>(profile.rowCount(), 1));
        row(QStringLiteral("count"), QString::number(p.count));
        row(QStringLiteral("missing"),
            QStringLiteral("%1 (%2%)").arg(p.missing).arg(100.0 * double(p.missing) / rows, 0, 'f', 1));
        row(QStringLiteral("distinct"),
            (p.distinctEstimated ? QStringLiteral("≈") : QString()) + QString::number(p.distinct));
        if (p.hasNumericSummary() && p.count > 0) {
            row(QStringLiteral("mean"), formatValue(p.mean, p.type));
            row(QStringLiteral("std"),
                p.type == ColumnType::DateTime && !std::isnan(p.std)
                    ? QStringLiteral("%1 s").arg(QString::number(p.std / 1000.0, 'g', 12))
                    : formatValue(p.std, ColumnType::Numeric));
            row(QStringLiteral("min"), formatValue(p.min, p.type));
            row(QStringLiteral("25%"), formatValue(p.q25, p.type));
            row(QStringLiteral("median"), formatValue(p.median, p.type));
            row(QStringLiteral("75%"), formatValue(p.q75, p.type));
            row(QStringLiteral("max"), formatValue(p.max, p.type));
            row(QStringLiteral("zeros"), QString::number(p.zeros));
            if (!p.histogram.counts.empty())
                row(QStringLiteral("histogram"),
                    QStringLiteral("%1  (%2 bins)").arg(sparkline(p.histogram)).arg(p.histogram.counts.size()));
        }
        if (p.hasTopValues() && !p.top.isEmpty()) {
            QStringList top;
            for (const Data::TopValue &value : p.top)
                top << QStringLiteral("%1 (%2)").arg(value.value).arg(value.count);
            row(p.topApproximate ? QStringLiteral("top (≈)") : QStringLiteral("top"), top.join(QStringLiteral(", ")));
        }
        if (p.associationMeasure != Data::AssociationMeasure::None) {
            row(QStringLiteral("association"),
                QStringLiteral("%1 (%2 with %3)")
                    .arg(formatValue(p.association, ColumnType::Numeric), measureText(p.associationMeasure),
                        profile.target()));
        }
    }
    if (!report.warnings.isEmpty()) {
        out << QStringLiteral("\nWarnings (%1):\n").arg(report.warnings.size() + report.droppedWarnings);
        for (const Data::LoadWarning &warning : report.warnings)
            out << QStringLiteral("  ") << warning.toString() << '\n';
        if (report.droppedWarnings > 0)
            out << QStringLiteral("  ... and %1 more\n").arg(report.droppedWarnings);
    }
}

} // namespace

QStringList ProfileCommand::synopsis() const
{
    return {QStringLiteral(
        "profile [--json] [--delimiter C] [--skip-lines N] [--encoding E] [--na TOKENS] [--target COL] FILE")};
}

QString ProfileCommand::details() const
{
    return QStringLiteral("Reads FILE (CSV/TSV, ARFF or IDX, by its name or content; .gz is read directly)\n"
                          "and prints, for each column: type, count, missing, distinct values (exact up to\n"
                          "100,000, then estimated: shown as ≈), and\n"
                          "  numeric, integer, datetime, boolean: mean, std (sample, ddof 1), min,\n"
                          "    quartiles (linear interpolation), max, zeros and a 20-bin histogram;\n"
                          "  categorical, text, boolean: the 10 most frequent values;\n"
                          "  with --target: Pearson's r (numeric vs numeric), the correlation ratio eta\n"
                          "    (numeric vs categorical) or Cramér's V (categorical vs categorical).\n"
                          "\n"
                          "--json prints one object: file, encoding, delimiter, rows, target, columns\n"
                          "(name, type, count, missing, distinct, distinct_estimated, mean, std, min,\n"
                          "q25, median, q75, max, zeros, histogram {edges, counts}, top [{value, count}],\n"
                          "association {target, measure, value}) and warnings (line, column, message).\n"
                          "Statistics that do not apply, NaN and infinities are null.\n");
}

void ProfileCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print the profile as JSON.")));
    parser.addOption(QCommandLineOption(QStringList {skipLinesOption},
        QStringLiteral("Lines to skip before the header, such as a title or a count line (default: 0)."),
        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {delimiterOption},
        QStringLiteral("The field delimiter: one character such as , ; | or 'tab', or 'whitespace' for runs of "
                       "spaces and tabs (default: detected)."),
        QStringLiteral("C")));
    parser.addOption(QCommandLineOption(QStringList {encodingOption},
        QStringLiteral("The text encoding: %1 (default: auto).").arg(encodingList()), QStringLiteral("E")));
    parser.addOption(QCommandLineOption(QStringList {naOption},
        QStringLiteral("Comma-separated cell values that mean missing, replacing the defaults "
                       "(NA,N/A,NaN,nan,null,NULL,?); an empty cell is always missing."),
        QStringLiteral("TOKENS")));
    parser.addOption(QCommandLineOption(
        QStringList {targetOption}, QStringLiteral("Associate every column with this one."), QStringLiteral("COL")));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The data file to profile."));
}

int ProfileCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty() || arguments.first().isEmpty())
        return output.usageError(QStringLiteral("missing argument FILE"));
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));

    Data::ReadOptions read;
    if (parser.isSet(delimiterOption)) {
        const QString value = parser.value(delimiterOption);
        const auto delimiter = parseDelimiter(value);
        if (value == QLatin1String("whitespace"))
            read.csv.whitespaceDelimiter = true;
        else if (!delimiter)
            return output.usageError(QStringLiteral(
                "invalid --delimiter '%1': expected one character such as , ; | or 'tab' or 'whitespace'")
                                         .arg(value));
        else
            read.csv.delimiter = *delimiter;
    }
    if (parser.isSet(skipLinesOption)) {
        bool ok = false;
        const qint64 lines = parser.value(skipLinesOption).toLongLong(&ok);
        if (!ok || lines < 0)
            return output.usageError(
                QStringLiteral("invalid --skip-lines '%1': expected a number >= 0").arg(parser.value(skipLinesOption)));
        read.csv.skipLines = lines;
    }
    if (parser.isSet(encodingOption)) {
        const QString value = parser.value(encodingOption);
        const auto encoding = parseEncoding(value);
        if (!encoding)
            return output.usageError(
                QStringLiteral("invalid --encoding '%1': expected one of %2").arg(value, encodingList()));
        read.csv.encoding = *encoding;
    }
    if (parser.isSet(naOption)) {
        QStringList tokens = parser.value(naOption).split(QLatin1Char(','));
        for (QString &token : tokens)
            token = token.trimmed();
        tokens.removeAll(QString());
        tokens.prepend(QString());
        read.csv.naTokens = tokens;
    }

    const QString path = arguments.first();
    const auto loaded = Data::DatasetReader::read(path, read);
    if (!loaded.ok())
        return output.failure(loaded.error());

    Data::ProfileOptions options;
    options.target = parser.value(targetOption);
    const auto profile = Data::Profile::compute(*loaded.value().dataset, options);
    if (!profile.ok()) {
        Base::Error error = profile.error();
        if (error.file.isEmpty())
            error.file = path;
        return output.failure(error);
    }

    if (parser.isSet(jsonOption))
        printJson(loaded.value(), profile.value(), output);
    else
        printText(loaded.value(), profile.value(), output);
    return ExitSuccess;
}

} // namespace Tandem::Cli
