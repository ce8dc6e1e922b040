// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/BarChart.h"

#include "ui/charts/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Tandem::Ui {

BarChart::BarChart(QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_view(new QChartView(m_chart, this)), m_message(new QLabel(this))
{
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setEnabled(false);
    m_message->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addWidget(m_message);
    applyPalette();
}

void BarChart::setBars(const QString &title, const QList<Bar> &bars, const QString &valueTitle)
{
    m_bars = bars;
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis);
    m_chart->setTitle(title);

    auto *set = new QBarSet(valueTitle);
    QStringList labels;
    double top = 0.0;
    // Long category lists would print every label on top of each other: keep about
    // five and leave the rest blank (hovering still names every bar).
    const int every = std::max<int>(1, int(bars.size() + 4) / 5);
    for (int i = 0; i < bars.size(); ++i) {
        set->append(bars[i].value);
        top = std::max(top, bars[i].value);
        labels << (i % every == 0 ? bars[i].label : QString(i, QLatin1Char(' ')));
    }
    set->setColor(palette().color(QPalette::Highlight));
    set->setBorderColor(palette().color(QPalette::Highlight).darker(120));
    auto *series = new QBarSeries;
    series->setBarWidth(0.9);
    series->append(set);
    m_chart->addSeries(series);

    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setTruncateLabels(false);
    auto *values = new QValueAxis;
    values->setRange(0.0, top > 0 ? top * 1.05 : 1.0);
    values->setTitleText(valueTitle);
    values->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->addAxis(categories, Qt::AlignBottom);
    m_chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    connect(set, &QBarSet::hovered, this, [this](bool inside, int index) {
        if (inside)
            hoverBar(index);
        else
            QToolTip::hideText();
    });
    applyPalette();
    m_message->hide();
    m_view->show();
}

void BarChart::showMessage(const QString &message)
{
    m_bars.clear();
    m_chart->removeAllSeries();
    m_message->setText(message);
    m_view->hide();
    m_message->show();
}

void BarChart::hoverBar(int index)
{
    if (index < 0 || index >= m_bars.size())
        return;
    const Bar &bar = m_bars.at(index);
    m_lastHover
        = bar.toolTip.isEmpty() ? QStringLiteral("%1: %2").arg(bar.label, QLocale().toString(bar.value)) : bar.toolTip;
    if (isVisible())
        QToolTip::showText(QCursor::pos(), m_lastHover, this);
}

void BarChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void BarChart::applyPalette()
{
    // The chart follows the window's palette (light or dark) instead of a fixed theme.
    applyChartPalette(m_chart, palette());
}

} // namespace Tandem::Ui
