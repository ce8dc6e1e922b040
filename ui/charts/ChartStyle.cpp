// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ChartStyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>
#include <QPalette>

namespace Tandem::Ui {

void applyChartPalette(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    // Grid lines a little apart from the background in both themes.
    QColor grid = text;
    grid.setAlphaF(0.12);
    QColor line = text;
    line.setAlphaF(0.45);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(line);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(QColor(grid.red(), grid.green(), grid.blue(), grid.alpha() / 2));
    }
}

} // namespace Tandem::Ui
