// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/LineChart.h"

#include "ui/charts/ChartStyle.h"
#include "ui/charts/RunColors.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace Tandem::Ui {

LineChart::LineChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_message(new QLabel(this))
    , m_xAxis(new QValueAxis)
    , m_yAxis(new QValueAxis)
{
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);
    m_xAxis->setLabelFormat(QStringLiteral("%d"));
    m_yAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setEnabled(false);
    m_message->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addWidget(m_message);
    applyPalette();
}

void LineChart::clearSeries()
{
    m_chart->removeAllSeries();
    m_series.clear();
}

void LineChart::setSeries(
    const QString &title, const QList<Series> &series, const QString &xTitle, const QString &yTitle)
{
    bool sameNames = series.size() == m_data.size();
    for (qsizetype i = 0; sameNames && i < series.size(); ++i)
        sameNames = series[i].name == m_data[i].name;
    if (!sameNames) {
        clearSeries();
        // Colours by name (RunColors::forKeys): "train_loss" looks the same in every chart.
        QStringList names;
        for (const Series &s : series)
            names << s.name;
        const QList<QColor> colours = RunColors::forKeys(names, palette());
        for (qsizetype i = 0; i < series.size(); ++i) {
            auto *line = new QLineSeries;
            line->setName(series[i].name);
            QPen pen(colours[i]);
            pen.setWidthF(2.0);
            line->setPen(pen);
            m_chart->addSeries(line);
            line->attachAxis(m_xAxis);
            line->attachAxis(m_yAxis);
            m_series.append(line);
        }
    }
    m_data = series;

    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin, yMin = xMin, yMax = -xMin;
    for (qsizetype i = 0; i < series.size(); ++i) {
        QList<QPointF> finite;
        finite.reserve(series[i].points.size());
        for (const QPointF &p : series[i].points) {
            if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
                continue;
            finite.append(p);
            xMin = std::min(xMin, p.x());
            xMax = std::max(xMax, p.x());
            yMin = std::min(yMin, p.y());
            yMax = std::max(yMax, p.y());
        }
        m_series[i]->replace(finite);
    }
    if (!std::isfinite(xMin)) {
        xMin = 0.0, xMax = 1.0, yMin = 0.0, yMax = 1.0;
    }
    if (xMax <= xMin)
        xMax = xMin + 1.0;
    const double pad = yMax > yMin ? (yMax - yMin) * 0.05 : std::max(std::abs(yMax) * 0.05, 0.5);
    m_xAxis->setRange(xMin, xMax);
    m_xAxis->setTickCount(std::clamp(int(xMax - xMin) + 1, 2, 6));
    m_yAxis->setRange(yMin - pad, yMax + pad);
    m_xAxis->setTitleText(xTitle);
    m_yAxis->setTitleText(yTitle);
    m_chart->setTitle(title);
    m_chart->legend()->setVisible(series.size() > 1);
    applyPalette();
    m_message->hide();
    m_view->show();
}

void LineChart::showMessage(const QString &message)
{
    clearSeries();
    m_data.clear();
    m_message->setText(message);
    m_view->hide();
    m_message->show();
}

QStringList LineChart::seriesNames() const
{
    QStringList names;
    for (const Series &s : m_data)
        names << s.name;
    return names;
}

QList<QPointF> LineChart::points(int index) const
{
    return index >= 0 && index < m_data.size() ? m_data[index].points : QList<QPointF>();
}

bool LineChart::showsMessage() const
{
    return !m_message->isHidden();
}

QString LineChart::message() const
{
    return m_message->text();
}

void LineChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void LineChart::applyPalette()
{
    applyChartPalette(m_chart, palette());
    const QList<QColor> colours = RunColors::forKeys(seriesNames(), palette());
    for (qsizetype i = 0; i < m_series.size() && i < colours.size(); ++i) {
        QPen pen = m_series[i]->pen();
        pen.setColor(colours[i]);
        m_series[i]->setPen(pen);
    }
}

} // namespace Tandem::Ui
