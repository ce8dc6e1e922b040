// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <array>

class QDataStream;

namespace Tandem::Learn::BinaryFormat {

/// Every binary file Tandem's learning core writes (fitted models, pipelines)
/// starts with an 8-byte magic and a format version, then little-endian data
/// with IEEE doubles, so that a file written on one machine loads bit-identically
/// on any other.
using Magic = std::array<char, 8>;

/// Sets the stream's version, byte order and floating-point precision.
void prepare(QDataStream &stream);

void writeHeader(QDataStream &out, const Magic &magic, quint32 version);
/// Reads and checks the header. `what` names the file kind in messages: "not a
/// Tandem <what>", "the <what> has format version 3; this Tandem reads up to 2".
Base::Status readHeader(QDataStream &in, const Magic &magic, quint32 newestVersion, const QString &what);

/// Refuse absurd sizes in a damaged file before allocating anything.
constexpr qint64 maxStoredElements = qint64(1) << 34;

/// Whether the stream still holds `count` items of at least `bytesEach` bytes:
/// readers check a count read from a file with it before allocating that many
/// items, so that a damaged count costs an error, not the machine's memory. On a
/// sequential device (whose end is unknown) only `count >= 0` is checked.
bool holds(QDataStream &in, qint64 count, qint64 bytesEach);

/// A QStringList as `out << list` writes it, its count checked with holds()
/// first (QDataStream's own reader reserves whatever count the file says).
Base::Status readStringList(QDataStream &in, QStringList &list);

/// Hyperparameter values (a QVariantMap) as `out << values` writes them, taking
/// only the scalar types parameters have (bool, integers, double, string): a
/// QVariant of any other type, such as a list of a billion items, is refused
/// before it is read.
Base::Status readParamValues(QDataStream &in, QVariantMap &values);

/// Matrices and vectors: rows, columns, then the values (bit-exact).
void writeMatrix(QDataStream &out, const Eigen::MatrixXd &matrix);
Base::Status readMatrix(QDataStream &in, Eigen::MatrixXd &matrix);
void writeVector(QDataStream &out, const Eigen::VectorXd &vector);
Base::Status readVector(QDataStream &in, Eigen::VectorXd &vector);

} // namespace Tandem::Learn::BinaryFormat
