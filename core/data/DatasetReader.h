// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/ArffReader.h"
#include "core/data/CsvOptions.h"
#include "core/data/IdxReader.h"
#include "core/data/LoadReport.h"

#include <QString>
#include <QStringList>

namespace Tandem::Data {

/// The file formats Tandem reads.
enum class FileFormat : quint8 {
    Auto, ///< decide from the file name, then from the content
    Csv, ///< delimited text: CSV, TSV, ... (CsvReader)
    Arff, ///< Weka's ARFF (ArffReader)
    Idx, ///< MNIST's IDX (IdxReader)
};

/// "auto", "csv", "arff", "idx".
QString fileFormatName(FileFormat format);

/// Everything a read may be told. `csv` holds the text settings too: its
/// encoding, invalid-UTF-8 policy, out-of-range policy, maxRows and maxWarnings
/// apply to ARFF as well, and its maxRows to IDX (when idx.maxRows is -1), so one
/// import dialog drives every format.
struct ReadOptions {
    FileFormat format = FileFormat::Auto;
    CsvOptions csv;
    ArffOptions arff;
    IdxOptions idx;
};

/// The one entry point for opening a data file: picks the reader by the file
/// name, or by the content when the name says nothing, and runs it.
///
/// By name (letter case ignored, a trailing ".gz" looked through):
///  - .csv .tsv .tab .txt .data -> CSV;
///  - .arff -> ARFF;
///  - .idx, .idx1/.idx3 (and other .idxN), and names ending "-ubyte" as MNIST
///    ships them ("train-images-idx3-ubyte.gz", "t10k-labels.idx1-ubyte") -> IDX,
///    with the labels file found next to an images file (IdxReader::labelsFileFor).
/// By content, for any other name: an IDX header (00 00 type ndims), else an
/// ARFF header (the first line that is not blank or a % comment starts with
/// @relation), else CSV. Gzip is looked through for the content check too.
class DatasetReader
{
public:
    static Base::Result<LoadedDataset> read(
        const QString &path, const ReadOptions &options, const Base::Progress &progress);
    static Base::Result<LoadedDataset> read(const QString &path, const ReadOptions &options = {});

    /// The format `read` would use for `path` with FileFormat::Auto: by name, else
    /// by the first bytes of the file (an unreadable file counts as CSV, whose
    /// reader then reports why it cannot be read).
    static FileFormat detectFormat(const QString &path);
    /// The format the file name alone implies, or Auto when it implies none.
    static FileFormat formatFromName(const QString &path);
    /// The format the leading bytes imply (gzip already inflated or not).
    static FileFormat formatFromContent(QByteArrayView head);

    /// Glob patterns of the files Tandem opens, for file dialogs and drop checks
    /// ("*.csv", "*.csv.gz", "*.arff", "*-ubyte", ...), in lower case.
    static QStringList supportedPatterns();
    /// A QFileDialog name filter: "Datasets (*.csv ...);;All files (*)".
    static QString nameFilter();
    /// True when the file name matches one of supportedPatterns() (case ignored).
    static bool isSupportedName(const QString &path);
};

} // namespace Tandem::Data
