// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/FeatureBinning.h"

#include <QBuffer>
#include <QDataStream>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Tandem;
using namespace Tandem::Learn;

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

FeatureBinning fitted(const Matrix &X, const std::vector<int> &categories = {}, int maxBins = 255, int threads = 1)
{
    auto binning = FeatureBinning::fit(X, categories, maxBins, 7, threads);
    if (!binning.ok())
        qFatal("binning failed: %s", qPrintable(binning.error().message));
    return std::move(binning).value();
}

} // namespace

class TestBinning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fewValuesGetOneBinEachWithCartMidpoints()
    {
        Matrix X(6, 1);
        X << 3, 1, 2, 2, missing, 0.1;
        const FeatureBinning binning = fitted(X);
        QCOMPARE(binning.featureCount(), 1);
        QCOMPARE(binning.binCount(0), 4);
        QVERIFY(binning.hasExactBins(0));
        QCOMPARE(binning.threshold(0, 0), 0.1 / 2.0 + 1.0 / 2.0);
        QCOMPARE(binning.threshold(0, 1), 1.5);
        QCOMPARE(binning.threshold(0, 2), 2.5);
        QCOMPARE(binning.binValue(0, 3), 3.0);
        QCOMPARE(int(binning.binOf(0, 1.5)), 1);
        QCOMPARE(int(binning.binOf(0, 1.50001)), 2);
        QCOMPARE(int(binning.binOf(0, -100)), 0);
        QCOMPARE(int(binning.binOf(0, 100)), 3);
        QCOMPARE(int(binning.binOf(0, missing)), int(missingBin));
    }

    void manyValuesGetMidpointPercentileEdges_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("integers (counted)") << 1.0;
        QTest::newRow("fractions (sorted)") << 0.37;
    }

    void manyValuesGetMidpointPercentileEdges()
    {
        QFETCH(double, scale);
        // 0..999 (scaled) in a scrambled order: numpy.percentile(x, 10k, method="midpoint")
        // is at position 99.9k, the midpoint of values 100k-1 and 100k.
        Matrix X(1000, 1);
        for (int i = 0; i < 1000; ++i)
            X(i, 0) = double((i * 7919) % 1000) * scale;
        const FeatureBinning binning = fitted(X, {}, 10);
        QCOMPARE(binning.binCount(0), 10);
        QVERIFY(!binning.hasExactBins(0));
        for (int k = 1; k < 10; ++k) {
            const double below = (100.0 * k - 1) * scale, above = 100.0 * k * scale;
            QCOMPARE(binning.threshold(0, k - 1), above - (above - below) * 0.5);
        }
        const BinnedMatrix binned = binning.transform(X, 1);
        std::vector<int> sizes(10, 0);
        for (const BinCode code : binned.codes)
            ++sizes[code];
        for (const int size : sizes)
            QCOMPARE(size, 100);
    }

    void tiedEdgesMerge()
    {
        // 90 % zeros: the lower percentiles all fall on 0, and merge into one edge.
        Matrix X(1000, 1);
        for (int i = 0; i < 1000; ++i)
            X(i, 0) = i < 900 ? 0.0 : double(i);
        const FeatureBinning binning = fitted(X, {}, 20);
        QVERIFY(binning.binCount(0) < 20);
        QCOMPARE(int(binning.binOf(0, 0.0)), 0);
        for (int b = 1; b + 1 < binning.binCount(0); ++b)
            QVERIFY(binning.threshold(0, b) > binning.threshold(0, b - 1));
    }

    void categoricalCodesAreBins()
    {
        Matrix X(5, 2);
        X << 0, 1, 2, 2, 1, 300, 2, 4, 0, 5;
        const FeatureBinning binning = fitted(X, {3, 301});
        QVERIFY(binning.isCategorical(0));
        QCOMPARE(binning.binCount(0), 3);
        QCOMPARE(int(binning.binOf(0, 2)), 2);
        QCOMPARE(int(binning.binOf(0, 3)), int(missingBin));
        QCOMPARE(int(binning.binOf(0, -1)), int(missingBin));
        // More categories than bins: the codes are binned as numbers.
        QVERIFY(!binning.isCategorical(1));
        QCOMPARE(binning.binCount(1), 5);
    }

    void badArgumentsAreErrors()
    {
        const Matrix X = Matrix::Zero(3, 2);
        const auto tooFewBins = FeatureBinning::fit(X, {}, 1, 0, 1);
        QVERIFY(!tooFewBins.ok());
        QVERIFY(tooFewBins.error().message.contains(QStringLiteral("bins")));
        QVERIFY(!FeatureBinning::fit(X, {}, 256, 0, 1).ok());
        QVERIFY(!FeatureBinning::fit(X, {0, 0, 0}, 255, 0, 1).ok());
    }

    void transformIsTheSameOnAnyThreadCount()
    {
        Matrix X(300, 7);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = i % 11 == 0 ? missing : std::sin(double(i) * 0.37) * 100.0;
        const FeatureBinning one = fitted(X, {}, 32, 1), three = fitted(X, {}, 32, 3);
        const BinnedMatrix a = one.transform(X, 1), b = three.transform(X, 3);
        QVERIFY(a.codes == b.codes);
        QCOMPARE(a.rows, Eigen::Index(300));
        for (Eigen::Index f = 0; f < X.cols(); ++f)
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                QCOMPARE(a.column(f)[i], one.binOf(int(f), X(i, f)));
        QCOMPARE(int(a.column(0)[0]), int(missingBin));
    }

    void transformMatchesBinOfOnSkewedValues()
    {
        // Edges crowded into a few cells of transform's uniform grid (heavy tails,
        // a cluster, a span that overflows), probed at, between and beyond them.
        constexpr double infinity = std::numeric_limits<double>::infinity();
        const Eigen::Index rows = 4000;
        Matrix X(rows, 4);
        for (Eigen::Index i = 0; i < rows; ++i) {
            const double u = double((i * 7919) % rows) / double(rows);
            X(i, 0) = std::exp(60.0 * u - 30.0);
            X(i, 1) = i % 4 == 0 ? 1e6 * u : 1.0 + 1e-9 * u;
            X(i, 2) = (u - 0.5) * 1e308 * 3.0;
            X(i, 3) = std::tan(3.1 * (u - 0.5));
        }
        const FeatureBinning binning = fitted(X, {}, 255);
        Matrix probes(0, 4);
        for (int f = 0; f < 4; ++f) {
            std::vector<double> values = {-infinity, infinity, missing, 0.0, -0.0, 1.0};
            for (int b = 0; b + 1 < binning.binCount(f); ++b) {
                const double t = binning.threshold(f, b);
                values.insert(values.end(), {t, std::nextafter(t, infinity), std::nextafter(t, -infinity)});
            }
            if (Eigen::Index(values.size()) > probes.rows())
                probes.conservativeResize(Eigen::Index(values.size()), 4);
            for (Eigen::Index i = 0; i < probes.rows(); ++i)
                probes(i, f) = values[size_t(std::min<Eigen::Index>(i, Eigen::Index(values.size()) - 1))];
        }
        for (const Matrix *data : {&X, &probes}) {
            const BinnedMatrix binned = binning.transform(*data, 2);
            for (Eigen::Index f = 0; f < data->cols(); ++f)
                for (Eigen::Index i = 0; i < data->rows(); ++i)
                    QCOMPARE(int(binned.column(f)[i]), int(binning.binOf(int(f), (*data)(i, f))));
        }
    }

    void stopRequestsEndFitting()
    {
        Matrix X(100, 3);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = std::sin(double(i));
        const auto stopped = FeatureBinning::fit(X, {}, 255, 7, 2, [] { return true; });
        QVERIFY(!stopped.ok());
        QVERIFY(FeatureBinning::fit(X, {}, 255, 7, 2, [] { return false; }).ok());
    }

    void largeDataUsesASeededSubsample()
    {
        Matrix X(250000, 1);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            X(i, 0) = std::fmod(double(i) * 0.618033988749895, 1.0);
        const FeatureBinning a = fitted(X), b = fitted(X);
        QCOMPARE(a.binCount(0), 255);
        for (int bin = 0; bin + 1 < a.binCount(0); ++bin)
            QCOMPARE(a.threshold(0, bin), b.threshold(0, bin));
        // Quantiles of a sample of a uniform column: edges near k/255.
        QVERIFY(std::abs(a.threshold(0, 127) - 128.0 / 255.0) < 0.01);
    }

    void stateRoundTrips()
    {
        Matrix X(50, 3);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = double((i * 37) % 23);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            X(i, 2) = double(i % 5);
        const FeatureBinning binning = fitted(X, {0, 0, 5}, 8);
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QDataStream out(&buffer);
        binning.writeState(out);
        buffer.seek(0);
        QDataStream in(&buffer);
        FeatureBinning loaded;
        QVERIFY(loaded.readState(in).ok());
        QVERIFY(binning.transform(X, 1).codes == loaded.transform(X, 1).codes);
        QCOMPARE(loaded.isCategorical(2), true);
        QCOMPARE(loaded.binCount(0), binning.binCount(0));

        buffer.seek(0);
        QByteArray truncated = buffer.data().left(int(buffer.size() / 2));
        QDataStream damaged(truncated);
        FeatureBinning broken;
        QVERIFY(!broken.readState(damaged).ok());
    }
};

QTEST_GUILESS_MAIN(TestBinning)
#include "tst_binning.moc"
