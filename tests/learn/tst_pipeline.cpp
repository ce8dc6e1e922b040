// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/learn/Registry.h"
#include "core/learn/preprocess/Pipeline.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstring>
#include <random>

using namespace Tandem;
using namespace Tandem::Learn;
using Data::ColumnType;

namespace {

const QString fixtureDir = QStringLiteral(TANDEM_FIXTURES_DIR "/learn/pipeline");

/// mixed.csv (or its bytes edited) with the column types the references assume.
std::shared_ptr<const Data::Dataset> readMixed(const QByteArray &bytes,
    QHash<QString, ColumnType> types = {{QStringLiteral("age"), ColumnType::Integer},
        {QStringLiteral("income"), ColumnType::Numeric}, {QStringLiteral("constant"), ColumnType::Numeric},
        {QStringLiteral("color"), ColumnType::Categorical}, {QStringLiteral("member"), ColumnType::Boolean},
        {QStringLiteral("joined"), ColumnType::DateTime}, {QStringLiteral("note"), ColumnType::Text},
        {QStringLiteral("label"), ColumnType::Categorical}, {QStringLiteral("price"), ColumnType::Numeric}})
{
    Data::CsvOptions options;
    options.columnTypes = std::move(types);
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(bytes, QStringLiteral("mixed.csv"), options, Base::Progress(sink));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error().toString()));
    return loaded.value().dataset;
}

QByteArray mixedBytes()
{
    QFile file(fixtureDir + QStringLiteral("/mixed.csv"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read mixed.csv");
    return file.readAll();
}

std::vector<qint64> toRows(const QJsonArray &array)
{
    std::vector<qint64> rows;
    for (const QJsonValue value : array)
        rows.push_back(value.toInteger());
    return rows;
}

QStringList toStrings(const QJsonArray &array)
{
    QStringList strings;
    for (const QJsonValue value : array)
        strings << value.toString();
    return strings;
}

/// |actual - expected| <= 1e-12 · max(1, |expected|): relative, with values near 0
/// (a centred imputed cell is 1e-16 one way or the other) compared on the unit scale.
bool close(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-12 * std::max(1.0, std::abs(expected));
}

void compareMatrix(const Matrix &actual, const QJsonArray &expected)
{
    QCOMPARE(actual.rows(), Eigen::Index(expected.size()));
    for (Eigen::Index r = 0; r < actual.rows(); ++r) {
        const QJsonArray row = expected.at(r).toArray();
        QCOMPARE(actual.cols(), Eigen::Index(row.size()));
        for (Eigen::Index c = 0; c < actual.cols(); ++c)
            QVERIFY2(close(actual(r, c), row.at(c).toDouble()),
                qPrintable(QStringLiteral("(%1, %2): %3 vs %4")
                               .arg(r)
                               .arg(c)
                               .arg(actual(r, c), 0, 'g', 17)
                               .arg(row.at(c).toDouble(), 0, 'g', 17)));
    }
}

void compareVector(const Vector &actual, const QJsonArray &expected)
{
    QCOMPARE(actual.size(), Eigen::Index(expected.size()));
    for (Eigen::Index i = 0; i < actual.size(); ++i)
        QVERIFY2(close(actual[i], expected.at(i).toDouble()), qPrintable(QString::number(i)));
}

bool bitIdentical(const Matrix &a, const Matrix &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
        && std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

PipelineSpec specFor(std::initializer_list<std::pair<const char *, QJsonValue>> keys)
{
    QJsonObject json;
    for (const auto &[key, value] : keys)
        json.insert(QLatin1String(key), value);
    auto spec = PipelineSpec::fromJson(json);
    if (!spec.ok())
        qFatal("%s", qPrintable(spec.error().message));
    return spec.value();
}

std::shared_ptr<const Data::Dataset> build(std::vector<Data::Column> columns)
{
    Data::DatasetBuilder builder;
    for (Data::Column &column : columns)
        builder.addColumn(std::move(column));
    auto built = builder.build();
    if (!built.ok())
        qFatal("%s", qPrintable(built.error().message));
    return built.value();
}

Data::MissingMask missingAt(std::initializer_list<qint64> rows)
{
    Data::MissingMask mask;
    for (const qint64 row : rows)
        mask.setMissing(row);
    return mask;
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesScikitLearn_data()
    {
        QFile file(fixtureDir + QStringLiteral("/mixed.expected.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray cases
            = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 5);
        QTest::addColumn<QJsonObject>("expected");
        for (const QJsonValue value : cases) {
            const QJsonObject object = value.toObject();
            QTest::newRow(qPrintable(object.value(QStringLiteral("name")).toString())) << object;
        }
    }

    void matchesScikitLearn()
    {
        QFETCH(QJsonObject, expected);
        const auto data = readMixed(mixedBytes());
        auto spec = PipelineSpec::fromJson(expected.value(QStringLiteral("spec")).toObject());
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        const std::vector<qint64> train = toRows(expected.value(QStringLiteral("train_rows")).toArray());
        const std::vector<qint64> test = toRows(expected.value(QStringLiteral("test_rows")).toArray());

        Pipeline pipeline;
        const Base::Status fitted = pipeline.fit(*data, train, spec.value());
        QVERIFY2(fitted.ok(), qPrintable(fitted.error().message));
        QCOMPARE(pipeline.featureNames(), toStrings(expected.value(QStringLiteral("feature_names")).toArray()));
        QCOMPARE(pipeline.featureCount(), Eigen::Index(pipeline.featureNames().size()));
        auto Xtrain = pipeline.transform(*data, train);
        QVERIFY(Xtrain.ok());
        compareMatrix(Xtrain.value(), expected.value(QStringLiteral("train")).toArray());
        auto Xtest = pipeline.transform(*data, test);
        QVERIFY(Xtest.ok());
        compareMatrix(Xtest.value(), expected.value(QStringLiteral("test")).toArray());

        QCOMPARE(pipeline.classes(), toStrings(expected.value(QStringLiteral("classes")).toArray()));
        QCOMPARE(pipeline.classCount(), int(pipeline.classes().size()));
        auto ytrain = pipeline.encodeTarget(*data, train);
        QVERIFY2(ytrain.ok(), qPrintable(ytrain.error().message));
        compareVector(ytrain.value(), expected.value(QStringLiteral("y_train")).toArray());
        auto ytest = pipeline.encodeTarget(*data, test);
        QVERIFY2(ytest.ok(), qPrintable(ytest.error().message));
        compareVector(ytest.value(), expected.value(QStringLiteral("y_test")).toArray());
        if (pipeline.task() == Task::Classification)
            QCOMPARE(pipeline.decodeClasses(ytest.value()),
                QStringList({data->column(data->indexOf(spec->target)).toString(test[0]),
                    data->column(data->indexOf(spec->target)).toString(test[1]),
                    data->column(data->indexOf(spec->target)).toString(test[2]),
                    data->column(data->indexOf(spec->target)).toString(test[3])}));

        if (spec->features.isEmpty()) {
            QVERIFY(pipeline.notes().contains(QStringLiteral("text column note left out: free text is not a feature")));
            QVERIFY(pipeline.notes().contains(
                QStringLiteral("datetime column joined enters as seconds since 1970-01-01 UTC")));
        }
    }

    void fitsOnItsRowsOnly()
    {
        // Row 12 is a validation row: making it extreme must not move anything learned from rows 0..11.
        const QByteArray bytes = mixedBytes();
        QByteArray edited = bytes;
        edited.replace("40,1000000000,5,purple", "-9e300,-1e300,1e300,orange");
        QVERIFY(edited != bytes);
        const auto original = readMixed(bytes);
        const auto extreme = readMixed(edited);
        std::vector<qint64> train(12);
        std::iota(train.begin(), train.end(), qint64(0));
        for (const char *scaling : {"standard", "minmax"}) {
            const PipelineSpec spec
                = specFor({{"target", QStringLiteral("label")}, {"task", QStringLiteral("classification")},
                    {"scaling", QLatin1String(scaling)}, {"numeric_imputation", QStringLiteral("median")}});
            Pipeline a, b;
            QVERIFY(a.fit(*original, train, spec).ok());
            QVERIFY(b.fit(*extreme, train, spec).ok());
            QVERIFY(bitIdentical(a.transform(*original, train).value(), b.transform(*extreme, train).value()));
            QCOMPARE(a.featureNames(), b.featureNames());
            QCOMPARE(a.features()[1].center, b.features()[1].center);
            QCOMPARE(a.features()[1].scale, b.features()[1].scale);

            // The same pipeline fitted on every row does see the extreme row: the check has teeth.
            Pipeline leaky;
            QVERIFY(leaky.fit(*extreme, Pipeline::allRows(*extreme), spec).ok());
            QVERIFY(leaky.features()[1].scale != b.features()[1].scale);
            QVERIFY(leaky.featureNames().contains(QStringLiteral("color=orange")));
        }
    }

    void transformsAnotherTableByColumnName()
    {
        const auto data = readMixed(mixedBytes());
        Pipeline pipeline;
        QVERIFY(pipeline
                    .fit(*data, Pipeline::allRows(*data),
                        specFor({{"features", QJsonArray {QStringLiteral("color"), QStringLiteral("income")}},
                            {"scaling", QStringLiteral("standard")}}))
                    .ok());
        // Columns in another order, income whole numbers (integer), an unknown and a missing colour.
        const auto other = build({Data::Column::integer(QStringLiteral("income"), {52000, 61000, 0}, missingAt({2})),
            Data::Column::categorical(
                QStringLiteral("color"), {0, 1, -1}, {QStringLiteral("teal"), QStringLiteral("red")}, missingAt({2}))});
        auto X = pipeline.transform(*other, Pipeline::allRows(*other));
        QVERIFY2(X.ok(), qPrintable(X.error().message));
        const auto same = build({Data::Column::categorical(QStringLiteral("color"), {0, 0, 1},
                                     {QStringLiteral("unseen"), QStringLiteral("red")}, missingAt({1})),
            Data::Column::numeric(QStringLiteral("income"), {52000, 61000, std::nan("")}, missingAt({2}))});
        const Matrix Xsame = pipeline.transform(*same, Pipeline::allRows(*same)).value();
        const Matrix &Xother = X.value();
        QCOMPARE(Xother.row(0), Xsame.row(0)); // teal and unseen: both unknown, all zeros
        const qsizetype income = pipeline.featureNames().indexOf(QStringLiteral("income"));
        QCOMPARE(income, 5); // color=blue, green, missing, purple, red, then income
        QCOMPARE(Xother.row(0).head(5).sum(), 0.0);
        QCOMPARE(Xother(1, pipeline.featureNames().indexOf(QStringLiteral("color=red"))), 1.0);
        QCOMPARE(Xother(2, pipeline.featureNames().indexOf(QStringLiteral("color=missing"))), 1.0);
        QCOMPARE(Xsame(1, pipeline.featureNames().indexOf(QStringLiteral("color=missing"))), 1.0);
        QCOMPARE(Xother(2, income), Xsame(2, income)); // missing income: the mean, centred
        QVERIFY(std::abs(Xother(2, income)) < 1e-12);

        const auto noColor = build({Data::Column::numeric(QStringLiteral("income"), {1.0})});
        QCOMPARE(pipeline.transform(*noColor, Pipeline::allRows(*noColor)).error().message,
            QStringLiteral("column color is missing from the data"));
        const auto numericColor = build({Data::Column::numeric(QStringLiteral("color"), {1.0}),
            Data::Column::numeric(QStringLiteral("income"), {1.0})});
        QCOMPARE(pipeline.transform(*numericColor, Pipeline::allRows(*numericColor)).error().message,
            QStringLiteral("column color is numeric here but was categorical when the pipeline was fitted"));
        const std::vector<qint64> outside {0, 3};
        QCOMPARE(pipeline.transform(*other, outside).error().message,
            QStringLiteral("row index 3 is out of range (the data has 3 rows)"));
    }

    void ordinalCodesAndKeptMissingValuesForTrees()
    {
        const auto data
            = build({Data::Column::numeric(QStringLiteral("x"), {1.0, std::nan(""), 3.0, 5.0}, missingAt({1})),
                Data::Column::categorical(QStringLiteral("color"), {0, 1, 2, 0},
                    {QStringLiteral("red"), QStringLiteral("blue"), QStringLiteral("green")}, missingAt({2}))});
        PipelineSpec spec;
        spec.numericImputation = NumericImputation::None;
        spec.categoricalEncoding = CategoricalEncoding::Ordinal;
        spec.categoricalImputation = CategoricalImputation::MostFrequent;
        spec.scaling = Scaling::Standard;
        Pipeline pipeline;
        QVERIFY(pipeline.fit(*data, Pipeline::allRows(*data), spec).ok());
        QCOMPARE(pipeline.featureNames(), (QStringList {QStringLiteral("x"), QStringLiteral("color")}));
        QCOMPARE(pipeline.categoryCounts(), (std::vector<int> {0, 2})); // blue, red (the missing cell is filled)
        const Matrix X = pipeline.transform(*data, Pipeline::allRows(*data)).value();
        // x: the missing cell stays missing; scaling learnt from 1, 3, 5 only (mean 3, std sqrt(8/3)).
        QVERIFY(std::isnan(X(1, 0)));
        QCOMPARE(X(0, 0), -2.0 / std::sqrt(8.0 / 3.0));
        QCOMPARE(X(3, 0), 2.0 / std::sqrt(8.0 / 3.0));
        // color: codes in sorted order (blue 0, red 1); missing → most frequent (red).
        QCOMPARE(X(0, 1), 1.0);
        QCOMPARE(X(1, 1), 0.0);
        QCOMPARE(X(2, 1), 1.0);
        // A category unknown at fit is missing (NaN), not a made-up code.
        const auto other = build({Data::Column::numeric(QStringLiteral("x"), {2.0}),
            Data::Column::categorical(QStringLiteral("color"), {0}, {QStringLiteral("teal")})});
        const Matrix Xother = pipeline.transform(*other, Pipeline::allRows(*other)).value();
        QVERIFY(std::isnan(Xother(0, 1)));

        // Saved and loaded, the encoding survives.
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::ReadWrite));
        QVERIFY(pipeline.save(buffer).ok());
        buffer.seek(0);
        const auto loaded = Pipeline::load(buffer);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value().categoryCounts(), pipeline.categoryCounts());
        QVERIFY(bitIdentical(loaded.value().transform(*data, Pipeline::allRows(*data)).value(), X));

        // The registry's defaults: raw ordinal input for trees, scaled one-hot input otherwise.
        Learn::ModelInfo tree;
        tree.input = Learn::ModelInfo::Input::Raw;
        QCOMPARE(Learn::defaultPipeline(tree).categoricalEncoding, CategoricalEncoding::Ordinal);
        QCOMPARE(Learn::defaultPipeline(tree).scaling, Scaling::None);
        const Learn::ModelInfo *ridge = Learn::Registry::instance().find(QStringLiteral("ridge"));
        QCOMPARE(Learn::defaultPipeline(*ridge).categoricalEncoding, CategoricalEncoding::OneHot);
        QCOMPARE(Learn::defaultPipeline(*ridge).scaling, Scaling::Standard);
        QCOMPARE(Learn::defaultPipeline(*ridge).numericImputation, NumericImputation::Mean);
    }

    void badSpecsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, QJsonObject spec, const QString &message) {
            QTest::newRow(name) << spec << message;
        };
        row("text feature", {{QStringLiteral("features"), QJsonArray {QStringLiteral("note")}}},
            QStringLiteral(
                "column note is text: free text cannot be a feature; leave it out or read it as categorical"));
        row("unknown feature", {{QStringLiteral("features"), QJsonArray {QStringLiteral("weight")}}},
            QStringLiteral("feature column weight not found"));
        row("target as feature",
            {{QStringLiteral("features"), QJsonArray {QStringLiteral("price")}},
                {QStringLiteral("target"), QStringLiteral("price")}},
            QStringLiteral("the target price is also listed as a feature"));
        row("twice", {{QStringLiteral("features"), QJsonArray {QStringLiteral("age"), QStringLiteral("age")}}},
            QStringLiteral("feature column age is listed twice"));
        row("unknown target", {{QStringLiteral("target"), QStringLiteral("weight")}},
            QStringLiteral("target column weight not found"));
        row("regression on text", {{QStringLiteral("target"), QStringLiteral("note")}},
            QStringLiteral("target note is text; regression needs a numeric target"));
        row("regression on categories", {{QStringLiteral("target"), QStringLiteral("label")}},
            QStringLiteral("target label is categorical; regression needs a numeric target"));
        row("classes on datetime",
            {{QStringLiteral("target"), QStringLiteral("joined")},
                {QStringLiteral("task"), QStringLiteral("classification")}},
            QStringLiteral(
                "target joined is datetime; classification needs labels (categorical, text, integer or boolean)"));
        row("missing target",
            {{QStringLiteral("target"), QStringLiteral("member")},
                {QStringLiteral("task"), QStringLiteral("classification")}},
            QStringLiteral(
                "target member is missing in 2 of the 16 rows (first at row index 4); leave those rows out"));
        row("missing regression target", {{QStringLiteral("target"), QStringLiteral("member")}},
            QStringLiteral(
                "target member is missing in 2 of the 16 rows (first at row index 4); leave those rows out"));
        row("class outside the given ones",
            {{QStringLiteral("target"), QStringLiteral("label")},
                {QStringLiteral("task"), QStringLiteral("classification")},
                {QStringLiteral("classes"), QJsonArray {QStringLiteral("yes"), QStringLiteral("no")}}},
            QStringLiteral("target label has the class maybe, which is not among the given classes (no, yes)"));
    }

    void badSpecsAreRefusedWithAReason()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(QString, message);
        const auto data = readMixed(mixedBytes());
        auto parsed = PipelineSpec::fromJson(spec);
        QVERIFY(parsed.ok());
        Pipeline pipeline;
        const Base::Status status = pipeline.fit(*data, Pipeline::allRows(*data), parsed.value());
        QVERIFY(!status.ok());
        QCOMPARE(status.error().message, message);
        QVERIFY(!pipeline.isFitted());
        QCOMPARE(pipeline.transform(*data, Pipeline::allRows(*data)).error().message,
            QStringLiteral("the pipeline is not fitted yet"));
    }

    void rowsWithoutTargetAreTheCallersToDrop()
    {
        const auto data = readMixed(mixedBytes());
        const std::vector<qint64> all = Pipeline::allRows(*data);
        const std::vector<qint64> kept = Pipeline::rowsWithTarget(*data, all, QStringLiteral("member"));
        QCOMPARE(qsizetype(all.size() - kept.size()), 2);
        Pipeline pipeline;
        QVERIFY(pipeline
                    .fit(*data, kept,
                        specFor({{"target", QStringLiteral("member")}, {"task", QStringLiteral("classification")}}))
                    .ok());
        QCOMPARE(pipeline.classes(), QStringList({QStringLiteral("false"), QStringLiteral("true")}));
        QCOMPARE(pipeline.encodeTarget(*data, all).error().message,
            QStringLiteral("target member is missing at row index 4"));
        QVERIFY(pipeline.fit(*data, {}, PipelineSpec()).error().message.contains(QStringLiteral("no rows")));
    }

    void numericClassesSortByValue()
    {
        // LabelEncoder order: 9 < 10 < 100 (not "10" < "100" < "9"); given classes add one absent from the rows.
        const auto data = build({Data::Column::numeric(QStringLiteral("x"), {1, 2, 3, 4}),
            Data::Column::integer(QStringLiteral("y"), {10, 9, 100, 9}),
            Data::Column::numeric(QStringLiteral("z"), {0.5, -1, 0.5, 2.25})});
        Pipeline pipeline;
        QVERIFY(pipeline
                    .fit(*data, Pipeline::allRows(*data),
                        specFor({{"features", QJsonArray {QStringLiteral("x")}}, {"target", QStringLiteral("y")},
                            {"task", QStringLiteral("classification")}}))
                    .ok());
        QCOMPARE(pipeline.classes(), QStringList({QStringLiteral("9"), QStringLiteral("10"), QStringLiteral("100")}));
        QCOMPARE(pipeline.encodeTarget(*data, Pipeline::allRows(*data)).value(),
            Vector((Vector(4) << 1, 0, 2, 0).finished()));
        QCOMPARE(pipeline.decodeClasses((Vector(3) << 2, 7, 0).finished()),
            QStringList({QStringLiteral("100"), QString(), QStringLiteral("9")}));

        QVERIFY(pipeline
                    .fit(*data, std::vector<qint64> {0, 1},
                        specFor({{"features", QJsonArray {QStringLiteral("x")}}, {"target", QStringLiteral("z")},
                            {"task", QStringLiteral("classification")},
                            {"classes",
                                QJsonArray {QStringLiteral("2.25"), QStringLiteral("0.5"), QStringLiteral("-1"),
                                    QStringLiteral("7")}}}))
                    .ok());
        QCOMPARE(pipeline.classes(),
            QStringList({QStringLiteral("-1"), QStringLiteral("0.5"), QStringLiteral("2.25"), QStringLiteral("7")}));
        QCOMPARE(pipeline.classCount(), 4);
        QCOMPARE(pipeline.encodeTarget(*data, Pipeline::allRows(*data)).value(),
            Vector((Vector(4) << 1, 0, 1, 2).finished()));

        // Text classes sort by code point, as Python's sorted(): "Z" < "a" < "é".
        const auto text = build({Data::Column::numeric(QStringLiteral("x"), {1, 2, 3}),
            Data::Column::text(
                QStringLiteral("y"), QStringList {QStringLiteral("é"), QStringLiteral("a"), QStringLiteral("Z")})});
        QVERIFY(pipeline
                    .fit(*text, std::vector<qint64> {0, 1},
                        specFor({{"target", QStringLiteral("y")}, {"task", QStringLiteral("classification")}}))
                    .ok());
        QCOMPARE(pipeline.classes(), QStringList({QStringLiteral("a"), QStringLiteral("é")}));
        QCOMPARE(pipeline.encodeTarget(*text, Pipeline::allRows(*text)).error().message,
            QStringLiteral(
                "target y has the class Z at row index 2, unknown when the pipeline was fitted (classes: a, é)"));
    }

    void columnsWithNoFitValuesAreLeftOut()
    {
        const auto data = build({Data::Column::numeric(QStringLiteral("empty"), {0, 0, 7}, missingAt({0, 1})),
            Data::Column::categorical(QStringLiteral("kind"), {-1, -1, 0}, {QStringLiteral("a")}, missingAt({0, 1})),
            Data::Column::numeric(QStringLiteral("x"), {1, 2, 3})});
        const std::vector<qint64> rows {0, 1};
        Pipeline pipeline;
        QVERIFY(pipeline.fit(*data, rows, specFor({{"categorical_imputation", QStringLiteral("most_frequent")}})).ok());
        QCOMPARE(pipeline.featureNames(), QStringList({QStringLiteral("x")}));
        QCOMPARE(pipeline.notes(),
            QStringList({QStringLiteral("column empty left out: it has no values in the fit rows"),
                QStringLiteral("column kind left out: it has no values in the fit rows")}));
        // A constant fill keeps them: the fill value, the fill category.
        QVERIFY(
            pipeline
                .fit(*data, rows, specFor({{"numeric_imputation", QStringLiteral("constant")}, {"numeric_fill", 3.5}}))
                .ok());
        QCOMPARE(pipeline.featureNames(),
            QStringList({QStringLiteral("empty"), QStringLiteral("kind=missing"), QStringLiteral("x")}));
        QCOMPARE(pipeline.transform(*data, Pipeline::allRows(*data)).value(),
            Matrix((Matrix(3, 3) << 3.5, 1, 1, 3.5, 1, 2, 7, 0, 3).finished()));
    }

    void specRoundTripsThroughJson()
    {
        PipelineSpec spec;
        spec.features = {QStringLiteral("a"), QStringLiteral("b")};
        spec.target = QStringLiteral("y");
        spec.task = Task::Classification;
        spec.numericImputation = NumericImputation::Constant;
        spec.numericFill = -2.5;
        spec.categoricalImputation = CategoricalImputation::MostFrequent;
        spec.categoricalFill = QStringLiteral("none");
        spec.scaling = Scaling::MinMax;
        spec.withMean = false;
        spec.withStd = false;
        spec.drop = OneHotDrop::First;
        spec.classes = {QStringLiteral("x"), QStringLiteral("y")};
        spec.categoricalEncoding = CategoricalEncoding::Ordinal;
        auto back = PipelineSpec::fromJson(QJsonDocument::fromJson(QJsonDocument(spec.toJson()).toJson()).object());
        QVERIFY(back.ok());
        QVERIFY(back.value() == spec);
        QVERIFY(PipelineSpec::fromJson({}).value() == PipelineSpec());

        QCOMPARE(PipelineSpec::fromJson({{QStringLiteral("scaling"), QStringLiteral("zscore")}}).error().message,
            QStringLiteral("pipeline: scaling must be one of none, standard, minmax, got zscore"));
        QVERIFY(PipelineSpec::fromJson({{QStringLiteral("scale"), QStringLiteral("none")}})
                    .error()
                    .message.startsWith(QStringLiteral("pipeline: unknown key scale (known: features, ")));
        QCOMPARE(PipelineSpec::fromJson({{QStringLiteral("with_mean"), 1}}).error().message,
            QStringLiteral("pipeline: with_mean must be true or false"));
        QCOMPARE(PipelineSpec::fromJson({{QStringLiteral("features"), QStringLiteral("a")}}).error().message,
            QStringLiteral("pipeline: features must be a list of strings"));
    }

    void savedPipelinesTransformBitIdentically()
    {
        const auto data = readMixed(mixedBytes());
        std::vector<qint64> train(12);
        std::iota(train.begin(), train.end(), qint64(0));
        const std::vector<qint64> all = Pipeline::allRows(*data);
        Pipeline pipeline;
        QVERIFY(pipeline
                    .fit(*data, train,
                        specFor({{"target", QStringLiteral("label")}, {"task", QStringLiteral("classification")},
                            {"scaling", QStringLiteral("standard")}, {"drop", QStringLiteral("first")}}))
                    .ok());
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(pipeline.save(buffer).ok());
        const QByteArray bytes = buffer.data();

        QBuffer reader;
        reader.setData(bytes);
        reader.open(QIODevice::ReadOnly);
        auto loaded = Pipeline::load(reader);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QVERIFY(reader.atEnd()); // an estimator can follow on the same device
        QVERIFY(loaded->spec() == pipeline.spec());
        QCOMPARE(loaded->featureNames(), pipeline.featureNames());
        QCOMPARE(loaded->classes(), pipeline.classes());
        QCOMPARE(loaded->notes(), pipeline.notes());
        QVERIFY(bitIdentical(loaded->transform(*data, all).value(), pipeline.transform(*data, all).value()));
        QCOMPARE(loaded->encodeTarget(*data, all).value(), pipeline.encodeTarget(*data, all).value());

        QBuffer again;
        again.open(QIODevice::ReadWrite);
        QVERIFY(loaded->save(again).ok());
        QCOMPARE(again.data(), bytes);

        QBuffer truncated;
        truncated.setData(bytes.left(bytes.size() - 5));
        truncated.open(QIODevice::ReadOnly);
        QVERIFY(Pipeline::load(truncated).error().message.contains(QStringLiteral("truncated")));
        QBuffer foreign;
        foreign.setData("not a pipeline at all");
        foreign.open(QIODevice::ReadOnly);
        QCOMPARE(Pipeline::load(foreign).error().message, QStringLiteral("not a Tandem pipeline"));
        QByteArray future = bytes;
        future[8] = char(42);
        QBuffer newer;
        newer.setData(future);
        newer.open(QIODevice::ReadOnly);
        QVERIFY(Pipeline::load(newer).error().message.contains(QStringLiteral("format version 42")));
        QBuffer unfitted;
        unfitted.open(QIODevice::WriteOnly);
        QVERIFY(!Pipeline().save(unfitted).ok());
    }

    void transformsAMillionRowsQuickly()
    {
        constexpr qint64 n = 1'000'000;
        constexpr int p = 20;
        std::mt19937_64 random(7);
        std::normal_distribution<double> normal(3.0, 2.0);
        std::vector<Data::Column> columns;
        for (int c = 0; c < p; ++c) {
            std::vector<double> values(static_cast<std::size_t>(n));
            Data::MissingMask mask;
            for (qint64 r = 0; r < n; ++r) {
                values[std::size_t(r)] = normal(random);
                if (c % 4 == 0 && r % 97 == 0) {
                    values[std::size_t(r)] = std::nan("");
                    mask.setMissing(r);
                }
            }
            columns.push_back(Data::Column::numeric(QStringLiteral("x%1").arg(c), std::move(values), std::move(mask)));
        }
        const auto data = build(std::move(columns));
        const std::vector<qint64> rows = Pipeline::allRows(*data);
        Pipeline pipeline;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(pipeline.fit(*data, rows, specFor({{"scaling", QStringLiteral("standard")}})).ok());
        const qint64 fitMs = timer.restart();
        auto X = pipeline.transform(*data, rows);
        const qint64 transformMs = timer.elapsed();
        QVERIFY(X.ok());
        QCOMPARE(X->rows(), Eigen::Index(n));
        QCOMPARE(X->cols(), Eigen::Index(p));
        QVERIFY(X->allFinite());
        QVERIFY(std::abs(X->col(1).mean()) < 1e-9);
        qInfo("1,000,000 x 20: fit %lld ms, transform %lld ms", fitMs, transformMs);
#ifdef NDEBUG
        QVERIFY2(transformMs < 1000, qPrintable(QStringLiteral("transform took %1 ms").arg(transformMs)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
