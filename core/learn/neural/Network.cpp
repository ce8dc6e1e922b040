// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/Network.h"

#include "core/base/SeededRandom.h"
#include "core/learn/BinaryFormat.h"
#include "core/learn/neural/LayerSizes.h"

#include <QDataStream>

#include <algorithm>
#include <cmath>

namespace Tandem::Learn::Neural {

Network::Network(std::vector<Eigen::Index> units, Activation hidden, Output output)
    : m_units(std::move(units)), m_hidden(hidden), m_output(output)
{
    layout();
}

void Network::layout()
{
    m_offsets.clear();
    Eigen::Index offset = 0;
    for (std::size_t l = 0; l + 1 < m_units.size(); ++l) {
        m_offsets.push_back(offset);
        offset += m_units[l] * m_units[l + 1] + m_units[l + 1];
    }
    m_parameters = Eigen::VectorXd::Zero(offset);
}

Network::WeightsView Network::weights(Eigen::VectorXd &flat, int layer) const
{
    const auto l = std::size_t(layer);
    return WeightsView(flat.data() + m_offsets[l], m_units[l], m_units[l + 1]);
}

Network::ConstWeightsView Network::weights(const Eigen::VectorXd &flat, int layer) const
{
    const auto l = std::size_t(layer);
    return ConstWeightsView(flat.data() + m_offsets[l], m_units[l], m_units[l + 1]);
}

Network::BiasView Network::biases(Eigen::VectorXd &flat, int layer) const
{
    const auto l = std::size_t(layer);
    return BiasView(flat.data() + m_offsets[l] + m_units[l] * m_units[l + 1], m_units[l + 1]);
}

Network::ConstBiasView Network::biases(const Eigen::VectorXd &flat, int layer) const
{
    const auto l = std::size_t(layer);
    return ConstBiasView(flat.data() + m_offsets[l] + m_units[l] * m_units[l + 1], m_units[l + 1]);
}

void Network::initialize(Base::SeededRandom &random)
{
    const double factor = m_hidden == Activation::Logistic ? 2.0 : 6.0;
    for (int layer = 0; layer < layerCount(); ++layer) {
        WeightsView W = weights(m_parameters, layer);
        BiasView b = biases(m_parameters, layer);
        const double bound = std::sqrt(factor / double(W.rows() + W.cols()));
        // Row by row, as numpy fills its (fan_in, fan_out) array.
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
            for (Eigen::Index j = 0; j < W.cols(); ++j)
                W(i, j) = -bound + 2.0 * bound * random.uniform();
        }
        for (Eigen::Index j = 0; j < b.size(); ++j)
            b[j] = -bound + 2.0 * bound * random.uniform();
    }
}

double Network::weightSquaredNorm() const
{
    double sum = 0.0;
    for (int layer = 0; layer < layerCount(); ++layer)
        sum += weights(layer).squaredNorm();
    return sum;
}

Eigen::MatrixXd Network::forward(const Eigen::Ref<const Eigen::MatrixXd, 0, Eigen::OuterStride<>> &X) const
{
    constexpr Eigen::Index chunkRows = 4096;
    Eigen::MatrixXd outputs(X.rows(), outputCount());
    for (Eigen::Index first = 0; first < X.rows(); first += chunkRows) {
        const Eigen::Index rows = std::min(chunkRows, X.rows() - first);
        Eigen::MatrixXd a = X.middleRows(first, rows);
        for (int layer = 0; layer < layerCount(); ++layer) {
            Eigen::MatrixXd z = a * weights(layer);
            z.rowwise() += biases(layer).transpose();
            if (layer + 1 < layerCount())
                activate(m_hidden, z);
            a = std::move(z);
        }
        switch (m_output) {
        case Output::Softmax: softmaxRowsInPlace(a); break;
        case Output::Logistic: logisticInPlace(a); break;
        case Output::Identity: break;
        }
        outputs.middleRows(first, rows) = a;
    }
    return outputs;
}

Eigen::VectorXd Network::decide(const Eigen::MatrixXd &outputs) const
{
    switch (m_output) {
    case Output::Identity: return outputs.col(0);
    case Output::Logistic: return (outputs.col(0).array() > 0.5).cast<double>();
    case Output::Softmax: break;
    }
    Eigen::VectorXd classes(outputs.rows());
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
        Eigen::Index best = 0;
        outputs.row(i).maxCoeff(&best); // the first of equal maxima, as numpy's argmax
        classes[i] = double(best);
    }
    return classes;
}

void Network::write(QDataStream &out) const
{
    out << quint32(m_units.size());
    for (Eigen::Index units : m_units)
        out << qint64(units);
    out << quint8(m_hidden) << quint8(m_output);
    BinaryFormat::writeVector(out, m_parameters);
}

Base::Status Network::read(QDataStream &in)
{
    const auto damaged = [](const QString &what) {
        return Base::Error(QStringLiteral("the model file is truncated or damaged (network %1)").arg(what));
    };
    quint32 count = 0;
    in >> count;
    if (count < 2 || count > quint32(LayerSizes::maxLayers + 2))
        return damaged(QStringLiteral("layer count"));
    std::vector<Eigen::Index> units;
    for (quint32 i = 0; i < count; ++i) {
        qint64 size = 0;
        in >> size;
        if (size < 1 || size > BinaryFormat::maxStoredElements)
            return damaged(QStringLiteral("layer size"));
        units.push_back(Eigen::Index(size));
    }
    // The parameter count, checked before anything that size is allocated.
    qint64 total = 0;
    for (std::size_t l = 0; l + 1 < units.size(); ++l) {
        if (units[l] > BinaryFormat::maxStoredElements / units[l + 1])
            return damaged(QStringLiteral("layer size"));
        total += units[l] * units[l + 1] + units[l + 1];
        if (total > BinaryFormat::maxStoredElements)
            return damaged(QStringLiteral("layer size"));
    }
    quint8 hidden = 0, output = 0;
    in >> hidden >> output;
    if (hidden > quint8(Activation::Relu) || output > quint8(Output::Identity))
        return damaged(QStringLiteral("activation"));
    Eigen::VectorXd parameters;
    if (const Base::Status status = BinaryFormat::readVector(in, parameters); !status.ok())
        return status;
    // Checked before the layout allocates that many parameters.
    if (parameters.size() != total)
        return damaged(QStringLiteral("parameters"));
    *this = Network(std::move(units), Activation(hidden), Output(output));
    m_parameters = std::move(parameters);
    return {};
}

} // namespace Tandem::Learn::Neural
