// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftSvg.h"

#include "core/drift/FeatureSketch.h"
#include "core/plot/Ticks.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Drift {
namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString num(double value)
{
    return QString::number(value, 'f', 1);
}

QString tickText(double value)
{
    return QString::number(std::abs(value) < 1e-12 ? 0.0 : value, 'g', 4);
}

/// Maps data coordinates onto a plot rectangle.
struct Frame {
    double left, top, width, height;
    double xLow, xHigh, yLow, yHigh;

    double x(double value) const { return left + (value - xLow) / (xHigh - xLow) * width; }
    double y(double value) const { return top + height - (value - yLow) / (yHigh - yLow) * height; }
};

void widen(double &low, double &high)
{
    if (!(high > low)) {
        const double pad = std::abs(low) > 0 ? std::abs(low) * 0.1 : 0.5;
        low -= pad;
        high += pad;
    }
}

QString openSvg(int width, int height, const QString &title)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                          "role=\"img\" aria-label=\"%3\" font-family=\"sans-serif\" font-size=\"11\">"
                          "<title>%3</title>")
        .arg(width)
        .arg(height)
        .arg(esc(title));
}

using TickFormat = QString (*)(double);

QString powerOfTenText(double exponent)
{
    return exponent == 0.0 ? QStringLiteral("1") : QStringLiteral("1e%1").arg(exponent, 0, 'f', 0);
}

QString dayText(double msecs)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(msecs)), Qt::UTC).date().toString(Qt::ISODate);
}

/// Axes, grid lines, tick labels and axis titles of `frame`.
QString axes(const Frame &f, const QString &xTitle, const QString &yTitle, bool xTicks, TickFormat xText = tickText,
    TickFormat yText = tickText)
{
    QString svg;
    std::vector<double> yTicks = Plot::linearTicks(f.yLow, f.yHigh, 6);
    if (yText == powerOfTenText) // whole powers of ten only
        yTicks.erase(
            std::remove_if(yTicks.begin(), yTicks.end(), [](double t) { return t != std::round(t); }), yTicks.end());
    for (const double t : yTicks) {
        svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#e3e3e3\"/>"
                              "<text x=\"%4\" y=\"%5\" text-anchor=\"end\" fill=\"#555\">%6</text>")
                   .arg(num(f.left), num(f.y(t)), num(f.left + f.width), num(f.left - 5), num(f.y(t) + 4),
                       esc(yText(t)));
    }
    if (xTicks) {
        const int spacing = xText == dayText ? 110 : 80;
        for (const double t : Plot::linearTicks(f.xLow, f.xHigh, std::max(2, int(f.width / spacing)))) {
            svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"#999\"/>"
                                  "<text x=\"%1\" y=\"%4\" text-anchor=\"middle\" fill=\"#555\">%5</text>")
                       .arg(num(f.x(t)), num(f.top + f.height), num(f.top + f.height + 4), num(f.top + f.height + 16),
                           esc(xText(t)));
        }
    }
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#999\"/>"
                          "<line x1=\"%1\" y1=\"%4\" x2=\"%1\" y2=\"%2\" stroke=\"#999\"/>")
               .arg(num(f.left), num(f.top + f.height), num(f.left + f.width), num(f.top));
    if (!xTitle.isEmpty()) {
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#333\">%3</text>")
                   .arg(num(f.left + f.width / 2), num(f.top + f.height + 32), esc(xTitle));
    }
    if (!yTitle.isEmpty()) {
        svg += QStringLiteral("<text transform=\"translate(%1 %2) rotate(-90)\" text-anchor=\"middle\" "
                              "fill=\"#333\">%3</text>")
                   .arg(num(14), num(f.top + f.height / 2), esc(yTitle));
    }
    return svg;
}

QString titleAndLegend(const QString &title, const QList<std::pair<QString, QString>> &entries, int width)
{
    QString svg = QStringLiteral("<text x=\"%1\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" "
                                 "font-weight=\"bold\" fill=\"#222\">%2</text>")
                      .arg(num(width / 2.0), esc(title));
    double x = 56;
    for (const auto &[name, colour] : entries) {
        svg += QStringLiteral("<rect x=\"%1\" y=\"26\" width=\"12\" height=\"10\" fill=\"%2\" fill-opacity=\"0.6\" "
                              "stroke=\"%2\"/><text x=\"%3\" y=\"35\" fill=\"#333\">%4</text>")
                   .arg(num(x), colour, num(x + 16), esc(name));
        x += 28 + 6.5 * double(name.size());
    }
    return svg;
}

} // namespace

QString referenceColour()
{
    return QStringLiteral("#3b6fb6");
}

QString currentColour()
{
    return QStringLiteral("#e0701e");
}

QString svgLineChart(const SvgLineChart &input)
{
    // A log axis is a linear one over log10 of the values, labelled as powers of ten.
    // Values <= 0 (a p-value of 0) sit a decade below the smallest positive one.
    SvgLineChart chart = input;
    if (chart.logY) {
        double smallest = 1.0;
        for (const SvgSeries &s : chart.series) {
            for (const double y : s.y) {
                if (y > 0.0)
                    smallest = std::min(smallest, y);
            }
        }
        for (SvgSeries &s : chart.series) {
            for (double &y : s.y) {
                if (!std::isnan(y))
                    y = std::log10(y > 0.0 ? y : smallest / 10.0);
            }
        }
    }
    double xLow = std::numeric_limits<double>::infinity(), xHigh = -xLow, yLow = xLow, yHigh = -xLow;
    for (const SvgSeries &s : chart.series) {
        for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]))
                continue;
            xLow = std::min(xLow, s.x[i]);
            xHigh = std::max(xHigh, s.x[i]);
            yLow = std::min(yLow, s.y[i]);
            yHigh = std::max(yHigh, s.y[i]);
        }
    }
    if (!std::isfinite(xLow)) {
        xLow = yLow = 0.0;
        xHigh = yHigh = 1.0;
    }
    widen(xLow, xHigh);
    widen(yLow, yHigh);
    const double pad = (yHigh - yLow) * 0.08;
    const Frame f {
        62, 48, double(chart.width) - 62 - 18, double(chart.height) - 48 - 42, xLow, xHigh, yLow - pad, yHigh + pad};

    QString svg = openSvg(chart.width, chart.height, chart.title);
    QList<std::pair<QString, QString>> legend;
    for (const SvgSeries &s : chart.series)
        legend.append({s.name, s.colour});
    svg += titleAndLegend(chart.title, legend, chart.width);
    svg += axes(f, chart.xTitle, chart.yTitle, true, tickText, chart.logY ? powerOfTenText : tickText);
    for (const SvgSeries &s : chart.series) {
        const QString dash = s.dashed ? QStringLiteral(" stroke-dasharray=\"6 4\"") : QString();
        QStringList points;
        const auto flush = [&] {
            if (points.size() > 1) {
                svg += QStringLiteral("<polyline fill=\"none\" stroke=\"%1\" stroke-width=\"2\"%2 points=\"%3\"/>")
                           .arg(s.colour, dash, points.join(QLatin1Char(' ')));
            }
            points.clear();
        };
        for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
                flush();
                continue;
            }
            points << num(f.x(s.x[i])) + QLatin1Char(',') + num(f.y(s.y[i]));
            if (s.markers) {
                svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"3\" fill=\"%3\"><title>%4: %5</title></circle>")
                           .arg(num(f.x(s.x[i])), num(f.y(s.y[i])), s.colour, esc(s.name),
                               esc(tickText(chart.logY ? std::pow(10.0, s.y[i]) : s.y[i])));
            }
        }
        flush();
    }
    return svg + QStringLiteral("</svg>");
}

QString svgDistribution(const FeatureSketch &sketch, const QString &title, bool dates, int width, int height)
{
    const std::vector<double> shares[2] = {sketch.referenceShares(), sketch.currentShares()};
    const QString colours[2] = {referenceColour(), currentColour()};
    double top = 0.0;
    for (const auto &side : shares) {
        for (const double share : side)
            top = std::max(top, share);
    }
    if (!(top > 0.0))
        top = 1.0;
    const bool numeric = sketch.kind == FeatureKind::Numeric;
    const qsizetype categories = sketch.labels.size();
    const bool slanted = !numeric && categories > 6;
    const double bottom = slanted ? 78 : 42;
    QString svg = openSvg(width, height, title);
    svg += titleAndLegend(
        title, {{QStringLiteral("reference"), colours[0]}, {QStringLiteral("current"), colours[1]}}, width);
    if (numeric && sketch.edges.size() >= 2) {
        const Frame f {62, 48, double(width) - 62 - 18, double(height) - 48 - bottom, sketch.edges.front(),
            sketch.edges.back(), 0.0, top * 1.08};
        svg += axes(f, QString(), QStringLiteral("share"), true, dates ? dayText : tickText);
        for (int side = 0; side < 2; ++side) {
            for (std::size_t b = 0; b + 1 < sketch.edges.size() && b < shares[side].size(); ++b) {
                const double x0 = f.x(sketch.edges[b]), x1 = f.x(sketch.edges[b + 1]);
                const double y = f.y(shares[side][b]);
                svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\" "
                                      "fill-opacity=\"0.4\" stroke=\"%5\" stroke-width=\"1\"/>")
                           .arg(num(x0), num(y), num(std::max(0.0, x1 - x0)), num(f.top + f.height - y), colours[side]);
            }
        }
    } else if (!numeric && categories > 0) {
        const Frame f {
            62, 48, double(width) - 62 - 18, double(height) - 48 - bottom, 0.0, double(categories), 0.0, top * 1.08};
        svg += axes(f, QString(), QStringLiteral("share"), false);
        const double group = f.width / double(categories);
        for (qsizetype c = 0; c < categories; ++c) {
            for (int side = 0; side < 2; ++side) {
                const double share = std::size_t(c) < shares[side].size() ? shares[side][std::size_t(c)] : 0.0;
                const double x = f.left + group * (double(c) + 0.1 + 0.4 * side);
                svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\" "
                                      "fill-opacity=\"0.75\"><title>%6 (%7): %8</title></rect>")
                           .arg(num(x), num(f.y(share)), num(group * 0.4), num(f.top + f.height - f.y(share)),
                               colours[side], esc(sketch.labels[c]),
                               side == 0 ? QStringLiteral("reference") : QStringLiteral("current"),
                               esc(tickText(share)));
            }
            QString label = sketch.labels[c];
            if (label.size() > 16)
                label = label.left(15) + QStringLiteral("\u2026");
            const double cx = f.left + group * (double(c) + 0.5);
            const double ly = f.top + f.height + 14;
            svg += slanted ? QStringLiteral("<text transform=\"translate(%1 %2) rotate(-35)\" text-anchor=\"end\" "
                                            "fill=\"#555\">%3</text>")
                                 .arg(num(cx), num(ly), esc(label))
                           : QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#555\">%3</text>")
                                 .arg(num(cx), num(ly), esc(label));
        }
    }
    return svg + QStringLiteral("</svg>");
}

QString svgSparkline(const FeatureSketch &sketch, int width, int height)
{
    const std::vector<double> shares[2] = {sketch.referenceShares(), sketch.currentShares()};
    const QString colours[2] = {referenceColour(), currentColour()};
    double top = 0.0;
    for (const auto &side : shares) {
        for (const double share : side)
            top = std::max(top, share);
    }
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                                 "viewBox=\"0 0 %1 %2\" aria-hidden=\"true\">")
                      .arg(width)
                      .arg(height);
    const std::size_t bins = std::max(shares[0].size(), shares[1].size());
    if (!(top > 0.0) || bins == 0)
        return svg + QStringLiteral("</svg>");
    const double w = double(width), h = double(height) - 1;
    const double binWidth = w / double(bins);
    for (int side = 0; side < 2; ++side) {
        if (sketch.kind == FeatureKind::Numeric) {
            QStringList points {QStringLiteral("0,%1").arg(num(h))};
            for (std::size_t b = 0; b < shares[side].size(); ++b) {
                const double y = h - shares[side][b] / top * (h - 1);
                points << QStringLiteral("%1,%2").arg(num(binWidth * double(b)), num(y))
                       << QStringLiteral("%1,%2").arg(num(binWidth * double(b + 1)), num(y));
            }
            points << QStringLiteral("%1,%2").arg(num(w), num(h));
            svg += QStringLiteral("<polygon points=\"%1\" fill=\"%2\" fill-opacity=\"0.35\" stroke=\"%2\" "
                                  "stroke-width=\"1\"/>")
                       .arg(points.join(QLatin1Char(' ')), colours[side]);
        } else {
            for (std::size_t b = 0; b < shares[side].size(); ++b) {
                const double barHeight = shares[side][b] / top * (h - 1);
                svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>")
                           .arg(num(binWidth * (double(b) + 0.1 + 0.4 * side)), num(h - barHeight), num(binWidth * 0.4),
                               num(barHeight), colours[side]);
            }
        }
    }
    return svg + QStringLiteral("</svg>");
}

} // namespace Tandem::Drift
