// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/BinaryFormat.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

#include <algorithm>

namespace Tandem::Learn::BinaryFormat {
namespace {

Base::Status damaged(const QDataStream &stream, const char *what)
{
    if (stream.status() != QDataStream::Ok)
        return Base::Error(QStringLiteral("the model file is truncated or damaged (%1)").arg(QLatin1String(what)));
    return {};
}

} // namespace

void prepare(QDataStream &stream)
{
    stream.setVersion(QDataStream::Qt_6_4);
    stream.setByteOrder(QDataStream::LittleEndian);
    stream.setFloatingPointPrecision(QDataStream::DoublePrecision);
}

void writeHeader(QDataStream &out, const Magic &magic, quint32 version)
{
    out.writeRawData(magic.data(), int(magic.size()));
    out << version;
}

Base::Status readHeader(QDataStream &in, const Magic &magic, quint32 newestVersion, const QString &what)
{
    Magic header {};
    if (in.readRawData(header.data(), int(header.size())) != int(header.size()) || header != magic)
        return Base::Error(QStringLiteral("not a Tandem %1").arg(what));
    quint32 version = 0;
    in >> version;
    if (version == 0 || version > newestVersion)
        return Base::Error(QStringLiteral("the %1 has format version %2; this Tandem reads up to %3")
                               .arg(what)
                               .arg(version)
                               .arg(newestVersion));
    return {};
}

bool holds(QDataStream &in, qint64 count, qint64 bytesEach)
{
    if (count < 0)
        return false;
    const QIODevice *device = in.device();
    if (!device || device->isSequential() || count == 0)
        return true;
    return count <= device->bytesAvailable() / std::max<qint64>(bytesEach, 1);
}

Base::Status readStringList(QDataStream &in, QStringList &list)
{
    list.clear();
    quint32 count = 0;
    in >> count;
    // Each string takes at least its 4-byte length.
    if (in.status() != QDataStream::Ok || !holds(in, qint64(count), 4))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (string list)"));
    list.reserve(qsizetype(count));
    for (quint32 i = 0; i < count; ++i) {
        QString text;
        in >> text;
        list.append(std::move(text));
    }
    return damaged(in, "string list");
}

Base::Status readParamValues(QDataStream &in, QVariantMap &values)
{
    const auto damagedValues
        = [] { return Base::Error(QStringLiteral("the model file is truncated or damaged (parameters)")); };
    values.clear();
    quint32 count = 0;
    in >> count;
    // Each entry takes at least a key's length, a type id and a null flag.
    if (in.status() != QDataStream::Ok || !holds(in, qint64(count), 4 + 4 + 1))
        return damagedValues();
    for (quint32 i = 0; i < count; ++i) {
        QString key;
        in >> key;
        // QVariant's stream form starts with its type id (u32, the stream's byte order).
        const QByteArray head = in.device() ? in.device()->peek(4) : QByteArray();
        if (in.status() != QDataStream::Ok || head.size() != 4)
            return damagedValues();
        const int type = int(in.byteOrder() == QDataStream::LittleEndian ? qFromLittleEndian<quint32>(head.constData())
                                                                         : qFromBigEndian<quint32>(head.constData()));
        switch (type) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Double:
        case QMetaType::QString: break;
        default: return damagedValues();
        }
        QVariant value;
        in >> value;
        if (in.status() != QDataStream::Ok)
            return damagedValues();
        values.insert(key, value);
    }
    return {};
}

void writeMatrix(QDataStream &out, const Eigen::MatrixXd &matrix)
{
    out << qint64(matrix.rows()) << qint64(matrix.cols());
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        out << matrix.data()[i];
}

Base::Status readMatrix(QDataStream &in, Eigen::MatrixXd &matrix)
{
    qint64 rows = 0, cols = 0;
    in >> rows >> cols;
    // Each bound before the product, which a damaged size could overflow.
    const bool sizeFits = rows >= 0 && cols >= 0 && rows <= maxStoredElements && cols <= maxStoredElements
        && (cols == 0 || rows <= maxStoredElements / cols);
    if (in.status() != QDataStream::Ok || !sizeFits || !holds(in, rows * cols, qint64(sizeof(double))))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (matrix size)"));
    matrix.resize(rows, cols);
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        in >> matrix.data()[i];
    return damaged(in, "matrix");
}

void writeVector(QDataStream &out, const Eigen::VectorXd &vector)
{
    out << qint64(vector.size());
    for (Eigen::Index i = 0; i < vector.size(); ++i)
        out << vector[i];
}

Base::Status readVector(QDataStream &in, Eigen::VectorXd &vector)
{
    qint64 size = 0;
    in >> size;
    if (in.status() != QDataStream::Ok || size < 0 || size > maxStoredElements || !holds(in, size, sizeof(double)))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (vector size)"));
    vector.resize(size);
    for (Eigen::Index i = 0; i < size; ++i)
        in >> vector[i];
    return damaged(in, "vector");
}

} // namespace Tandem::Learn::BinaryFormat
