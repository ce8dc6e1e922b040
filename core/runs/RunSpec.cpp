// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunSpec.h"

#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpecJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace Tandem::Runs {
namespace {

using Eval::EvaluationSpec;

/// Reads `key` of `json` with `read` when present; absent keys keep their default.
template<typename Read> Base::Status optional(const QJsonObject &json, const QString &key, Read read)
{
    if (!json.contains(key))
        return {};
    return read(json.value(key));
}

Base::Status readDataset(const QJsonObject &root, RunSpec &spec)
{
    const QJsonValue value = root.value(QStringLiteral("dataset"));
    if (value.isUndefined())
        return Base::Error(QStringLiteral("dataset is missing (an object with the data file's path)"));
    auto json = SpecJson::object(value, QStringLiteral("dataset"));
    if (!json.ok())
        return json.error();
    if (auto keys = SpecJson::checkKeys(
            json.value(), QStringLiteral("dataset"), {QStringLiteral("path"), QStringLiteral("fingerprint")});
        !keys.ok())
        return keys;
    if (!json->contains(QStringLiteral("path")))
        return Base::Error(QStringLiteral("dataset.path is missing (the data file, relative to the spec's folder)"));
    auto path = SpecJson::string(json->value(QStringLiteral("path")), QStringLiteral("dataset.path"), true);
    if (!path.ok())
        return path.error();
    spec.datasetPath = path.value();
    return optional(json.value(), QStringLiteral("fingerprint"), [&spec](const QJsonValue &v) -> Base::Status {
        static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
        auto text = SpecJson::string(v, QStringLiteral("dataset.fingerprint"), true);
        if (!text.ok())
            return text.error();
        const QString lower = text.value().trimmed().toLower();
        if (!sha256.match(lower).hasMatch())
            return Base::Error(
                QStringLiteral("dataset.fingerprint must be a SHA-256 in hex (64 digits), got %1").arg(text.value()));
        spec.datasetFingerprint = lower;
        return {};
    });
}

Base::Status readModel(const QJsonObject &root, RunSpec &spec, QList<Learn::ParamSpec> &specs)
{
    const QJsonValue value = root.value(QStringLiteral("model"));
    if (value.isUndefined())
        return Base::Error(QStringLiteral("model is missing (an object with the model's id and params)"));
    auto json = SpecJson::object(value, QStringLiteral("model"));
    if (!json.ok())
        return json.error();
    if (auto keys
        = SpecJson::checkKeys(json.value(), QStringLiteral("model"), {QStringLiteral("id"), QStringLiteral("params")});
        !keys.ok())
        return keys;
    if (!json->contains(QStringLiteral("id")))
        return Base::Error(QStringLiteral("model.id is missing (logreg, forest, ...)"));
    auto id = SpecJson::string(json->value(QStringLiteral("id")), QStringLiteral("model.id"), true);
    if (!id.ok())
        return id.error();
    const Learn::Registry &registry = Learn::Registry::instance();
    const Learn::ModelInfo *model = registry.find(id.value());
    if (!model) {
        QStringList ids;
        for (const Learn::ModelInfo &info : registry.models())
            ids << info.id;
        return Base::Error(
            QStringLiteral("model.id: unknown model %1 (known: %2)").arg(id.value(), ids.join(QStringLiteral(", "))));
    }
    spec.modelId = model->id;
    specs = model->create()->params();

    return optional(json.value(), QStringLiteral("params"), [&](const QJsonValue &v) -> Base::Status {
        auto params = SpecJson::object(v, QStringLiteral("model.params"));
        if (!params.ok())
            return params.error();
        for (auto it = params->constBegin(); it != params->constEnd(); ++it) {
            const QString path = SpecJson::path(QStringLiteral("model.params"), it.key());
            const auto paramSpec = std::find_if(
                specs.begin(), specs.end(), [&it](const Learn::ParamSpec &s) { return s.name == it.key(); });
            if (paramSpec == specs.end()) {
                QStringList names;
                for (const Learn::ParamSpec &s : specs)
                    names << s.name;
                return Base::Error(
                    QStringLiteral("%1 is not a parameter of %2 (it takes: %3)")
                        .arg(path, spec.modelId,
                            names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
            }
            auto typed = SpecJson::paramValue(*paramSpec, it.value(), path);
            if (!typed.ok())
                return typed.error();
            spec.params.insert(it.key(), typed.value());
        }
        return {};
    });
}

Base::Status readEvaluation(const QJsonObject &root, const Learn::ModelInfo &model, EvaluationSpec &evaluation)
{
    if (!root.contains(QStringLiteral("evaluation")))
        return {};
    const QString at = QStringLiteral("evaluation");
    auto json = SpecJson::object(root.value(at), at);
    if (!json.ok())
        return json.error();
    if (auto keys = SpecJson::checkKeys(json.value(), at,
            {QStringLiteral("method"), QStringLiteral("folds"), QStringLiteral("repeats"),
                QStringLiteral("holdout_fraction"), QStringLiteral("shuffle"), QStringLiteral("stratify"),
                QStringLiteral("seed"), QStringLiteral("importance_repeats")});
        !keys.ok())
        return keys;
    const QJsonObject &e = json.value();
    const auto path = [&at](const char *key) { return SpecJson::path(at, QLatin1String(key)); };
    for (const Base::Status &status :
        {
            optional(e, QStringLiteral("method"),
                [&](const QJsonValue &v) -> Base::Status {
                    if (v == QJsonValue(QStringLiteral("kfold")))
                        evaluation.method = EvaluationSpec::Method::KFold;
                    else if (v == QJsonValue(QStringLiteral("holdout")))
                        evaluation.method = EvaluationSpec::Method::Holdout;
                    else
                        return Base::Error(QStringLiteral("%1 must be kfold or holdout, got %2")
                                               .arg(path("method"), SpecJson::render(v)));
                    return {};
                }),
            optional(e, QStringLiteral("folds"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto folds = SpecJson::integer(v, path("folds"), 2, SpecJson::maxExactInteger);
                    if (!folds.ok())
                        return folds.error();
                    if (folds.value() > 10000)
                        return Base::Error(
                            QStringLiteral("%1 must be at most 10000, got %2").arg(path("folds"), SpecJson::render(v)));
                    evaluation.folds = int(folds.value());
                    return {};
                }),
            optional(e, QStringLiteral("repeats"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto repeats = SpecJson::integer(v, path("repeats"), 1, 1000);
                    if (!repeats.ok())
                        return repeats.error();
                    evaluation.repeats = int(repeats.value());
                    return {};
                }),
            optional(e, QStringLiteral("holdout_fraction"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto fraction = SpecJson::number(v, path("holdout_fraction"));
                    if (!fraction.ok())
                        return fraction.error();
                    if (!(fraction.value() > 0.0 && fraction.value() < 1.0))
                        return Base::Error(QStringLiteral("%1 must be in (0, 1), got %2")
                                               .arg(path("holdout_fraction"), SpecJson::render(v)));
                    evaluation.holdoutFraction = fraction.value();
                    return {};
                }),
            optional(e, QStringLiteral("shuffle"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto shuffle = SpecJson::boolean(v, path("shuffle"));
                    if (!shuffle.ok())
                        return shuffle.error();
                    evaluation.shuffle = shuffle.value();
                    return {};
                }),
            optional(e, QStringLiteral("stratify"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto stratify = SpecJson::boolean(v, path("stratify"));
                    if (!stratify.ok())
                        return stratify.error();
                    evaluation.stratify = stratify.value();
                    return {};
                }),
            optional(e, QStringLiteral("seed"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto seed = SpecJson::integer(v, path("seed"), 0, SpecJson::maxExactInteger);
                    if (!seed.ok())
                        return seed.error();
                    evaluation.seed = quint64(seed.value());
                    return {};
                }),
            optional(e, QStringLiteral("importance_repeats"),
                [&](const QJsonValue &v) -> Base::Status {
                    auto repeats = SpecJson::integer(v, path("importance_repeats"), 0, 1000);
                    if (!repeats.ok())
                        return repeats.error();
                    evaluation.importanceRepeats = int(repeats.value());
                    return {};
                }),
        }) {
        if (!status.ok())
            return status;
    }
    // Combinations crossValidate would refuse only after the data is read.
    if (evaluation.method == EvaluationSpec::Method::Holdout && evaluation.repeats != 1)
        return Base::Error(QStringLiteral("%1 must be 1 with a holdout (it is made once), got %2")
                               .arg(path("repeats"))
                               .arg(evaluation.repeats));
    if (evaluation.method == EvaluationSpec::Method::KFold && evaluation.repeats > 1 && !evaluation.shuffle)
        return Base::Error(QStringLiteral("%1 > 1 needs %2 true (unshuffled repeats are identical)")
                               .arg(path("repeats"), path("shuffle")));
    if (evaluation.stratify.value_or(false) && model.task != Learn::Task::Classification)
        return Base::Error(
            QStringLiteral("%1 needs classes, but %2 is a regression model").arg(path("stratify"), model.id));
    return {};
}

Base::Status readPipeline(const QJsonObject &root, const Learn::ModelInfo &model, RunSpec &spec)
{
    if (!root.contains(QStringLiteral("pipeline")))
        return {};
    auto json = SpecJson::object(root.value(QStringLiteral("pipeline")), QStringLiteral("pipeline"));
    if (!json.ok())
        return json.error();
    // The spec's own target and features, and the model's task, are the pipeline's.
    const auto mustAgree = [&](const QString &key, const QJsonValue &expected, const QString &what) -> Base::Status {
        if (json->contains(key) && json->value(key) != expected)
            return Base::Error(QStringLiteral("pipeline.%1 must be %2 or left out, got %3")
                                   .arg(key, what, SpecJson::render(json->value(key))));
        return {};
    };
    for (const Base::Status &status :
        {
            mustAgree(QStringLiteral("target"), spec.target, QStringLiteral("the spec's target (%1)").arg(spec.target)),
            mustAgree(QStringLiteral("features"), QJsonArray::fromStringList(spec.features),
                QStringLiteral("the spec's features")),
            mustAgree(QStringLiteral("task"), Learn::taskName(model.task),
                QStringLiteral("%1 (the task of %2)").arg(Learn::taskName(model.task), model.id)),
        }) {
        if (!status.ok())
            return status;
    }
    QJsonObject merged = Learn::defaultPipeline(model).toJson();
    for (auto it = json->constBegin(); it != json->constEnd(); ++it)
        merged.insert(it.key(), it.value());
    for (const char *key : {"target", "features", "task"})
        merged.remove(QLatin1String(key));
    auto pipeline = Learn::PipelineSpec::fromJson(merged);
    if (!pipeline.ok()) {
        // PipelineSpec says "pipeline: <key> ..."; make it the field path.
        QString message = pipeline.error().message;
        if (message.startsWith(QLatin1String("pipeline: ")) && !message.startsWith(QLatin1String("pipeline: unknown")))
            message = QStringLiteral("pipeline.") + message.mid(10);
        return Base::Error(message);
    }
    spec.pipeline = pipeline.value();
    spec.pipeline->task = model.task;
    return {};
}

Base::Status readSweep(const QJsonObject &root, const QList<Learn::ParamSpec> &specs, RunSpec &spec)
{
    if (!root.contains(QStringLiteral("sweep")))
        return {};
    auto json = SpecJson::object(root.value(QStringLiteral("sweep")), QStringLiteral("sweep"));
    if (!json.ok())
        return json.error();
    auto sweep = SweepSpec::fromJson(json.value(), specs);
    if (!sweep.ok())
        return sweep.error();
    if (sweep->halving && !sweep->halving->metric.isEmpty()) {
        const Learn::Task task = spec.model()->task;
        if (!halvingMetrics(task).contains(sweep->halving->metric))
            return Base::Error(QStringLiteral("sweep.halving.metric must be a %1 metric for %2 (%3), got %4")
                                   .arg(Learn::taskName(task), spec.modelId,
                                       halvingMetrics(task).join(QStringLiteral(", ")), sweep->halving->metric));
    }
    if (sweep->halving) {
        if (spec.evaluation.method != EvaluationSpec::Method::KFold)
            return Base::Error(
                QStringLiteral("sweep.halving needs evaluation.method kfold (it adds folds from rung to rung)"));
        const int totalFolds = spec.evaluation.folds * spec.evaluation.repeats;
        if (sweep->halving->minFolds >= totalFolds)
            return Base::Error(QStringLiteral("sweep.halving.min_folds must be below the evaluation's %1 folds, got %2")
                                   .arg(totalFolds)
                                   .arg(sweep->halving->minFolds));
    }
    spec.sweep = sweep.value();
    return {};
}

/// 1-based line and column of a byte offset, for JSON syntax errors.
std::pair<qint64, qint64> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    qint64 line = 1, column = 1;
    for (qsizetype i = 0; i < std::min(offset, text.size()); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

bool sameEvaluation(const EvaluationSpec &a, const EvaluationSpec &b)
{
    return a.method == b.method && a.folds == b.folds && a.repeats == b.repeats
        && a.holdoutFraction == b.holdoutFraction && a.shuffle == b.shuffle && a.stratify == b.stratify
        && a.seed == b.seed && a.importanceRepeats == b.importanceRepeats;
}

/// The settings that decide a spec's splits, resolved as crossValidate resolves them.
struct SplitSettings {
    bool known = false;
    bool kFold = true;
    int folds = 0;
    int repeats = 0;
    double holdoutFraction = 0.0;
    bool stratified = false;
    bool shuffled = false;
    /// Only when shuffled: without shuffling the seed does not touch the split.
    std::optional<quint64> seed;
};

SplitSettings splitSettings(const RunSpec &spec)
{
    SplitSettings settings;
    const Learn::ModelInfo *model = spec.model();
    if (spec.datasetFingerprint.isEmpty() || !model)
        return settings;
    const EvaluationSpec &evaluation = spec.evaluation;
    settings.known = true;
    settings.kFold = evaluation.method == EvaluationSpec::Method::KFold;
    settings.stratified = evaluation.stratify.value_or(model->task == Learn::Task::Classification);
    if (settings.kFold) {
        settings.folds = evaluation.folds;
        settings.repeats = evaluation.repeats;
        settings.shuffled = evaluation.shuffle;
    } else {
        settings.holdoutFraction = evaluation.holdoutFraction;
        settings.shuffled = evaluation.shuffle || settings.stratified; // a stratified holdout always shuffles
    }
    if (settings.shuffled)
        settings.seed = evaluation.seed;
    return settings;
}

} // namespace

Base::Result<RunSpec> RunSpec::fromJson(const QJsonObject &json, const QString &baseDirectory)
{
    if (auto keys = SpecJson::checkKeys(json, {},
            {QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("experiment"), QStringLiteral("dataset"),
                QStringLiteral("target"), QStringLiteral("features"), QStringLiteral("pipeline"),
                QStringLiteral("model"), QStringLiteral("evaluation"), QStringLiteral("sweep")});
        !keys.ok())
        return keys.error();
    RunSpec spec;
    spec.baseDirectory = baseDirectory;
    if (json.contains(QStringLiteral("version"))) {
        auto version = SpecJson::integer(
            json.value(QStringLiteral("version")), QStringLiteral("version"), 1, SpecJson::maxExactInteger);
        if (!version.ok())
            return version.error();
        if (version.value() > formatVersion)
            return Base::Error(QStringLiteral("version %1 is newer than this Tandem reads (%2): update Tandem")
                                   .arg(version.value())
                                   .arg(formatVersion));
    }
    for (const auto &[key, field] :
        {std::pair {QStringLiteral("name"), &spec.name}, std::pair {QStringLiteral("experiment"), &spec.experiment}}) {
        if (!json.contains(key))
            continue;
        auto text = SpecJson::string(json.value(key), key, false);
        if (!text.ok())
            return text.error();
        *field = text.value();
    }
    if (auto status = readDataset(json, spec); !status.ok())
        return status.error();

    if (!json.contains(QStringLiteral("target")))
        return Base::Error(QStringLiteral("target is missing (the column to predict)"));
    auto target = SpecJson::string(json.value(QStringLiteral("target")), QStringLiteral("target"), true);
    if (!target.ok())
        return target.error();
    spec.target = target.value();
    if (json.contains(QStringLiteral("features"))) {
        auto features = SpecJson::strings(json.value(QStringLiteral("features")), QStringLiteral("features"));
        if (!features.ok())
            return features.error();
        if (features->contains(spec.target))
            return Base::Error(QStringLiteral("features lists the target %1").arg(spec.target));
        spec.features = features.value();
    }

    QList<Learn::ParamSpec> specs;
    if (auto status = readModel(json, spec, specs); !status.ok())
        return status.error();
    const Learn::ModelInfo &model = *spec.model();
    for (const Base::Status &status :
        {readEvaluation(json, model, spec.evaluation), readPipeline(json, model, spec), readSweep(json, specs, spec)}) {
        if (!status.ok())
            return status.error();
    }
    return spec;
}

Base::Result<RunSpec> RunSpec::parse(const QByteArray &text, const QString &baseDirectory, const QString &fileName)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(text, error.offset);
        return Base::Error(QStringLiteral("not valid JSON: %1").arg(error.errorString()), fileName, line, column);
    }
    if (!document.isObject())
        return Base::Error(QStringLiteral("a run spec must be a JSON object"), fileName);
    auto spec = fromJson(document.object(), baseDirectory);
    if (!spec.ok())
        return Base::Error(spec.error().message, fileName);
    return spec;
}

Base::Result<RunSpec> RunSpec::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read the run spec: %1").arg(file.errorString()), path);
    return parse(file.readAll(), QFileInfo(path).absolutePath(), path);
}

QJsonObject RunSpec::toJson() const
{
    QJsonObject dataset {{QStringLiteral("path"), datasetPath}};
    if (!datasetFingerprint.isEmpty())
        dataset.insert(QStringLiteral("fingerprint"), datasetFingerprint);
    QJsonObject paramsJson;
    for (auto it = params.constBegin(); it != params.constEnd(); ++it)
        paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
    QJsonObject evaluationJson {
        {QStringLiteral("method"),
            evaluation.method == EvaluationSpec::Method::KFold ? QStringLiteral("kfold") : QStringLiteral("holdout")},
        {QStringLiteral("folds"), evaluation.folds},
        {QStringLiteral("repeats"), evaluation.repeats},
        {QStringLiteral("holdout_fraction"), evaluation.holdoutFraction},
        {QStringLiteral("shuffle"), evaluation.shuffle},
        {QStringLiteral("seed"), double(evaluation.seed)},
        {QStringLiteral("importance_repeats"), evaluation.importanceRepeats},
    };
    if (evaluation.stratify)
        evaluationJson.insert(QStringLiteral("stratify"), *evaluation.stratify);

    QJsonObject json {
        {QStringLiteral("version"), formatVersion},
        {QStringLiteral("dataset"), dataset},
        {QStringLiteral("target"), target},
        {QStringLiteral("model"),
            QJsonObject {{QStringLiteral("id"), modelId}, {QStringLiteral("params"), paramsJson}}},
        {QStringLiteral("evaluation"), evaluationJson},
    };
    if (!name.isEmpty())
        json.insert(QStringLiteral("name"), name);
    if (!experiment.isEmpty())
        json.insert(QStringLiteral("experiment"), experiment);
    if (!features.isEmpty())
        json.insert(QStringLiteral("features"), QJsonArray::fromStringList(features));
    if (pipeline) {
        QJsonObject pipelineJson = pipeline->toJson();
        for (const char *key : {"target", "features", "task"})
            pipelineJson.remove(QLatin1String(key));
        json.insert(QStringLiteral("pipeline"), pipelineJson);
    }
    if (sweep)
        json.insert(QStringLiteral("sweep"), sweep->toJson());
    return json;
}

const Learn::ModelInfo *RunSpec::model() const
{
    return Learn::Registry::instance().find(modelId);
}

QList<Learn::ParamSpec> RunSpec::paramSpecs() const
{
    const Learn::ModelInfo *info = model();
    return info ? info->create()->params() : QList<Learn::ParamSpec> {};
}

QString RunSpec::resolvedDatasetPath() const
{
    const QDir base(baseDirectory.isEmpty() ? QDir::currentPath() : baseDirectory);
    return QDir::cleanPath(base.absoluteFilePath(datasetPath));
}

Learn::PipelineSpec RunSpec::pipelineSpec() const
{
    const Learn::ModelInfo *info = model();
    Learn::PipelineSpec spec = pipeline ? *pipeline : info ? Learn::defaultPipeline(*info) : Learn::PipelineSpec {};
    spec.target = target;
    spec.features = features;
    if (info)
        spec.task = info->task;
    return spec;
}

Eval::EvaluationSpec RunSpec::evaluationSpec(int threads) const
{
    EvaluationSpec spec = evaluation;
    spec.threads = std::max(1, threads);
    return spec;
}

Base::Status RunSpec::checkDataset(const Data::Dataset &dataset, const QString &source) const
{
    if (!datasetFingerprint.isEmpty() && dataset.fingerprint() != datasetFingerprint)
        return Base::Error(QStringLiteral("dataset.fingerprint: the spec was made for data with fingerprint %1, but "
                                          "%2 has fingerprint %3 (the data changed, or it is another file)")
                               .arg(datasetFingerprint,
                                   source.isEmpty() ? QStringLiteral("the data") : QDir::toNativeSeparators(source),
                                   dataset.fingerprint()));
    const auto missing = [&dataset](const QString &column) { return dataset.indexOf(column) < 0; };
    if (missing(target))
        return Base::Error(QStringLiteral("target: column %1 not found (the columns are: %2)")
                               .arg(target, dataset.columnNames().join(QStringLiteral(", "))));
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (missing(features[i]))
            return Base::Error(QStringLiteral("features[%1]: column %2 not found (the columns are: %3)")
                                   .arg(i)
                                   .arg(features[i], dataset.columnNames().join(QStringLiteral(", "))));
    }
    return {};
}

Base::Result<Data::LoadedDataset> RunSpec::loadDataset(const Base::Progress &progress) const
{
    const QString path = resolvedDatasetPath();
    auto loaded = Data::DatasetReader::read(path, {}, progress);
    if (!loaded.ok())
        return loaded.error();
    if (auto status = checkDataset(*loaded->dataset, path); !status.ok())
        return Base::Error(status.error().message, path);
    return loaded;
}

QString RunSpec::splitsKey() const
{
    const SplitSettings settings = splitSettings(*this);
    if (!settings.known)
        return {};
    // A JSON array: unambiguous whatever the target's name holds.
    const QJsonArray key {datasetFingerprint, target,
        settings.kFold ? QStringLiteral("kfold") : QStringLiteral("holdout"), settings.folds, settings.repeats,
        settings.holdoutFraction, settings.stratified, settings.shuffled,
        settings.seed ? QString::number(*settings.seed) : QString()};
    return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QString splitsDifference(const RunSpec &a, const RunSpec &b)
{
    const SplitSettings x = splitSettings(a);
    const SplitSettings y = splitSettings(b);
    if (a.datasetFingerprint.isEmpty() || b.datasetFingerprint.isEmpty())
        return QStringLiteral("data not pinned by a fingerprint");
    if (a.datasetFingerprint != b.datasetFingerprint)
        return QStringLiteral("different datasets");
    if (!x.known || !y.known)
        return QStringLiteral("unknown model (%1)").arg(x.known ? b.modelId : a.modelId);
    const auto versus = [](const QString &what, const auto &first, const auto &second) {
        return QStringLiteral("different %1 (%2 vs %3)").arg(what).arg(first).arg(second);
    };
    if (a.target != b.target)
        return versus(QStringLiteral("targets"), a.target, b.target);
    if (x.kFold != y.kFold)
        return versus(QStringLiteral("evaluations"), x.kFold ? QStringLiteral("k-fold") : QStringLiteral("holdout"),
            y.kFold ? QStringLiteral("k-fold") : QStringLiteral("holdout"));
    if (x.folds != y.folds)
        return versus(QStringLiteral("fold counts"), x.folds, y.folds);
    if (x.repeats != y.repeats)
        return versus(QStringLiteral("repeat counts"), x.repeats, y.repeats);
    if (x.holdoutFraction != y.holdoutFraction)
        return versus(QStringLiteral("holdout fractions"), x.holdoutFraction, y.holdoutFraction);
    if (x.stratified != y.stratified)
        return QStringLiteral("one split is stratified, the other not");
    if (x.shuffled != y.shuffled)
        return QStringLiteral("one split is shuffled, the other not");
    if (x.seed != y.seed)
        return versus(
            QStringLiteral("seeds"), QString::number(x.seed.value_or(0)), QString::number(y.seed.value_or(0)));
    return {};
}

bool operator==(const RunSpec &a, const RunSpec &b)
{
    return a.name == b.name && a.experiment == b.experiment && a.datasetPath == b.datasetPath
        && a.datasetFingerprint == b.datasetFingerprint && a.target == b.target && a.features == b.features
        && a.pipeline == b.pipeline && a.modelId == b.modelId && a.params == b.params
        && sameEvaluation(a.evaluation, b.evaluation) && a.sweep == b.sweep && a.baseDirectory == b.baseDirectory;
}

} // namespace Tandem::Runs
