// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/FeatureSketch.h"

#include "core/data/Dataset.h"
#include "core/drift/DriftReport.h"
#include "core/drift/QuantileBins.h"
#include "core/drift/SortedSample.h"
#include "core/learn/optim/RowBlocks.h"

#include <algorithm>
#include <exception>
#include <numeric>
#include <thread>

namespace Tandem::Drift {
namespace {

std::vector<double> sharesOf(const std::vector<qint64> &counts)
{
    const double total = double(std::accumulate(counts.cbegin(), counts.cend(), qint64(0)));
    std::vector<double> shares(counts.size(), 0.0);
    if (total > 0.0) {
        for (std::size_t i = 0; i < counts.size(); ++i)
            shares[i] = double(counts[i]) / total;
    }
    return shares;
}

void ecdfOf(const std::vector<double> &sorted, int points, std::vector<double> &x, std::vector<double> &y)
{
    const std::size_t n = sorted.size();
    if (n == 0 || points < 2)
        return;
    const std::size_t m = std::min(n, std::size_t(points));
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t index = m == 1 ? 0 : (i * (n - 1) + (m - 1) / 2) / (m - 1);
        const double value = sorted[index];
        if (!x.empty() && x.back() == value)
            continue;
        const auto atOrBelow = std::upper_bound(sorted.cbegin(), sorted.cend(), value) - sorted.cbegin();
        x.push_back(value);
        y.push_back(double(atOrBelow) / double(n));
    }
}

void sketchNumeric(
    const Data::Column &reference, const Data::Column &current, const SketchOptions &options, FeatureSketch &sketch)
{
    const SortedSample left = sortedSample(reference);
    const SortedSample right = sortedSample(current);
    ecdfOf(left.values, options.ecdfPoints, sketch.referenceEcdfX, sketch.referenceEcdfY);
    ecdfOf(right.values, options.ecdfPoints, sketch.currentEcdfX, sketch.currentEcdfY);
    if (left.values.empty() && right.values.empty())
        return;
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const std::vector<double> *values : {&left.values, &right.values}) {
        if (!values->empty()) {
            low = std::min(low, values->front());
            high = std::max(high, values->back());
        }
    }
    const int bins = std::max(1, options.bins);
    if (!(high > low)) { // one value: one bin around it
        low -= 0.5;
        high += 0.5;
    }
    sketch.edges.resize(std::size_t(bins) + 1);
    for (int i = 0; i <= bins; ++i)
        sketch.edges[std::size_t(i)] = i == bins ? high : low + (high - low) * double(i) / double(bins);
    // binCounts' bins are (-inf, e1), [e1, e2), ..., [eB, inf): the inner edges give
    // exactly these bins, the highest value in the last one.
    const std::span<const double> inner(sketch.edges.data() + 1, std::size_t(bins) - 1);
    sketch.reference = binCounts(left.values, inner);
    sketch.current = binCounts(right.values, inner);
}

void sketchCategorical(const FeatureDrift &drift, const SketchOptions &options, FeatureSketch &sketch)
{
    const FeatureDistribution &d = drift.distribution;
    const std::size_t count = std::min(std::size_t(d.labels.size()), std::min(d.reference.size(), d.current.size()));
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    const auto shown = std::size_t(std::max(1, options.categories));
    if (count > shown) {
        // The most frequent over both sides (by share, so a small current sample
        // counts as much as a large reference), ties in the labels' order.
        const std::vector<double> left = sharesOf(d.reference), right = sharesOf(d.current);
        std::stable_sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return left[a] + right[a] > left[b] + right[b]; });
        order.resize(shown);
        std::sort(order.begin(), order.end());
    }
    for (const std::size_t i : order) {
        sketch.labels << d.labels[qsizetype(i)];
        sketch.reference.push_back(d.reference[i]);
        sketch.current.push_back(d.current[i]);
    }
    if (count > shown) {
        const auto total
            = [](const std::vector<qint64> &v) { return std::accumulate(v.cbegin(), v.cend(), qint64(0)); };
        sketch.labels << FeatureSketch::otherLabel();
        sketch.reference.push_back(total(d.reference) - total(sketch.reference));
        sketch.current.push_back(total(d.current) - total(sketch.current));
    }
}

} // namespace

std::vector<double> FeatureSketch::referenceShares() const
{
    return sharesOf(reference);
}

std::vector<double> FeatureSketch::currentShares() const
{
    return sharesOf(current);
}

QString FeatureSketch::otherLabel()
{
    return QStringLiteral("(other)");
}

FeatureSketch sketchFeature(
    const Data::Column &reference, const Data::Column &current, const FeatureDrift &drift, const SketchOptions &options)
{
    FeatureSketch sketch;
    sketch.kind = drift.kind;
    if (drift.kind == FeatureKind::Numeric)
        sketchNumeric(reference, current, options, sketch);
    else
        sketchCategorical(drift, options, sketch);
    return sketch;
}

Base::Result<std::vector<FeatureSketch>> sketchFeatures(const Data::Dataset &reference, const Data::Dataset &current,
    const DriftReport &report, const SketchOptions &options, int threads, const Base::Progress &progress)
{
    const std::vector<FeatureDrift> &features = report.features();
    std::vector<FeatureSketch> sketches(features.size());
    for (const FeatureDrift &f : features) {
        if (reference.indexOf(f.name) < 0 || current.indexOf(f.name) < 0)
            return Base::Error(QStringLiteral("Column '%1' of the drift report is not in both datasets").arg(f.name));
    }
    const auto count = Eigen::Index(features.size());
    std::atomic<Eigen::Index> done {0};
    const QString stage = QStringLiteral("Drawing distributions");
    const auto stopRequested = [&] {
        if (count > 0)
            progress.report(double(done.load()) / double(count), stage);
        return progress.stopRequested();
    };
    const int workers = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    bool finished = false;
    try {
        finished = Learn::Optim::forEachBlock(
            workers, count,
            [&](Eigen::Index index) {
                const FeatureDrift &f = features[std::size_t(index)];
                sketches[std::size_t(index)] = sketchFeature(
                    reference.column(reference.indexOf(f.name)), current.column(current.indexOf(f.name)), f, options);
                ++done;
            },
            stopRequested);
    } catch (const std::exception &e) {
        return Base::Error(
            QStringLiteral("Drawing the distributions failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    if (!finished || progress.stopRequested())
        return Base::Error(DriftReport::cancelledMessage());
    progress.report(1.0, stage);
    return sketches;
}

} // namespace Tandem::Drift
