// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/MultilayerPerceptron.h"

#include "core/base/SeededRandom.h"
#include "core/learn/neural/LayerSizes.h"
#include "core/learn/neural/Trainer.h"

#include <QDataStream>

#include <limits>
#include <new>

namespace Tandem::Learn {

using namespace Neural;

MultilayerPerceptron::MultilayerPerceptron(Kind kind) : m_kind(kind)
{
    initParams();
}

QString MultilayerPerceptron::id() const
{
    return m_kind == Kind::Classifier ? QStringLiteral("mlp") : QStringLiteral("mlp_reg");
}

Task MultilayerPerceptron::task() const
{
    return m_kind == Kind::Classifier ? Task::Classification : Task::Regression;
}

QList<ParamSpec> MultilayerPerceptron::params() const
{
    const double inf = std::numeric_limits<double>::infinity();
    const QStringList activations {activationName(Activation::Relu), activationName(Activation::Tanh),
        activationName(Activation::Logistic), activationName(Activation::Identity)};
    ParamSpec beta1 = ParamSpec::real(
        QStringLiteral("beta_1"), 0.9, 0.0, 1.0, QStringLiteral("Adam: decay of the running mean of the gradient"));
    beta1.maximumInclusive = false;
    ParamSpec beta2 = ParamSpec::real(QStringLiteral("beta_2"), 0.999, 0.0, 1.0,
        QStringLiteral("Adam: decay of the running mean of the squared gradient"));
    beta2.maximumInclusive = false;
    ParamSpec validationFraction = ParamSpec::real(QStringLiteral("validation_fraction"), 0.1, 0.0, 1.0,
        QStringLiteral("Early stopping: the fraction of the rows held out to validate on"), false);
    validationFraction.maximumInclusive = false;
    return {
        ParamSpec::text(
            QStringLiteral("hidden_layer_sizes"), QStringLiteral("100"), LayerSizes::syntax(),
            [](const QString &text) {
                const auto sizes = LayerSizes::parse(text);
                return sizes.ok() ? QString() : sizes.error().message;
            },
            QStringLiteral("Units of each hidden layer, first to last")),
        ParamSpec::choice(QStringLiteral("activation"), activationName(Activation::Relu), activations,
            QStringLiteral("Activation of the hidden layers")),
        ParamSpec::choice(QStringLiteral("solver"), QStringLiteral("adam"),
            {QStringLiteral("adam"), QStringLiteral("sgd")},
            QStringLiteral("adam or sgd (stochastic gradient descent with momentum)")),
        ParamSpec::real(
            QStringLiteral("alpha"), 1e-4, 0.0, inf, QStringLiteral("L2 penalty on the weights"), true, true),
        ParamSpec::integer(QStringLiteral("batch_size"), 200, 1, 1e9,
            QStringLiteral("Rows per mini-batch (at most the number of rows)")),
        ParamSpec::real(
            QStringLiteral("learning_rate_init"), 0.001, 0.0, inf, QStringLiteral("Initial step size"), false, true),
        ParamSpec::choice(QStringLiteral("learning_rate"), QStringLiteral("constant"),
            {QStringLiteral("constant"), QStringLiteral("invscaling"), QStringLiteral("adaptive")},
            QStringLiteral("sgd: constant, decaying with the samples seen, or divided by 5 when the loss stalls")),
        ParamSpec::real(QStringLiteral("power_t"), 0.5, 0.0, inf, QStringLiteral("sgd invscaling: the decay exponent")),
        ParamSpec::real(QStringLiteral("momentum"), 0.9, 0.0, 1.0, QStringLiteral("sgd: momentum of the updates")),
        ParamSpec::boolean(QStringLiteral("nesterovs_momentum"), true, QStringLiteral("sgd: use Nesterov's momentum")),
        beta1,
        beta2,
        ParamSpec::real(QStringLiteral("epsilon"), 1e-8, 0.0, inf,
            QStringLiteral("Adam: added to the root mean square for stability"), false, true),
        ParamSpec::integer(QStringLiteral("max_iter"), 200, 1, 1e9, QStringLiteral("Maximum epochs")),
        ParamSpec::boolean(QStringLiteral("shuffle"), true, QStringLiteral("Shuffle the rows before each epoch")),
        ParamSpec::real(QStringLiteral("tol"), 1e-4, 0.0, inf,
            QStringLiteral("The improvement of the loss (or validation score) that counts as progress"), true, true),
        ParamSpec::integer(QStringLiteral("n_iter_no_change"), 10, 1, 1e9,
            QStringLiteral("Stop after this many epochs without progress")),
        ParamSpec::boolean(QStringLiteral("early_stopping"), false,
            QStringLiteral("Stop on a held-out validation score instead of the training loss")),
        validationFraction,
    };
}

Base::Result<Network> MultilayerPerceptron::architecture(Eigen::Index features, int classes) const
{
    auto hidden = LayerSizes::parse(paramChoice(QStringLiteral("hidden_layer_sizes")));
    if (!hidden.ok())
        return Base::Error(QStringLiteral("hidden_layer_sizes: %1").arg(hidden.error().message));
    std::vector<Eigen::Index> units {features};
    units.insert(units.end(), hidden.value().begin(), hidden.value().end());
    Output output = Output::Identity;
    if (m_kind == Kind::Classifier) {
        output = classes == 2 ? Output::Logistic : Output::Softmax;
        units.push_back(classes == 2 ? 1 : classes);
    } else {
        units.push_back(1);
    }
    const auto activation = activationFromName(paramChoice(QStringLiteral("activation")));
    return Network(std::move(units), activation.value_or(Activation::Relu), output);
}

Base::Status MultilayerPerceptron::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const int classes = context.classCount;
    if (m_kind == Kind::Classifier && classes < 2)
        return Base::Error(QStringLiteral("mlp needs at least two classes, got %1").arg(classes));

    TrainingOptions options;
    OptimizerOptions &optimizer = options.optimizer;
    optimizer.solver = paramChoice(QStringLiteral("solver")) == QLatin1String("sgd") ? OptimizerOptions::Solver::Sgd
                                                                                     : OptimizerOptions::Solver::Adam;
    optimizer.learningRate = paramDouble(QStringLiteral("learning_rate_init"));
    const QString schedule = paramChoice(QStringLiteral("learning_rate"));
    optimizer.schedule = schedule == QLatin1String("invscaling") ? OptimizerOptions::Schedule::InverseScaling
        : schedule == QLatin1String("adaptive")                  ? OptimizerOptions::Schedule::Adaptive
                                                                 : OptimizerOptions::Schedule::Constant;
    optimizer.powerT = paramDouble(QStringLiteral("power_t"));
    optimizer.momentum = paramDouble(QStringLiteral("momentum"));
    optimizer.nesterov = paramBool(QStringLiteral("nesterovs_momentum"));
    optimizer.beta1 = paramDouble(QStringLiteral("beta_1"));
    optimizer.beta2 = paramDouble(QStringLiteral("beta_2"));
    optimizer.epsilon = paramDouble(QStringLiteral("epsilon"));
    options.alpha = paramDouble(QStringLiteral("alpha"));
    options.batchSize = Eigen::Index(paramInt(QStringLiteral("batch_size")));
    options.maxEpochs = int(std::min<qint64>(paramInt(QStringLiteral("max_iter")), INT_MAX));
    options.shuffle = paramBool(QStringLiteral("shuffle"));
    options.tol = paramDouble(QStringLiteral("tol"));
    options.noChangeEpochs = int(std::min<qint64>(paramInt(QStringLiteral("n_iter_no_change")), INT_MAX));
    options.earlyStopping = paramBool(QStringLiteral("early_stopping"));
    options.validationFraction = paramDouble(QStringLiteral("validation_fraction"));

    try {
        auto built = architecture(X.cols(), classes);
        if (!built.ok())
            return built.error();
        Network network = std::move(built).value();
        Base::SeededRandom random(context.seed);
        if (m_initial) {
            if (m_initial->units() != network.units() || m_initial->hidden() != network.hidden()
                || m_initial->output() != network.output())
                return Base::Error(
                    QStringLiteral("%1: the initial network does not fit the data and parameters").arg(id()));
            network.parameters() = m_initial->parameters();
        } else {
            network.initialize(random);
        }
        Trainer trainer(options, context);
        auto trained = trainer.train(network, X, y, random);
        if (!trained.ok())
            return trained.error();
        m_network = std::move(network);
        m_epochs = trained->epochs;
        m_loss = trained->loss;
        m_converged = trained->converged;
    } catch (const std::bad_alloc &) {
        return Base::Error(QStringLiteral("%1: not enough memory for %2 × %3 values and the network")
                               .arg(id())
                               .arg(X.rows())
                               .arg(X.cols()));
    }
    context.progress().report(1.0, QStringLiteral("Trained"));
    return {};
}

Base::Result<Matrix> MultilayerPerceptron::outputs(const Matrix &X) const
{
    // A damaged file could hold a network for other inputs than its header says.
    if (X.cols() != m_network.inputCount())
        return Base::Error(QStringLiteral("%1: the network takes %2 features, got %3")
                               .arg(id())
                               .arg(m_network.inputCount())
                               .arg(X.cols()));
    return m_network.forward(X);
}

Base::Result<Vector> MultilayerPerceptron::predictImpl(const Matrix &X) const
{
    auto outputs = this->outputs(X);
    if (!outputs.ok())
        return outputs.error();
    return m_network.decide(outputs.value());
}

Base::Result<Matrix> MultilayerPerceptron::predictProbaImpl(const Matrix &X) const
{
    if (m_kind == Kind::Regressor)
        return Estimator::predictProbaImpl(X);
    auto outputs = this->outputs(X);
    if (!outputs.ok() || m_network.output() == Output::Softmax)
        return outputs;
    Matrix probabilities(X.rows(), 2);
    probabilities.col(1) = outputs->col(0);
    probabilities.col(0) = 1.0 - outputs->col(0).array();
    return probabilities;
}

void MultilayerPerceptron::writeState(QDataStream &out) const
{
    m_network.write(out);
    out << qint32(m_epochs) << m_loss << m_converged;
}

Base::Status MultilayerPerceptron::readState(QDataStream &in)
{
    if (const Base::Status status = m_network.read(in); !status.ok())
        return status;
    const bool classifier = m_network.output() != Output::Identity;
    if (classifier != (m_kind == Kind::Classifier) || (!classifier && m_network.outputCount() != 1))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (network output)"));
    qint32 epochs = 0;
    in >> epochs >> m_loss >> m_converged;
    m_epochs = epochs;
    return {};
}

Base::Status MultilayerPerceptron::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (m_network.inputCount() != featureCount)
        return inconsistentState(QStringLiteral("the network's input count"));
    // Softmax: one output per class; logistic: one output for two classes.
    const bool outputsFit = m_network.output() == Output::Softmax ? m_network.outputCount() == classCount
        : m_network.output() == Output::Logistic                  ? classCount <= 2
                                                                  : classCount == 0;
    if (!outputsFit)
        return inconsistentState(QStringLiteral("the network's output count"));
    return {};
}

} // namespace Tandem::Learn
