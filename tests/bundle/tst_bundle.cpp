// SPDX-License-Identifier: GPL-3.0-or-later
// Bundles: every model family survives the trip through a .tandem file and
// predicts bit-identically after it; the manifest says what the model needs and
// where it came from; bad files are refused with a reason and never crash.
#include "core/base/Version.h"
#include "core/bundle/Bundle.h"
#include "core/bundle/BundleFile.h"
#include "core/bundle/Scorer.h"
#include "tests/bundle/BundleTestData.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace Tandem;
using namespace Tandem::BundleTest;

namespace {

/// A small bundle to damage: `modelId` with `params` on 40 rows.
QByteArray smallBundleBytes(const QString &modelId = QStringLiteral("logreg"), const Learn::ParamValues &params = {})
{
    const auto data = table(40);
    Runs::RunSpec spec = specFor(modelId);
    spec.params = params;
    auto bundle = bundleFor(*data, spec);
    return bundle.ok() ? bundle.value().toBytes().value() : QByteArray();
}

/// `bytes` with the checksum recomputed over what precedes it: a change the
/// checksum no longer sees, so that what lies behind it is tested.
QByteArray resealed(QByteArray bytes)
{
    bytes.chop(32);
    return bytes + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFamilyRoundTrips_data()
    {
        QTest::addColumn<QString>("modelId");
        for (const Learn::ModelInfo &model : Learn::Registry::instance().models())
            QTest::newRow(qPrintable(model.id)) << model.id;
    }

    void everyFamilyRoundTrips()
    {
        QFETCH(QString, modelId);
        const auto data = table();
        QVERIFY(data);
        auto made = bundleFor(*data, specFor(modelId));
        QVERIFY2(made.ok(), qPrintable(made.error().message));
        const Bundle::Bundle &bundle = made.value();
        auto bytes = bundle.toBytes();
        QVERIFY(bytes.ok());
        auto loaded = Bundle::Bundle::fromBytes(bytes.value(), QStringLiteral("m.tandem"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));

        QCOMPARE(loaded.value().manifest().toJson(), bundle.manifest().toJson());
        QCOMPARE(loaded.value().pipelineBytes().value(), bundle.pipelineBytes().value());
        QCOMPARE(loaded.value().modelBytes().value(), bundle.modelBytes().value());
        // Written again, the file is the same bytes.
        QCOMPARE(loaded.value().toBytes().value(), bytes.value());

        const std::vector<qint64> rows = Learn::Pipeline::allRows(*data);
        const Learn::Matrix X = bundle.pipeline().transform(*data, rows).value();
        QVERIFY(sameBits(loaded.value().pipeline().transform(*data, rows).value(), X));
        QVERIFY(sameBits(loaded.value().model().predict(X).value(), bundle.model().predict(X).value()));
        if (bundle.manifest().task == Learn::Task::Classification)
            QVERIFY(sameBits(loaded.value().model().predictProba(X).value(), bundle.model().predictProba(X).value()));
    }

    void theManifestDescribesTheModelAndItsOrigin()
    {
        const auto data = table();
        auto made = bundleFor(*data, specFor(QStringLiteral("forest")));
        QVERIFY(made.ok());
        const Bundle::BundleManifest &m = made.value().manifest();
        QCOMPARE(m.modelId, QStringLiteral("forest"));
        QCOMPARE(m.modelName, QStringLiteral("Random forest"));
        QCOMPARE(m.task, Learn::Task::Classification);
        QCOMPARE(m.target, QStringLiteral("label"));
        QCOMPARE(m.targetType, Data::ColumnType::Categorical);
        QCOMPARE(m.classes, (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(m.appVersion, Base::appVersion());
        QVERIFY(qAbs(m.createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QCOMPARE(m.datasetFingerprint, data->fingerprint());
        QCOMPARE(m.fitScope, Bundle::FitScope::AllRows);
        QCOMPARE(m.fitRows, qint64(120));
        QCOMPARE(m.params.value(QStringLiteral("n_estimators")).toInt(), 100);
        QVERIFY(m.metrics.contains(QStringLiteral("accuracy")));
        QCOMPARE(m.runSpec, specFor(QStringLiteral("forest")).toJson());

        // The schema: every input with its type, the categories the model knows.
        const QList<Bundle::InputColumn> &inputs = m.inputs.columns();
        QCOMPARE(inputs.size(), 4);
        QCOMPARE(inputs.at(0).name, QStringLiteral("x"));
        QCOMPARE(inputs.at(0).type, Data::ColumnType::Numeric);
        QCOMPARE(inputs.at(1).type, Data::ColumnType::Integer);
        QCOMPARE(inputs.at(2).type, Data::ColumnType::Boolean);
        QCOMPARE(inputs.at(3).type, Data::ColumnType::Categorical);
        // (with the category missing cells are filled with)
        QCOMPARE(inputs.at(3).categories,
            (QStringList {
                QStringLiteral("blue"), QStringLiteral("green"), QStringLiteral("missing"), QStringLiteral("red")}));

        // The drift reference: the inputs' and the target's statistics, categories with their counts.
        QCOMPARE(m.profile.rows, qint64(120));
        QCOMPARE(qsizetype(m.profile.columns.size()), qsizetype(5));
        const Data::ColumnProfile &x = m.profile.columns.at(0);
        QCOMPARE(x.name, QStringLiteral("x"));
        QCOMPARE(x.missing, qint64(13)); // rows 4, 13, ..., 112
        QVERIFY(std::isfinite(x.mean) && std::isfinite(x.std) && std::isfinite(x.median));
        QVERIFY(!x.histogram.counts.empty());
        const Data::ColumnProfile &color = m.profile.columns.at(3);
        QCOMPARE(color.name, QStringLiteral("color"));
        QCOMPARE(color.top.size(), 3);
        qint64 counted = 0;
        for (const Data::TopValue &value : color.top)
            counted += value.count;
        QCOMPARE(counted + color.missing, qint64(120));

        // JSON round trip of the manifest alone.
        const auto again = Bundle::BundleManifest::fromJson(m.toJson());
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(again.value().toJson(), m.toJson());
    }

    void filesAreRefusedWithDistinctReasons()
    {
        QTemporaryDir dir;
        const QByteArray bytes = smallBundleBytes();
        QVERIFY(!bytes.isEmpty());
        const auto write = [&dir](const QString &name, const QByteArray &content) {
            QFile file(dir.filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? file.fileName()
                                                                                            : QString();
        };
        const auto message = [](const QString &path) {
            const auto loaded = Bundle::Bundle::load(path);
            return loaded.ok() ? QString() : loaded.error().toString();
        };
        const QString good = write(QStringLiteral("good.tandem"), bytes);
        QVERIFY(Bundle::Bundle::load(good).ok());
        QVERIFY(Bundle::Bundle::loadManifest(good).ok());

        const QString csv = write(QStringLiteral("data.tandem"), tableCsv(5));
        QCOMPARE(message(csv),
            csv + QStringLiteral(": not a Tandem model bundle (it does not start with a bundle's signature)"));
        QByteArray newerBytes = bytes;
        qToLittleEndian<quint32>(7, newerBytes.data() + 8);
        const QString newer = write(QStringLiteral("newer.tandem"), newerBytes);
        QVERIFY(message(newer).endsWith(QStringLiteral("made by a newer Tandem (format 7); this is format 1: open it "
                                                       "with that version or later")));
        QVERIFY(!Bundle::Bundle::loadManifest(newer).ok());
        const QString truncated = write(QStringLiteral("cut.tandem"), bytes.first(bytes.size() / 2));
        QVERIFY(message(truncated).startsWith(truncated + QStringLiteral(": the bundle is truncated: section")));
        QByteArray tamperedBytes = bytes;
        tamperedBytes[bytes.size() - 100] = char(tamperedBytes[bytes.size() - 100] ^ 1);
        const QString tampered = write(QStringLiteral("tampered.tandem"), tamperedBytes);
        QCOMPARE(message(tampered),
            tampered
                + QStringLiteral(
                    ": the bundle is damaged or was modified: its SHA-256 checksum does not match its content"));
        QVERIFY(
            message(dir.filePath(QStringLiteral("missing.tandem"))).contains(QStringLiteral("cannot open the bundle")));

        // Parts that do not belong together: a manifest naming another model.
        auto sections = Bundle::BundleFile::decode(bytes, QStringLiteral("good.tandem")).value();
        sections.manifest.replace("\"id\":\"logreg\"", "\"id\":\"knn\"");
        const QString mixed = write(QStringLiteral("mixed.tandem"), Bundle::BundleFile::encode(sections));
        QVERIFY2(message(mixed).contains(QStringLiteral("the bundle is inconsistent: the manifest names model knn")),
            qPrintable(message(mixed)));
        sections.manifest = "[1, 2]";
        const QString notJson = write(QStringLiteral("array.tandem"), Bundle::BundleFile::encode(sections));
        QVERIFY(message(notJson).contains(QStringLiteral("the bundle's manifest is damaged")));
    }

    void savingReplacesTheWholeFile()
    {
        QTemporaryDir dir;
        const auto data = table(40);
        auto first = bundleFor(*data, specFor(QStringLiteral("logreg")));
        auto second = bundleFor(*data, specFor(QStringLiteral("gnb")));
        QVERIFY(first.ok() && second.ok());
        const QString path = dir.filePath(QStringLiteral("m.tandem"));
        QVERIFY(first.value().save(path).ok());
        QVERIFY(second.value().save(path).ok());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("m.tandem")});
        QCOMPARE(Bundle::Bundle::load(path).value().manifest().modelId, QStringLiteral("gnb"));
        // A path that cannot be a file fails and leaves what is there.
        const Base::Status failed = first.value().save(dir.path());
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().file, dir.path());
        QVERIFY(QFileInfo(dir.path()).isDir());
    }

    void noChangedByteCrashesTheLoader_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addColumn<Learn::ParamValues>("params");
        const auto p = [](const char *name, const QVariant &value) {
            return Learn::ParamValues {{QString::fromLatin1(name), value}};
        };
        QTest::newRow("logreg") << QStringLiteral("logreg") << Learn::ParamValues();
        QTest::newRow("gnb") << QStringLiteral("gnb") << Learn::ParamValues();
        QTest::newRow("cnb") << QStringLiteral("cnb") << Learn::ParamValues();
        QTest::newRow("knn") << QStringLiteral("knn") << Learn::ParamValues();
        QTest::newRow("tree") << QStringLiteral("tree") << p("max_depth", 3);
        QTest::newRow("forest") << QStringLiteral(
            "forest") << Learn::ParamValues {{QStringLiteral("n_estimators"), 2}, {QStringLiteral("max_depth"), 2}};
        QTest::newRow("gbdt") << QStringLiteral(
            "gbdt") << Learn::ParamValues {{QStringLiteral("n_estimators"), 2}, {QStringLiteral("max_depth"), 2}};
        QTest::newRow("mlp_reg") << QStringLiteral("mlp_reg")
                                 << Learn::ParamValues {{QStringLiteral("hidden_layer_sizes"), QStringLiteral("3")},
                                        {QStringLiteral("max_iter"), 5}};
    }

    void noChangedByteCrashesTheLoader()
    {
        // Bytes of a small bundle, changed: the checksum refuses each. Then the same
        // changes sealed with a fresh checksum, so that the manifest, pipeline and
        // model readers meet them: each is refused or loads, never crashes (nor asks
        // for absurd memory), and what loads scores without crashing.
        QFETCH(QString, modelId);
        QFETCH(Learn::ParamValues, params);
        const QByteArray bytes = smallBundleBytes(modelId, params);
        QVERIFY(!bytes.isEmpty());
        const auto data = table(10);
        Bundle::RowPlaces places;
        places.source = QStringLiteral("t.csv");
        qsizetype loadedAfterReseal = 0;
        const qsizetype stride = std::max<qsizetype>(1, bytes.size() / 1500);
        for (qsizetype at = 0; at < bytes.size(); at += (at < 400 ? 1 : stride)) {
            for (const char mask : {'\x01', '\x10', '\xFF'}) {
                QByteArray changed = bytes;
                changed[at] = char(changed[at] ^ mask);
                QVERIFY2(!Bundle::Bundle::fromBytes(changed, QStringLiteral("m.tandem")).ok(),
                    qPrintable(QStringLiteral("byte %1 changed, still loaded").arg(at)));
                if (at < 16 || at >= bytes.size() - 32)
                    continue;
                auto loaded = Bundle::Bundle::fromBytes(resealed(changed), QStringLiteral("m.tandem"));
                if (!loaded.ok()) {
                    QVERIFY(!loaded.error().message.isEmpty());
                    continue;
                }
                ++loadedAfterReseal;
                const Bundle::Scorer scorer(std::make_shared<const Bundle::Bundle>(std::move(loaded).value()));
                static_cast<void>(scorer.score(*data, places, {true, true}));
            }
        }
        // Most of a bundle is numbers and text a change leaves readable.
        QVERIFY(loadedAfterReseal > 0);
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
