// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <vector>

namespace Tandem::Drift {

struct FeatureSketch;

/// Small SVG charts for the HTML drift report: plain markup, no scripts, every
/// text escaped, so they read in any browser straight from the file.

/// The colours of the two sides in every chart of the report.
QString referenceColour();
QString currentColour();

/// A line in an SVG line chart; a series of two points with `dashed` draws a level.
struct SvgSeries {
    QString name;
    QString colour;
    std::vector<double> x;
    std::vector<double> y; ///< NaN leaves a gap
    bool dashed = false;
    bool markers = true;
};

struct SvgLineChart {
    QString title;
    QString xTitle;
    QString yTitle;
    /// A log10 value axis (p-values): values <= 0 sit a decade below the smallest positive one.
    bool logY = false;
    QList<SvgSeries> series;
    int width = 640;
    int height = 260;
};

/// A line chart with axes, ticks and a legend.
QString svgLineChart(const SvgLineChart &chart);

/// A feature's two distributions: overlaid histograms (numeric) or bars side by
/// side (categorical), as shares of each side, with axes and a legend. With
/// `dates` the bin edges are datetimes in milliseconds, labelled as days.
QString svgDistribution(
    const FeatureSketch &sketch, const QString &title, bool dates = false, int width = 640, int height = 240);

/// The same, tiny and without axes: the sparkline of a table row.
QString svgSparkline(const FeatureSketch &sketch, int width = 120, int height = 28);

} // namespace Tandem::Drift
