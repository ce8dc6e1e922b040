// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/Dataset.h"
#include "core/data/LoadReport.h"

#include <QByteArrayView>
#include <QString>

namespace Tandem::Data {

/// IDX-only settings.
struct IdxOptions {
    /// The labels file to append as the last column "label"; when empty and
    /// findLabels is set, the MNIST naming convention finds it (see labelsFileFor).
    QString labelsPath;
    bool findLabels = true;
    /// Read only the first rows (previews); -1 reads everything.
    qint64 maxRows = -1;
};

/// Reads the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/),
/// raw or gzip-compressed (detected by magic bytes), into a Dataset.
///
/// A file is `00 00 TYPE NDIMS`, NDIMS big-endian 32-bit sizes, then the values
/// row-major and big-endian. TYPE is 08 ubyte, 09 sbyte, 0B short, 0C int (stored
/// as Integer columns) or 0D float, 0E double (Numeric columns; NaN is missing).
/// The first dimension is the row count; the others are flattened into columns
/// named px0, px1, ... (three or more dimensions: images, px{r*cols+c}), x0, x1,
/// ... (two dimensions), or one column (one dimension: "label" when the file name
/// says labels, else "value").
///
/// The header is checked before anything is allocated: the product of the sizes
/// (and its byte size) must fit in 64 bits, the columns must number at most
/// maxColumns(), and the values must fill the file exactly (a raw file's size is
/// known; for gzip the promise must be within deflate's 1032:1 limit of the
/// compressed size, and the stream is read in bounded chunks, so a truncated or
/// lying .gz fails with what it really held, never with a huge allocation).
///
/// Memory: Integer and Numeric cells take 8 bytes each, so Fashion-MNIST's
/// 60,000 x 784 training images take 376 MB (the file is 47 MB of bytes).
class IdxReader
{
public:
    /// One file; for an images file, its labels too as the last column "label"
    /// (IdxOptions::labelsPath, or found by the MNIST naming when findLabels).
    static Base::Result<LoadedDataset> read(
        const QString &path, const IdxOptions &options, const Base::Progress &progress);
    static Base::Result<LoadedDataset> read(const QString &path, const IdxOptions &options = {});

    /// An images file and its labels file as one Dataset, the label last. Both
    /// headers are read first: a labels file that is not one-dimensional, or whose
    /// count differs from the images', is refused before any values are read.
    static Base::Result<LoadedDataset> readPair(
        const QString &imagesPath, const QString &labelsPath, const Base::Progress &progress, qint64 maxRows = -1);

    /// One IDX file from bytes in memory; `name` stands in for the file name.
    static Base::Result<LoadedDataset> readBytes(
        QByteArrayView bytes, const QString &name, const Base::Progress &progress, qint64 maxRows = -1);

    /// The labels file that goes with an images file by the MNIST naming
    /// ("train-images-idx3-ubyte[.gz]" -> "train-labels-idx1-ubyte[.gz]",
    /// "t10k-images.idx3-ubyte" -> "t10k-labels.idx1-ubyte"), with or without
    /// ".gz", if it exists next to it; else an empty string.
    static QString labelsFileFor(const QString &imagesPath);

    /// True when the bytes start like an IDX header (00 00, a known type, 1-255 dimensions).
    static bool looksLikeIdx(QByteArrayView head);

    /// The most columns (values per row) an IDX file may have: 16,777,216.
    static qint64 maxColumns();

    /// The message of the Error returned when the progress sink asked to stop.
    static QString cancelledMessage();
};

} // namespace Tandem::Data
